package org.gmsaportal.cluster;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.support.AuditRecorder;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's own workloads pointed at the credential spec, end state checked in fabric8's mock API server in CRUD
 * mode (a real API server cannot run on these machines). The mock merges apply patches but keeps no field ownership,
 * so conflicts and the release of owned fields are asserted as requests in {@link WorkloadApplyRequestTests}.
 */
class WorkloadPatchingTests {

	private MockCluster cluster;

	private final AuditRecorder audit = new AuditRecorder();

	private ClusterWorkloads workloads;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("workloads.yaml");
		this.workloads = new ClusterWorkloads((name) -> this.cluster.client, this.audit);
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	static WorkloadPatches patches(WorkloadRef... picked) {
		return new WorkloadPatches("app-ns", "gmsa-webapp01", "webapp-sa", Platform.GENERIC, null, null,
				List.of(picked));
	}

	static WorkloadRef deployment(String name, boolean serviceAccount) {
		return new WorkloadRef(WorkloadKind.DEPLOYMENT, name, serviceAccount);
	}

	@Test
	void thePickerListsEveryKindOfTheNamespaceFilteredByName() {
		WorkloadPage all = this.workloads.list("lab", "app-ns", "", 50, null);
		WorkloadPage web = this.workloads.list("lab", "app-ns", "WEB", 50, null);

		// A real API server lists by name; the mock in creation order, so only the kinds' order is asserted.
		assertThat(all.items()).extracting((w) -> w.kind().kind() + "/" + w.name()).containsExactlyInAnyOrder(
				"Deployment/linux-api",
				"Deployment/web", "Deployment/web-admin", "StatefulSet/sql", "DaemonSet/log-agent",
				"CronJob/nightly-report");
		assertThat(all.continueToken()).isNull();
		assertThat(all.items().subList(3, 6)).extracting((w) -> w.kind().kind())
			.containsExactly("StatefulSet", "DaemonSet", "CronJob");
		assertThat(web.items()).extracting(WorkloadSummary::name).containsExactlyInAnyOrder("web", "web-admin");
		assertThat(all.items()).filteredOn(WorkloadSummary::linuxOnly).extracting(WorkloadSummary::name)
			.containsExactly("linux-api");
		assertThat(web.items()).filteredOn((w) -> w.name().equals("web-admin")).singleElement()
			.satisfies((w) -> assertThat(w.serviceAccount()).isEqualTo("admin-sa"));
	}

