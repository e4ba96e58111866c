package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests a real API server receives when the portal points a workload at the credential spec and gives the
 * fields back, checked with fabric8's mock server in expectation mode: no API server can run on these machines, and
 * the CRUD mock keeps no field ownership, so the conflict is the 409 a real API server returns, with its real body.
 */
@EnableKubernetesMockClient
class WorkloadApplyRequestTests {

	private static final String PATH = "/apis/apps/v1/namespaces/app-ns/deployments/web";

	private static final String DRY_RUN = PATH + "?fieldManager=gmsa-portal-workloads&dryRun=All";

	private static final String APPLY = PATH + "?fieldManager=gmsa-portal-workloads";

	/** What kube-apiserver answers when an apply meets a field another manager owns (apply without force). */
	private static final String CONFLICT = """
			{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
			 "message":"Apply failed with 1 conflict: conflict with \\"kubectl-client-side-apply\\" using apps/v1: .spec.template.spec.nodeSelector",
			 "reason":"Conflict",
			 "details":{"causes":[{"reason":"FieldManagerConflict",
			   "message":"conflict with \\"kubectl-client-side-apply\\" using apps/v1",
			   "field":".spec.template.spec.nodeSelector"}]},
			 "code":409}""";

	KubernetesMockServer server;

	KubernetesClient client;

	private final AuditRecorder audit = new AuditRecorder();

	private final WorkloadRef web = new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", true);

	private final WorkloadPatches patches = new WorkloadPatches("app-ns", "gmsa-webapp01", "webapp-sa",
			Platform.GENERIC, null, null, List.of(this.web));

	private final Deployment live = new DeploymentBuilder().withNewMetadata()
		.withName("web")
		.withNamespace("app-ns")
		.withUid("2f1c0d2e-uid")
		.endMetadata()
		.withNewSpec()
		.withNewTemplate()
		.withNewSpec()
		.addNewContainer()
		.withName("iis")
		.withImage("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022")
		.endContainer()
		.endSpec()
		.endTemplate()
		.endSpec()
		.build();

	private WorkloadPatcher patcher() {
		return new WorkloadPatcher(new ClusterAudit(this.audit));
	}

