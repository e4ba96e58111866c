package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Set;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.credspec.PluginPreset;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.MigratedH2;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A password the run writes to a secret store is kept for the run's steps and never shown; a fresh one is set
 * only on a user the run created; and a request names what a store delivery needs.
 */
class StoreDeliveryTests {

	private final FakeDirectory directory = new FakeDirectory();

	private final PasswordVault vault = new PasswordVault(PasswordShowingsTests.showings(MigratedH2.create()));

	private final PortableUserSteps steps = new PortableUserSteps(this.directory, this.vault);

	@Test
	void aStoreDeliveredPasswordIsKeptForTheStoreAndNeverShown() {
		StepRunner.Outcome outcome = this.steps.ensure(run(List.of()), userStep(null));

		assertThat(outcome.detail()).contains("kept in memory for the secret store only, never shown")
			.doesNotContain("shown once");
		assertThat(this.vault.forRun("run-1")).isPresent();
		assertThat(this.vault.waitingToBeShown("run-1")).isFalse();
		assertThat(this.vault.takeForShowing("run-1")).isEmpty();
		this.vault.runFinished("run-1");
		assertThat(this.vault.forRun("run-1")).isEmpty();
	}

	@Test
	void aFreshPasswordIsSetOnlyOnAUserThisRunCreated() {
		this.directory.users.put("web01-ccg", "set-by-someone-else");
		assertThatThrownBy(() -> this.steps.freshPassword(run(List.of()), "must change after a failed write"))
			.isInstanceOf(StepFailedException.class)
			.hasMessageContaining("did not create that user");
		assertThat(this.directory.users.get("web01-ccg")).isEqualTo("set-by-someone-else");

		var fresh = this.steps.freshPassword(run(List.of(userStep("CREATED"))), "must change after a failed write");
		assertThat(this.directory.users.get("web01-ccg")).isEqualTo(fresh.reveal());
		assertThat(this.vault.forRun("run-1")).contains(fresh);
		assertThat(this.vault.waitingToBeShown("run-1")).isFalse();
	}

	@Test
	void aKubernetesSecretWrittenByTheRunNeedsAClusterTarget() {
		assertThatThrownBy(() -> request(new Hosts.Portable("web01-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(),
				"apps:web01-ccg", SecretDelivery.STORE), new Target.ExportOnly("apps", "webapp", "web01-spec")))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("hosts.secretDelivery"));
		assertThatThrownBy(() -> request(new Hosts.Portable("web01-ccg", "{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}",
				"other:web01-ccg", SecretDelivery.STORE, PluginPreset.AKS_HCI_SECRET), cluster()))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("hosts.pluginInput"));
		assertThatThrownBy(() -> request(new Hosts.Portable("web01-ccg", "", "apps:web01-ccg", SecretDelivery.STORE,
				PluginPreset.AKS_HCI_SECRET), cluster()))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("hosts.pluginGuid"));
		assertThat(request(new Hosts.Portable("web01-ccg", "{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}", "apps:web01-ccg",
				SecretDelivery.STORE, PluginPreset.AKS_HCI_SECRET), cluster()).hosts()).isNotNull();
	}

	private static Target cluster() {
		return new Target.Cluster("lab", "apps", "webapp", "web01-spec", List.of(), null);
	}

	private static ProvisioningRequest request(Hosts hosts, Target target) {
		return new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts", hosts,
				target, null);
	}

	private static StepRunner.RunContext run(List<RunView.StepView> steps) {
		ProvisioningRequest request = request(new Hosts.Portable("web01-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(),
				"apps:web01-ccg", SecretDelivery.STORE), cluster());
		return new StepRunner.RunContext("run-1", null, request, "contoso.com", null, steps, false);
	}

	private static RunView.StepView userStep(@Nullable String result) {
		return new RunView.StepView(3, StepKind.ENSURE_PORTABLE_USER, "web01-ccg", StepIntent.CREATE, "the user",
				(result != null) ? StepState.SUCCEEDED : StepState.PENDING, result, null, null, 0);
	}

}