	@Test
	void aDeploymentGetsOnlyThePortalsFieldsAndKeepsEverythingElse() {
		WorkloadChange change = this.workloads.apply("lab", patches(deployment("web", true)), deployment("web", true),
				"run-7", "CHG-1");

		assertThat(change.outcome()).isEqualTo(WorkloadChange.Outcome.PATCHED);
		assertThat(change.diff()).containsExactlyInAnyOrder(
				"+ /spec/template/spec/securityContext: {\"windowsOptions\":{\"gmsaCredentialSpecName\":\"gmsa-webapp01\"}}",
				"+ /spec/template/spec/serviceAccountName: \"webapp-sa\"",
				"+ /spec/template/spec/nodeSelector: {\"kubernetes.io/os\":\"windows\"}");
		Deployment web = this.cluster.client.apps().deployments().inNamespace("app-ns").withName("web").get();
		PodSpec pod = web.getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getWindowsOptions().getGmsaCredentialSpecName()).isEqualTo("gmsa-webapp01");
		assertThat(pod.getServiceAccountName()).isEqualTo("webapp-sa");
		assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "windows"));
		assertThat(pod.getContainers()).singleElement().satisfies((c) -> {
			assertThat(c.getName()).isEqualTo("iis");
			assertThat(c.getImage()).endsWith("iis:windowsservercore-ltsc2022");
		});
		assertThat(web.getSpec().getReplicas()).isEqualTo(2);
		assertThat(web.getMetadata().getLabels()).isNullOrEmpty();
		assertThat(this.audit.events).extracting(AuditEvent::action)
			.containsExactly("cluster.object.apply.intent", "cluster.object.apply");
	}

	@Test
	void applyingAgainChangesNothingAndSendsNoWrite() {
		WorkloadPatches patches = patches(deployment("web", false));
		this.workloads.apply("lab", patches, deployment("web", false), "run-7", null);
		this.audit.events.clear();

		WorkloadChange again = this.workloads.apply("lab", patches, deployment("web", false), "run-7", null);

		assertThat(again.outcome()).isEqualTo(WorkloadChange.Outcome.UNCHANGED);
		assertThat(again.diff()).isEmpty();
		assertThat(this.audit.events).isEmpty();
	}

	@Test
	void anExistingNodeSelectorIsLeftToItsOwnerAndTheServiceAccountOnlyWhenAsked() {
		this.workloads.apply("lab", patches(deployment("web-admin", false)), deployment("web-admin", false), "run-7",
				null);

		PodSpec pod = this.cluster.client.apps().deployments().inNamespace("app-ns").withName("web-admin").get()
			.getSpec().getTemplate().getSpec();
		assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "windows", "agentpool", "win22"));
		assertThat(pod.getServiceAccountName()).isEqualTo("admin-sa");
		assertThat(pod.getSecurityContext().getWindowsOptions().getGmsaCredentialSpecName()).isEqualTo("gmsa-webapp01");
	}

	@Test
	void aCronJobIsPatchedInItsJobTemplate() {
		WorkloadRef report = new WorkloadRef(WorkloadKind.CRON_JOB, "nightly-report", false);

		this.workloads.apply("lab", patches(report), report, "run-7", null);

		PodSpec pod = this.cluster.client.batch().v1().cronjobs().inNamespace("app-ns").withName("nightly-report").get()
			.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getWindowsOptions().getGmsaCredentialSpecName()).isEqualTo("gmsa-webapp01");
		assertThat(pod.getRestartPolicy()).isEqualTo("OnFailure");
	}

	@Test
	void theReviewIsADryRunThatWritesNothing() {
		List<WorkloadChange> review = this.workloads.review("lab", patches(deployment("web", true),
				new WorkloadRef(WorkloadKind.STATEFUL_SET, "sql", false)));

		assertThat(review).extracting(WorkloadChange::outcome).containsOnly(WorkloadChange.Outcome.PATCHED);
		assertThat(review).allSatisfy((c) -> assertThat(c.diff()).isNotEmpty());
		assertThat(this.cluster.client.apps().deployments().inNamespace("app-ns").withName("web").get().getSpec()
			.getTemplate().getSpec().getSecurityContext()).isNull();
		assertThat(this.audit.events).isEmpty();
	}

	@Test
	void aMissingWorkloadAndALinuxOnlyOneAreNamedWithWhatToDoAndNothingIsSent() {
		WorkloadRef missing = deployment("webb", false);
		WorkloadRef linux = deployment("linux-api", false);

		List<WorkloadChange> review = this.workloads.review("lab", patches(missing, linux));
		WorkloadChange applied = this.workloads.apply("lab", patches(linux), linux, "run-7", null);

		assertThat(review.get(0).outcome()).isEqualTo(WorkloadChange.Outcome.NOT_FOUND);
		assertThat(review.get(0).message()).contains("Deployment/webb does not exist in namespace app-ns",
				"kubectl get deployments.apps -n app-ns");
		assertThat(review.get(1).outcome()).isEqualTo(WorkloadChange.Outcome.LINUX_ONLY);
		assertThat(review.get(1).message()).contains("Deployment/linux-api", "Linux nodes only",
				"kubernetes.io/os=linux");
		assertThat(applied.blocks()).isTrue();
		assertThat(this.audit.events).isEmpty();
	}

	@Test
	void onlyTheWorkloadPatchedIsReleasedAndTheWorkloadStays() {
		WorkloadRef web = deployment("web", false);
		WorkloadChange patched = this.workloads.apply("lab", patches(web), web, "run-7", null);

		WorkloadChange released = this.workloads.release("lab", "app-ns", web, patched.uid(), "run-8");
		WorkloadChange namesake = this.workloads.release("lab", "app-ns", web, "another-uid", "run-8");

		assertThat(released.outcome()).isEqualTo(WorkloadChange.Outcome.RELEASED);
		assertThat(namesake.outcome()).isEqualTo(WorkloadChange.Outcome.ALREADY_GONE);
		assertThat(namesake.message()).contains("re-created by someone else");
		assertThat(this.cluster.client.apps().deployments().inNamespace("app-ns").withName("web").get()).isNotNull();
	}

}
