package org.gmsaportal.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The module's face over its parts.
 */
@Component
class ClustersFacade implements Clusters {

	private final ClusterConnections connections;

	private final ClusterPreflight preflight;

	private final ClusterDeployments deployments;

	private final ClusterVerification verification;

	private final ClusterWebhooks webhooks;

	private final ClusterSecrets secrets;

	private final ClusterWorkloads workloads;

	ClustersFacade(ClusterConnections connections, ClusterPreflight preflight, ClusterDeployments deployments,
			ClusterVerification verification, ClusterWebhooks webhooks, ClusterSecrets secrets,
			ClusterWorkloads workloads) {
		this.workloads = workloads;
		this.connections = connections;
		this.preflight = preflight;
		this.deployments = deployments;
		this.verification = verification;
		this.webhooks = webhooks;
		this.secrets = secrets;
	}

	@Override
	public List<ClusterSummary> connections() {
		return this.connections.all();
	}

	@Override
	public Platform platform(String connection) {
		return this.connections.platform(connection);
	}

	@Override
	public PreflightCheck reachability(String connection) {
		return this.preflight.reachability(connection);
	}

	@Override
	public PreflightReport preflight(String connection, PreflightRequest request) {
		return this.preflight.check(connection, request);
	}

	@Override
	public ApplyResult apply(String connection, GmsaDeployment deployment, @Nullable String ticket) {
		return this.deployments.apply(connection, deployment, ticket);
	}

	@Override
	public WebhookPlan webhookPlan(String connection, Platform platform) {
		return this.webhooks.plan(connection, platform);
	}

	@Override
	public ApplyResult installWebhook(String connection, Platform platform, String runId, @Nullable String ticket) {
		return this.webhooks.install(connection, platform, runId, ticket);
	}

	@Override
	public DecommissionReport removeWebhook(String connection, String runId) {
		return this.webhooks.remove(connection, runId);
	}

	@Override
	public ExportBundle export(GmsaDeployment deployment) {
		// Export-only mode reads no cluster, and secret values never go into a stored bundle.
		return this.deployments.export(deployment, null, false);
	}

	@Override
	public VerifyResult verify(String connection, String namespace, String workloadName, String runId, String domain,
			Duration timeout) {
		return this.verification.verify(connection, new VerifyRequest(namespace, workloadName, runId, domain, timeout),
				(line) -> {
				});
	}

	@Override
	public DecommissionReport decommission(String connection, String runId, List<ClusterObject> created) {
		return this.deployments.decommission(connection, runId, created);
	}

	@Override
	public SecretState inspectSecret(String connection, String namespace, String name) {
		return this.secrets.inspect(connection, namespace, name);
	}

	@Override
	public SecretState applySecret(String connection, String namespace, GmsaDeployment.IdentitySecret secret,
			String runId, @Nullable String ticket) {
		return this.secrets.apply(connection, namespace, secret, runId, ticket);
	}

	@Override
	public Optional<GmsaDeployment.IdentitySecret> readSecret(String connection, String namespace, String name) {
		return this.secrets.read(connection, namespace, name);
	}

	@Override
	public SecretState deleteSecret(String connection, String namespace, String name, String runId,
			@Nullable String ticket) {
		return this.secrets.delete(connection, namespace, name, runId, ticket);
	}

	@Override
	public WorkloadPage workloads(String connection, String namespace, String nameFilter, int limit,
			@Nullable String continueToken) {
		return this.workloads.list(connection, namespace, nameFilter, limit, continueToken);
	}

	@Override
	public List<WorkloadChange> reviewWorkloads(String connection, WorkloadPatches patches) {
		return this.workloads.review(connection, patches);
	}

	@Override
	public WorkloadChange patchWorkload(String connection, WorkloadPatches patches, WorkloadRef workload, String runId,
			@Nullable String ticket) {
		return this.workloads.apply(connection, patches, workload, runId, ticket);
	}

	@Override
	public WorkloadChange releaseWorkload(String connection, String namespace, WorkloadRef workload,
			@Nullable String uid, String runId) {
		return this.workloads.release(connection, namespace, workload, uid, runId);
	}

	@Override
	public WorkloadBundle exportWorkloads(@Nullable String connection, WorkloadPatches patches) {
		return this.workloads.export(connection, patches);
	}

}
