package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.FakeDirectory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Plan-only mode for portable hosts: the plug-in's HostAccountConfig, the Secret without a password, the steps
 * to carry out by hand and one audit event; nothing when the input is refused.
 */
class PlanOnlyTests {

	private final FakeCluster cluster = new FakeCluster();

	private final List<AuditEvent> events = new ArrayList<>();

	private final PlanOnly planOnly = new PlanOnly(this.cluster, this.events::add,
			(domain, name) -> java.util.Optional.empty());

	@Test
	void portableHostsGetThePlugInsCredSpecASecretWithoutPasswordAndTheProofStep() {
		PlanOnly.Artifacts artifacts = this.planOnly.generate(portable("apps:web01-ccg"), FakeDirectory.CONTOSO);

		assertThat(artifacts.credSpecJson()).contains("\"HostAccountConfig\"", KnownPlugin.KUBERNETES_SECRET.clsid(),
				"\"PluginInput\": \"apps:web01-ccg\"");
		assertThat(artifacts.steps()).extracting(PlannedStep::kind).containsExactly(StepKind.ENSURE_KDS_ROOT_KEY,
				StepKind.ENSURE_GROUP, StepKind.ENSURE_GMSA, StepKind.ENSURE_PORTABLE_USER, StepKind.ENSURE_MEMBERSHIP,
				StepKind.PROVE_RETRIEVAL, StepKind.EXPORT_BUNDLE);
		assertThat(artifacts.notes()).anyMatch((n) -> n.contains("Secret web01-ccg in namespace apps")
				&& n.contains("never sees a password"));
		// The engine hands the exporter no password: it was never generated.
		assertThat(this.cluster.deployments).singleElement().satisfies((d) -> {
			assertThat(d.identitySecret()).isNotNull();
			assertThat(d.identitySecret().name()).isEqualTo("web01-ccg");
			assertThat(d.identitySecret().data()).containsEntry("username", "web01-ccg");
		});
		assertThat(this.events).singleElement().satisfies((e) -> {
			assertThat(e.action()).isEqualTo("provisioning.plan-only.generate");
			assertThat(e.details().get("hosts")).isEqualTo("Portable");
			assertThat(e.details().get("plugin")).isEqualTo("KUBERNETES_SECRET");
		});
	}

	@Test
	void aNameAPortalRunOwnsInTheTypedDomainIsRefusedNamingTheRunAndTicket() {
		java.time.Instant now = java.time.Instant.now();
		RunView owner = new RunView("run-1", RunKind.PROVISION, RunState.SUCCEEDED, "contoso.com", "web01", "hash",
				"admin", null, "RITM0600", null, null, now, now, List.of());
		PlanOnly planOnly = new PlanOnly(this.cluster, this.events::add,
				(domain, name) -> (domain.equalsIgnoreCase("contoso.com") && name.equalsIgnoreCase("web01"))
						? java.util.Optional.of(owner) : java.util.Optional.empty());
		assertThatThrownBy(() -> planOnly.generate(portable("apps:web01-ccg"), FakeDirectory.CONTOSO))
			.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("gmsaName");
				assertThat(ex.rule()).contains("portal run run-1", "ticket RITM0600", "/runs/run-1");
			});
		assertThat(this.events).isEmpty();
	}

	@Test
	void aKubernetesSecretPlugInReadingAnotherNamespaceIsRefusedWithoutAnyEvent() {
		assertThatThrownBy(() -> this.planOnly.generate(portable("other:web01-ccg"), FakeDirectory.CONTOSO))
			.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("hosts.pluginInput");
				assertThat(ex.rule()).contains("namespace apps");
			});
		assertThat(this.events).isEmpty();
		assertThat(this.cluster.calls).isEmpty();
	}

	private static ProvisioningRequest portable(String pluginInput) {
		return new ProvisioningRequest("plan-only", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts",
				new Hosts.Portable("web01-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), pluginInput),
				new Target.ExportOnly("apps", "webapp", "web01-spec"), null);
	}

}
