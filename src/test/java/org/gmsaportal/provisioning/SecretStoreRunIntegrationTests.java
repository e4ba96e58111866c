package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.credspec.PluginPreset;
import org.gmsaportal.directory.Directory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run writes the portable identity to the Kubernetes Secret its node's plug-in reads, in that plug-in's format,
 * proves retrieval with what it reads back, converges on resume after the store refused the write, overwrites
 * no secret it did not write, and removes its own on decommission. Lab DC plus fabric8's mock API server (no real
 * API server can run here); see {@link StoreRunSupport}.
 */
class SecretStoreRunIntegrationTests extends StoreRunSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aRancherRunWritesTheSecretProvesRetrievalThroughItAndDecommissionRemovesIt() {
		String name = Requests.freshName();
		Plan plan = this.service.plan(storeRequest(name, KnownPlugin.KUBERNETES_SECRET.clsid(), null));
		assertThat(plan.steps()).extracting(PlannedStep::kind).containsSubsequence(StepKind.ENSURE_PORTABLE_USER,
				StepKind.WRITE_PORTABLE_SECRET, StepKind.ENSURE_MEMBERSHIP, StepKind.PROVE_RETRIEVAL);
		PlannedStep write = plan.steps().get(plan.steps().stream().map(PlannedStep::kind).toList()
			.indexOf(StepKind.ENSURE_PORTABLE_USER) + 1);
		assertThat(write.kind()).isEqualTo(StepKind.WRITE_PORTABLE_SECRET);
		assertThat(write.intent()).isEqualTo(StepIntent.CREATE);
		assertThat(write.target()).isEqualTo("app-ns/" + secretName(name));
		assertThat(write.description()).contains("Kubernetes Secret app-ns/" + secretName(name));

		String runId = start(plan);
		RunView run = finished(runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);