	@Test
	void reviewIsAnApplyPatchUnderTheWorkloadManagerWithDryRunAllOfOnlyThePortalsFields() throws Exception {
		this.server.expect().get().withPath(PATH).andReturn(200, this.live).once();
		this.server.expect().patch().withPath(DRY_RUN).andReturn(200, this.live).once();

		this.patcher().review(this.client, this.patches, this.web);

		this.server.takeRequest(5, TimeUnit.SECONDS);
		RecordedRequest dryRun = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(dryRun.getMethod()).isEqualTo("PATCH");
		assertThat(dryRun.getPath()).isEqualTo(DRY_RUN).doesNotContain("force");
		assertThat(dryRun.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
		assertThat(Serialization.unmarshal(dryRun.getBody().readUtf8(), Map.class)).isEqualTo(Map.of(
				"apiVersion", "apps/v1", "kind", "Deployment",
				"metadata", Map.of("name", "web", "namespace", "app-ns"),
				"spec", Map.of("template", Map.of("spec", Map.of(
						"serviceAccountName", "webapp-sa",
						"securityContext", Map.of("windowsOptions", Map.of("gmsaCredentialSpecName", "gmsa-webapp01")),
						"nodeSelector", Map.of("kubernetes.io/os", "windows"))))));
		assertThat(this.audit.events).isEmpty();
	}

	@Test
	void anotherManagerOwningTheNodeSelectorIsAConflictNamingFieldAndManagerAndNothingIsForced() throws Exception {
		this.server.expect().get().withPath(PATH).andReturn(200, this.live).always();
		this.server.expect().patch().withPath(DRY_RUN).andReturn(409, CONFLICT).always();

		WorkloadChange reviewed = this.patcher().review(this.client, this.patches, this.web);
		WorkloadChange applied = this.patcher().apply(this.client, "lab", "run-7", null, this.patches, this.web);

		assertThat(reviewed.outcome()).isEqualTo(WorkloadChange.Outcome.CONFLICT);
		assertThat(reviewed.blocks()).isTrue();
		assertThat(reviewed.message()).contains("Deployment/web in app-ns",
				"field .spec.template.spec.nodeSelector (owned by field manager \"kubectl-client-side-apply\")",
				"never forces");
		assertThat(applied.outcome()).isEqualTo(WorkloadChange.Outcome.CONFLICT);
		List<String> sent = requests();
		assertThat(sent).containsExactly("GET " + PATH, "PATCH " + DRY_RUN, "GET " + PATH, "PATCH " + DRY_RUN);
		assertThat(this.audit.events).isEmpty();
	}

	@Test
	void aConflictFoundOnlyByTheApplyIsReportedAuditedAndNotRetriedWithForce() throws Exception {
		this.server.expect().get().withPath(PATH).andReturn(200, this.live).once();
		this.server.expect().patch().withPath(DRY_RUN).andReturn(200, patched()).once();
		this.server.expect().patch().withPath(APPLY).andReturn(409, CONFLICT).once();

		WorkloadChange applied = this.patcher().apply(this.client, "lab", "run-7", "CHG-1", this.patches, this.web);

		assertThat(applied.outcome()).isEqualTo(WorkloadChange.Outcome.CONFLICT);
		assertThat(applied.message()).contains(".spec.template.spec.nodeSelector", "kubectl-client-side-apply");
		assertThat(requests()).containsExactly("GET " + PATH, "PATCH " + DRY_RUN, "PATCH " + APPLY);
		assertThat(this.audit.events).extracting(AuditEvent::action)
			.containsExactly("cluster.object.apply.intent", "cluster.object.apply");
		assertThat(this.audit.events.get(1).outcome()).isEqualTo(AuditOutcome.FAILURE);
	}

	@Test
	void decommissionAppliesTheEmptyIntentUnderTheSameManagerSoOnlyThePortalsFieldsGo() throws Exception {
		this.server.expect().get().withPath(PATH).andReturn(200, this.live).once();
		this.server.expect().patch().withPath(APPLY).andReturn(200, this.live).once();

		WorkloadChange released = this.patcher().release(this.client, "lab", "run-8", "app-ns", this.web,
				"2f1c0d2e-uid");

		assertThat(released.outcome()).isEqualTo(WorkloadChange.Outcome.RELEASED);
		this.server.takeRequest(5, TimeUnit.SECONDS);
		RecordedRequest apply = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(apply.getMethod()).isEqualTo("PATCH");
		assertThat(apply.getPath()).isEqualTo(APPLY);
		assertThat(apply.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
		// Server-side apply removes the fields this manager owned and no longer applies, unless another manager owns
		// them too; the workload and every other field stay. No DELETE, no PUT.
		assertThat(Serialization.unmarshal(apply.getBody().readUtf8(), Map.class)).isEqualTo(Map.of(
				"apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "web", "namespace", "app-ns")));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.audit.events).extracting(AuditEvent::action)
			.containsExactly("cluster.object.apply.intent", "cluster.object.apply");
	}

	@Test
	void pagesAskTheServerForTheLimitAndCarryItsContinueTokenThenMoveToTheNextKind() throws Exception {
		String deployments = "/apis/apps/v1/namespaces/app-ns/deployments";
		this.server.expect().get().withPath(deployments + "?limit=2")
			.andReturn(200, new DeploymentListBuilder().withMetadata(new ListMetaBuilder().withContinue("c-1").build())
				.addToItems(named("a"), named("b")).build())
			.once();
		this.server.expect().get().withPath(deployments + "?continue=c-1&limit=2")
			.andReturn(200, new DeploymentListBuilder().addToItems(named("c")).build())
			.once();
		this.server.expect().get().withPath("/apis/apps/v1/namespaces/app-ns/statefulsets?limit=1")
			.andReturn(200, new StatefulSetListBuilder().withMetadata(new ListMetaBuilder()
				.withContinue("s-1").build())
				.addNewItem().withNewMetadata().withName("sql").endMetadata().endItem().build())
			.once();

		WorkloadPage first = this.patcher().list(this.client, "app-ns", "", 2, null);
		WorkloadPage second = this.patcher().list(this.client, "app-ns", "", 2, first.continueToken());

		assertThat(first.items()).extracting(WorkloadSummary::name).containsExactly("a", "b");
		assertThat(first.continueToken()).isEqualTo("DEPLOYMENT:c-1");
		assertThat(second.items()).extracting((w) -> w.kind().kind() + "/" + w.name())
			.containsExactly("Deployment/c", "StatefulSet/sql");
		assertThat(second.continueToken()).isEqualTo("STATEFUL_SET:s-1");
	}

	/** What the dry run answers: the live object with the portal's credential spec name. */
	private Deployment patched() {
		return new DeploymentBuilder(this.live).editSpec().editTemplate().editSpec().withNewSecurityContext()
			.withNewWindowsOptions().withGmsaCredentialSpecName("gmsa-webapp01").endWindowsOptions()
			.endSecurityContext().endSpec().endTemplate().endSpec().build();
	}

	private static Deployment named(String name) {
		return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().build();
	}

	private List<String> requests() throws InterruptedException {
		List<String> sent = new ArrayList<>();
		for (RecordedRequest request = this.server.takeRequest(1, TimeUnit.SECONDS); request != null;
				request = this.server.takeRequest(100, TimeUnit.MILLISECONDS)) {
			sent.add(request.getMethod() + " " + request.getPath());
		}
		return sent;
	}

}
