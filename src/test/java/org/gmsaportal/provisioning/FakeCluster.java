package org.gmsaportal.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gmsaportal.cluster.ApplyResult;
import org.gmsaportal.cluster.ClusterObject;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.DecommissionReport;
import org.gmsaportal.cluster.ExportBundle;
import org.gmsaportal.cluster.GmsaDeployment;
import org.gmsaportal.cluster.ObjectChange;
import org.gmsaportal.cluster.PreflightCheck;
import org.gmsaportal.cluster.PreflightReport;
import org.gmsaportal.cluster.PreflightRequest;
import org.gmsaportal.cluster.Platform;
import org.gmsaportal.cluster.SecretState;
import org.gmsaportal.cluster.VerifyResult;
import org.gmsaportal.cluster.WebhookPlan;
import org.gmsaportal.cluster.WorkloadBundle;
import org.gmsaportal.cluster.WorkloadChange;
import org.gmsaportal.cluster.WorkloadPage;
import org.gmsaportal.cluster.WorkloadPatches;
import org.gmsaportal.cluster.WorkloadRef;
import org.jspecify.annotations.Nullable;

/**
 * A cluster stand-in for testing the engine's own logic; the cluster module itself is tested against the
 * fabric8 mock server, behind its face.
 */
class FakeCluster implements Clusters {

	final List<String> calls = Collections.synchronizedList(new ArrayList<>());

	final List<GmsaDeployment> deployments = Collections.synchronizedList(new ArrayList<>());

	final List<ClusterObject> decommissioned = Collections.synchronizedList(new ArrayList<>());

	/** The ticket the engine named with each apply. */
	final List<String> tickets = Collections.synchronizedList(new ArrayList<>());

	/** What the stand-in cluster says about its gMSA webhook: installed, unless a test says otherwise. */
	volatile WebhookPlan webhook = new WebhookPlan(WebhookPlan.Need.NONE, List.of(), "installed");

	void reset() {
		this.webhook = new WebhookPlan(WebhookPlan.Need.NONE, List.of(), "installed");
		this.calls.clear();
		this.deployments.clear();
		this.decommissioned.clear();
		this.tickets.clear();
	}

	@Override
	public List<ClusterSummary> connections() {
		return List.of(new ClusterSummary("lab", "kubeconfig (stand-in)"));
	}

	@Override
	public PreflightCheck reachability(String connection) {
		return new PreflightCheck("api", PreflightCheck.Status.PASS, "the stand-in cluster answers", null);
	}

	@Override
	public PreflightReport preflight(String connection, PreflightRequest request) {
		this.calls.add("preflight");
		return new PreflightReport(List.of(new PreflightCheck("crd", PreflightCheck.Status.PASS, "served", null)));
	}

	@Override
	public ApplyResult apply(String connection, GmsaDeployment deployment, @Nullable String ticket) {
		this.tickets.add(String.valueOf(ticket));
		this.calls.add("apply");
		this.deployments.add(deployment);
		List<ObjectChange> changes = new ArrayList<>();
		changes.add(created("windows.k8s.io/v1", "GMSACredentialSpec", deployment.credSpecName(), null));
		changes.add(created("rbac.authorization.k8s.io/v1", "ClusterRole", deployment.clusterRoleName(), null));
		changes.add(created("rbac.authorization.k8s.io/v1", "RoleBinding", deployment.roleBindingName(),
				deployment.namespace()));
		if (deployment.identitySecret() != null) {
			changes.add(created("v1", "Secret", deployment.identitySecret().name(), deployment.namespace()));
		}
		return new ApplyResult(changes, List.of(), false);
	}

	@Override
	public WebhookPlan webhookPlan(String connection, Platform platform) {
		return this.webhook;
	}

	@Override
	public ApplyResult installWebhook(String connection, Platform platform, String runId, @Nullable String ticket) {
		this.calls.add("install-webhook");
		return new ApplyResult(this.webhook.objects().stream()
			.map((o) -> new ObjectChange(o, ObjectChange.Change.CREATE, List.of())).toList(), List.of(), false);
	}

	@Override
	public DecommissionReport removeWebhook(String connection, String runId) {
		this.calls.add("remove-webhook");
		return new DecommissionReport(List.of());
	}