		Map<String, String> data = secretData(name);
		assertThat(data).isNotNull().containsOnlyKeys("username", "password", "domainName")
			.containsEntry("username", name + "-ccg").containsEntry("domainName", "lab.test");
		assertThat(secret(name).getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "gmsa-portal")
			.containsEntry("gmsaportal.org/run-id", runId);
		assertThat(hostAccountConfig(run).get("PluginGUID").asString()).isEqualTo(KnownPlugin.KUBERNETES_SECRET.clsid());
		assertThat(hostAccountConfig(run).get("PluginInput").asString()).isEqualTo("app-ns:" + secretName(name));
		assertThat(step(run, StepKind.PROVE_RETRIEVAL).detail())
			.contains("retrieval proven through Kubernetes Secret (app-ns/" + secretName(name) + ")");
		// The test binds too, with the password the plug-in would read.
		assertThat(bindAndRead(name, data.get("password"))).isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);
		// The Secret is the store step's, not part of the deployment; and the password is never shown.
		assertThat(step(run, StepKind.APPLY_TO_CLUSTER).artifact()).doesNotContain("\"Secret\"");
		assertThat(this.service.portablePasswordWaiting(runId)).isFalse();
		assertThat(this.service.takePortablePassword(runId)).isEmpty();

		Plan removal = this.service.decommissionPlan(runId);
		assertThat(removal.steps()).extracting(PlannedStep::kind).containsSubsequence(StepKind.REMOVE_MEMBERSHIP,
				StepKind.REMOVE_PORTABLE_SECRET, StepKind.REMOVE_PORTABLE_USER);
		String decommission = this.service.decommission(runId, new Approval(removal.hash(), "admin", Instant.now(), null));
		RunView removed = finished(decommission);
		assertThat(removed.state()).as("%s", removed.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(step(removed, StepKind.REMOVE_PORTABLE_SECRET).result()).isEqualTo("REMOVED");
		assertThat(secret(name)).isNull();
	}

	@Test
	void anAksHciRunWritesDomainUsernameAndPasswordUnderTheAdminsClsid() {
		String name = Requests.freshName();
		String clsid = "{" + UUID.randomUUID().toString().toUpperCase() + "}";
		RunView run = finished(start(this.service.plan(storeRequest(name, clsid, PluginPreset.AKS_HCI_SECRET))));
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);

		Map<String, String> data = secretData(name);
		assertThat(data).isNotNull().containsOnlyKeys("domain", "username", "password")
			.containsEntry("domain", "lab.test").containsEntry("username", name + "-ccg");
		assertThat(hostAccountConfig(run).get("PluginGUID").asString()).isEqualTo(clsid);
		assertThat(hostAccountConfig(run).get("PluginInput").asString()).isEqualTo("app-ns:" + secretName(name));
		assertThat(step(run, StepKind.PROVE_RETRIEVAL).detail()).contains("retrieval proven through Kubernetes Secret");
		assertThat(bindAndRead(name, data.get("password"))).isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);
	}

	@Test
	void aStoreThatRefusesTheWriteFailsTheStepAndAResumeLeavesAdAndTheStoreInStep() {
		String name = Requests.freshName();
		Plan plan = this.service.plan(storeRequest(name, KnownPlugin.KUBERNETES_SECRET.clsid(), null));
		// The API server refuses the Secret write once: after AD took the new password, before the store has it.
		CLUSTER.server.expect().patch()
			.withPath("/api/v1/namespaces/app-ns/secrets/" + secretName(name) + "?fieldManager=gmsa-portal")
			.andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
				.withMessage("secrets \"" + secretName(name) + "\" is forbidden").build())
			.once();

		String runId = start(plan);
		RunView failed = finished(runId);
		assertThat(failed.state()).isEqualTo(RunState.FAILED);
		assertThat(step(failed, StepKind.ENSURE_PORTABLE_USER).state()).isEqualTo(StepState.SUCCEEDED);
		RunView.StepView write = step(failed, StepKind.WRITE_PORTABLE_SECRET);
		assertThat(write.state()).isEqualTo(StepState.FAILED);
		assertThat(write.detail()).contains("Kubernetes Secret app-ns/" + secretName(name))
			.contains("not allowed to write").contains("resume the run");
		assertThat(secret(name)).isNull();

		this.service.resume(runId);
		RunView resumed = finished(runId);
		assertThat(resumed.state()).as("%s", resumed.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(step(resumed, StepKind.WRITE_PORTABLE_SECRET).detail())
			.contains("with a fresh password set after the failed write");
		// The password AD holds is the one in the store.
		assertThat(bindAndRead(name, secretData(name).get("password"))).isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);
	}

	@Test
	void aSecretThePortalDidNotWriteBlocksThePlanOnThePluginInputAndIsLeftAsItWas() {
		String name = Requests.freshName();
		CLUSTER.client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
			.withName(secretName(name)).endMetadata().addToStringData("password", "someone-elses").build()).create();
		String version = secret(name).getMetadata().getResourceVersion();

		Plan plan = this.service.plan(storeRequest(name, KnownPlugin.KUBERNETES_SECRET.clsid(), null));

		assertThat(plan.runnable()).isFalse();
		assertThat(plan.blockers()).singleElement().satisfies((blocker) -> {
			assertThat(blocker.field()).isEqualTo("hosts.pluginInput");
			assertThat(blocker.message()).contains("Kubernetes Secret already holds secret app-ns/" + secretName(name))
				.contains("not written by the portal");
		});
		assertThat(plan.steps()).filteredOn((s) -> s.kind() == StepKind.WRITE_PORTABLE_SECRET).singleElement()
			.satisfies((s) -> assertThat(s.intent()).isEqualTo(StepIntent.BLOCKED));
		assertThat(secret(name).getMetadata().getResourceVersion()).isEqualTo(version);
	}

	@Test
	void decommissionLeavesASecretThatLostTheRunsMarkerAndNeedsAttention() {
		String name = Requests.freshName();
		String runId = start(this.service.plan(storeRequest(name, KnownPlugin.KUBERNETES_SECRET.clsid(), null)));
		assertThat(finished(runId).state()).isEqualTo(RunState.SUCCEEDED);
		// Someone took the Secret over: the portal's marker is gone.
		CLUSTER.client.secrets().inNamespace(NAMESPACE).withName(secretName(name))
			.edit((s) -> new SecretBuilder(s).editMetadata().removeFromLabels("gmsaportal.org/run-id").endMetadata().build());

		Plan removal = this.service.decommissionPlan(runId);
		RunView removed = finished(this.service.decommission(runId,
				new Approval(removal.hash(), "admin", Instant.now(), null)));

		assertThat(removed.state()).isEqualTo(RunState.NEEDS_ATTENTION);
		assertThat(step(removed, StepKind.REMOVE_PORTABLE_SECRET).detail())
			.contains("the portal removes only the secret it wrote");
		assertThat(secret(name)).isNotNull();
	}

	private static JsonNode hostAccountConfig(RunView run) {
		return JSON.readTree(step(run, StepKind.GENERATE_CREDSPEC).artifact())
			.at("/ActiveDirectoryConfig/HostAccountConfig");
	}

}