	@Override
	public ExportBundle export(GmsaDeployment deployment) {
		this.calls.add("export");
		this.deployments.add(deployment);
		return new ExportBundle(deployment.credSpecName() + ".yaml", "kind: GMSACredentialSpec\nmetadata:\n  name: "
				+ deployment.credSpecName() + "\n", List.of("kubectl apply -f " + deployment.credSpecName() + ".yaml"),
				null, List.of());
	}

	@Override
	public VerifyResult verify(String connection, String namespace, String workloadName, String runId, String domain,
			Duration timeout) {
		this.calls.add("verify");
		return new VerifyResult(VerifyResult.Outcome.VERIFIED, "nltest and klist succeeded", List.of(), null, null);
	}

	@Override
	public DecommissionReport decommission(String connection, String runId, List<ClusterObject> created) {
		this.calls.add("decommission");
		this.decommissioned.addAll(created);
		List<ClusterObject> newestFirst = new ArrayList<>(created);
		Collections.reverse(newestFirst);
		return new DecommissionReport(newestFirst.stream()
			.map((o) -> new DecommissionReport.Outcome(o, DecommissionReport.Result.DELETED, "deleted"))
			.toList());
	}

	/** The engine's own tests write no Secret through a store: only the real cluster module is tested there. */
	@Override
	public SecretState inspectSecret(String connection, String namespace, String name) {
		return new SecretState(false, false, null, null);
	}

	@Override
	public SecretState applySecret(String connection, String namespace, GmsaDeployment.IdentitySecret secret,
			String runId, @Nullable String ticket) {
		throw new UnsupportedOperationException("the stand-in cluster holds no Secret");
	}

	@Override
	public Optional<GmsaDeployment.IdentitySecret> readSecret(String connection, String namespace, String name) {
		return Optional.empty();
	}

	@Override
	public SecretState deleteSecret(String connection, String namespace, String name, String runId,
			@Nullable String ticket) {
		return new SecretState(false, false, null, null);
	}

	/** No workloads to pick: the engine's workload steps are tested with {@link #reviewWorkloads}. */
	@Override
	public WorkloadPage workloads(String connection, String namespace, String nameFilter, int limit,
			@Nullable String continueToken) {
		return new WorkloadPage(List.of(), null);
	}

	/** A workload named {@code missing-*} does not exist, {@code linux-*} runs on Linux only; the rest change. */
	@Override
	public List<WorkloadChange> reviewWorkloads(String connection, WorkloadPatches patches) {
		this.calls.add("review-workloads");
		return patches.workloads().stream().map(FakeCluster::reviewed).toList();
	}

	@Override
	public WorkloadChange patchWorkload(String connection, WorkloadPatches patches, WorkloadRef workload, String runId,
			@Nullable String ticket) {
		this.calls.add("patch " + workload.label());
		return reviewed(workload);
	}

	@Override
	public WorkloadChange releaseWorkload(String connection, String namespace, WorkloadRef workload,
			@Nullable String uid, String runId) {
		this.calls.add("release " + workload.label() + " " + uid);
		return new WorkloadChange(workload, WorkloadChange.Outcome.RELEASED, List.of(), "released", uid);
	}

	@Override
	public WorkloadBundle exportWorkloads(@Nullable String connection, WorkloadPatches patches) {
		throw new UnsupportedOperationException("the engine does not export workload fields");
	}

	private static WorkloadChange reviewed(WorkloadRef workload) {
		if (workload.name().startsWith("missing")) {
			return new WorkloadChange(workload, WorkloadChange.Outcome.NOT_FOUND, List.of(),
					workload.label() + " does not exist", null);
		}
		if (workload.name().startsWith("linux")) {
			return new WorkloadChange(workload, WorkloadChange.Outcome.LINUX_ONLY, List.of(),
					workload.label() + " runs on Linux nodes only", "uid-" + workload.name());
		}
		return new WorkloadChange(workload, WorkloadChange.Outcome.PATCHED,
				List.of("+ /spec/template/spec/securityContext"), null, "uid-" + workload.name());
	}

	private static ObjectChange created(String apiVersion, String kind, String name, String namespace) {
		return new ObjectChange(new ClusterObject(apiVersion, kind, name, namespace, UUID.randomUUID().toString()),
				ObjectChange.Change.CREATE, List.of());
	}

}
