package org.gmsaportal.provisioning;

import java.util.Collections;
import java.util.List;

import org.gmsaportal.cluster.ClusterObject;
import org.gmsaportal.cluster.WebhookPlan;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.RunRef;
import org.gmsaportal.support.FakeDirectory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run through the fake ports on a real database: approval, execution, audit, failure and resume, restart and
 * decommission. The directory and cluster are test doubles (see {@link FakeDirectory}); the engine, its SQL and the
 * audit trail are real.
 */
abstract class RunLifecycleContract extends ProvisioningEngineContract {

	@Test
	void runExecutesEveryStepAndAuditsEachWithTheRunId() {
		String runId = startApproved(Requests.portable(Requests.freshName()));
		RunView run = awaitState(runId, RunState.SUCCEEDED);
		assertThat(stepStates(run)).containsOnly(StepState.SUCCEEDED);
		assertThat(run.steps().get(1).result()).isEqualTo("CREATED");
		List<String> actions = auditActions(runId);
		assertThat(actions.get(0)).isEqualTo("provisioning.run.started");
		assertThat(actions.get(actions.size() - 1)).isEqualTo("provisioning.run.succeeded");
		for (RunView.StepView step : run.steps()) {
			// One event when the step starts, one when it ends, both in the transaction of the state change.
			assertThat(Collections.frequency(actions, step.kind().auditAction())).as(step.kind().name()).isEqualTo(2);
		}
		assertThat(this.jdbc.sql("SELECT DISTINCT ticket_ref FROM audit_event WHERE correlation_id = ?")
			.param(runId).query(String.class).list()).containsExactly("CHG0012345");
		assertThat(this.cluster.calls).containsExactly("preflight", "apply", "verify");
		// The run reaches the directory's and the cluster's audit events as parameters, not through the thread.
		assertThat(this.directory.runs).isNotEmpty().containsOnly(new RunRef(runId, "CHG0012345"));
		assertThat(this.cluster.tickets).containsExactly("CHG0012345");
	}

	@Test
	void portablePasswordIsShownOnceAndStoredNowhere() {
		ProvisioningRequest request = Requests.portable(Requests.freshName());
		String runId = startApproved(request);
		awaitState(runId, RunState.SUCCEEDED);
		String password = this.directory.users.get(((Hosts.Portable) request.hosts()).userName());
		assertThat(this.cluster.deployments.get(0).identitySecret().data()).containsEntry("password", password);
		assertThat(this.service.takePortablePassword(runId)).map(SecretValue::reveal).contains(password);
		assertThat(this.service.takePortablePassword(runId)).isEmpty();
		String like = "%" + password + "%";
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE details LIKE ? OR target LIKE ?")
			.params(like, like).query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_step WHERE detail LIKE ? OR artifact LIKE ? OR input LIKE ?")
			.params(like, like, like).query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run WHERE request_json LIKE ? OR failure LIKE ?")
			.params(like, like).query(Long.class).single()).isZero();
	}

	@Test
	void approvalOfAnotherPlanIsRefused() {
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		Plan plan = this.service.plan(request);
		Plan other = this.service.plan(Requests.domainJoined(Requests.freshName()));
		assertThatThrownBy(() -> this.service.start(plan, approve(other))).isInstanceOf(ApprovalMismatchException.class)
			.hasMessageContaining("The approval is for plan " + other.hash() + ", not for plan " + plan.hash());
		assertThat(runsNamed(request.gmsaName())).isZero();
	}

	@Test
	void approvalNoLongerHoldsWhenThePlanChanged() {
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		Plan plan = this.service.plan(request);
		this.directory.groups.add(request.groupName().toLowerCase());
		assertThatThrownBy(() -> this.service.start(plan, approve(plan))).isInstanceOf(ApprovalMismatchException.class)
			.hasMessageContaining("The plan changed since it was approved");
		assertThat(runsNamed(request.gmsaName())).isZero();
	}

	@Test
	void failedRunResumesFromTheFailedStepAndRedoesNoSucceededStep() {
		this.directory.failOnce("gmsa", new IllegalStateException("dc01.contoso.com did not answer: check that it runs"));
		String runId = startApproved(Requests.portable(Requests.freshName()));
		RunView failed = awaitState(runId, RunState.FAILED);
		assertThat(stepStates(failed).subList(0, 4)).containsExactly(StepState.SUCCEEDED, StepState.SUCCEEDED,
				StepState.FAILED, StepState.PENDING);
		assertThat(failed.steps().get(2).detail()).isEqualTo("dc01.contoso.com did not answer: check that it runs");
		assertThat(failed.failure()).startsWith("step 2 (ENSURE_GMSA) failed: dc01.contoso.com did not answer");
		assertThat(auditActions(runId)).contains(StepKind.ENSURE_GMSA.auditAction());

		this.service.resume(runId);
		RunView resumed = awaitState(runId, RunState.SUCCEEDED);
		assertThat(stepStates(resumed)).containsOnly(StepState.SUCCEEDED);
		assertThat(resumed.steps()).extracting(RunView.StepView::attempts).containsExactly(1, 1, 2, 1, 1, 1, 1, 1, 1, 1);
		assertThat(this.directory.calls("kds")).isEqualTo(1);
		assertThat(this.directory.calls("group")).isEqualTo(1);
		assertThat(this.directory.calls("gmsa")).isEqualTo(2);
		assertThat(this.directory.calls("user")).isEqualTo(1);
		assertThat(auditActions(runId)).contains("provisioning.run.resumed");
		assertThatThrownBy(() -> this.service.resume(runId)).isInstanceOf(ProvisioningRefusedException.class)
			.hasMessageContaining("only a failed, interrupted or needing attention run can be resumed");
	}

	@Test
	void runLeftRunningByAStoppedPortalIsInterruptedAndResumable() {
		// An Error ends the executor thread inside the step, leaving the rows exactly as a killed process would.
		this.directory.failOnce("membership", new SimulatedCrash());
		String runId = startApproved(Requests.portable(Requests.freshName()));
		await(runId, (run) -> run.steps().get(4).state() == StepState.RUNNING && this.directory.calls("membership") == 1,
				"membership step running");
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.RUNNING);
		// Nothing renews its heartbeat any more, but until it is stale the run may be another instance's.
		assertThat(this.recovery.interruptStaleRuns()).doesNotContain(runId);
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.RUNNING);

		heartbeatsGoStale();
		assertThat(this.recovery.interruptStaleRuns()).contains(runId);
		RunView interrupted = this.service.run(runId).orElseThrow();
		assertThat(interrupted.state()).isEqualTo(RunState.INTERRUPTED);
		assertThat(interrupted.steps().get(4).state()).isEqualTo(StepState.FAILED);
		assertThat(interrupted.steps().get(4).detail()).isEqualTo(RunRecovery.STOPPED);
		assertThat(auditActions(runId)).contains("provisioning.run.interrupted");

		this.service.resume(runId);
		RunView resumed = awaitState(runId, RunState.SUCCEEDED);
		assertThat(stepStates(resumed)).containsOnly(StepState.SUCCEEDED);
		assertThat(this.directory.calls("group")).isEqualTo(1);
		assertThat(this.directory.calls("user")).isEqualTo(1);
		assertThat(this.directory.calls("membership")).isEqualTo(2);
	}

	@Test
	void anObjectFoundOnResumeIsTheRunsOnlyIfThePortalCreatedItAfterTheRunAnnouncedIt() {
		// Two runs cut off in their gMSA step after recording the intent, before the write.
		ProvisioningRequest older = Requests.domainJoined(Requests.freshName());
		ProvisioningRequest foreign = Requests.domainJoined(Requests.freshName());
		String olderRun = crashInGmsaStep(older);
		String foreignRun = crashInGmsaStep(foreign);
		// Meanwhile the gMSAs appeared: one made by the portal long before the intent, one not by the portal.
		this.directory.gmsas.put(older.gmsaName().toLowerCase(), RequestTranslation.gmsaSpec(older));
		this.directory.createdByPortal.put("GMSA " + older.gmsaName().toLowerCase(),
				java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
		this.directory.gmsas.put(foreign.gmsaName().toLowerCase(), RequestTranslation.gmsaSpec(foreign));

		heartbeatsGoStale();
		assertThat(this.recovery.interruptStaleRuns()).contains(olderRun, foreignRun);
		for (String runId : List.of(olderRun, foreignRun)) {
			this.service.resume(runId);
			RunView done = awaitState(runId, RunState.SUCCEEDED);
			assertThat(done.steps().get(2).result()).isEqualTo("ALREADY_AS_REQUESTED");
			assertThat(this.service.decommissionPlan(runId).steps()).filteredOn((s) -> s.kind() == StepKind.REMOVE_GMSA)
				.singleElement().satisfies((s) -> assertThat(s.intent()).isEqualTo(StepIntent.SKIP));
		}
	}

	@Test
	void aGroupAnotherRunCreatedWhileThisOneWasCutOffStaysThatRunsToRemove() {
		// Two gMSAs for one node pool share a hosts group. Run A is cut off in its group step after announcing it.
		String group = Requests.freshName() + "-pool";
		ProvisioningRequest a = sharingGroup(Requests.domainJoined(Requests.freshName()), group);
		ProvisioningRequest b = sharingGroup(Requests.domainJoined(Requests.freshName()), group);
		this.directory.failOnce("group", new SimulatedCrash());
		String runA = startApproved(a);
		await(runA, (run) -> run.steps().get(1).state() == StepState.RUNNING && this.directory.calls("group") == 1,
				"group step running");
		// Meanwhile run B creates the group, and records it.
		String runB = startApproved(b);
		assertThat(awaitState(runB, RunState.SUCCEEDED).steps().get(1).result()).isEqualTo("CREATED");

		heartbeatsGoStale();
		assertThat(this.recovery.interruptStaleRuns()).contains(runA);
		this.service.resume(runA);
		RunView done = awaitState(runA, RunState.SUCCEEDED);
		assertThat(done.steps().get(1).result()).isEqualTo("ALREADY_AS_REQUESTED");
		assertThat(this.service.decommissionPlan(runA).steps()).filteredOn((s) -> s.kind() == StepKind.REMOVE_GROUP)
			.singleElement().satisfies((s) -> assertThat(s.intent()).isEqualTo(StepIntent.SKIP));
	}

	private static ProvisioningRequest sharingGroup(ProvisioningRequest r, String group) {
		return new ProvisioningRequest(r.directoryConnection(), r.gmsaName(), r.dnsHostName(), r.spns(),
				r.encryptionTypes(), r.kdsRootKey(), group, r.hosts(), r.target(), r.ticketRef());
	}

	private String crashInGmsaStep(ProvisioningRequest request) {
		this.directory.failOnce("gmsa", new SimulatedCrash());
		String runId = startApproved(request);
		await(runId, (run) -> run.steps().get(2).state() == StepState.RUNNING && this.directory.calls("gmsa") == 1,
				"gMSA step running");
		this.directory.calls.clear();
		return runId;
	}

	@Test
	void aWebhookInstallRunsBeforeThePreflightAndOnlyItsRunsDecommissionRemovesIt() {
		this.cluster.webhook = new WebhookPlan(WebhookPlan.Need.INSTALL,
				List.of(new ClusterObject("apps/v1", "Deployment", "gmsa-webhook", "gmsa-webhook", null)),
				"Install the windows-gmsa webhook.");
		String runId = startApproved(Requests.portable(Requests.freshName()));
		RunView run = awaitState(runId, RunState.SUCCEEDED);

		assertThat(this.cluster.calls).containsExactly("install-webhook", "preflight", "apply", "verify");
		assertThat(run.steps()).filteredOn((s) -> s.kind() == StepKind.INSTALL_GMSA_WEBHOOK).singleElement()
			.satisfies((s) -> assertThat(s.detail()).contains("CREATE Deployment gmsa-webhook/gmsa-webhook"));
		assertThat(auditActions(runId)).contains(StepKind.INSTALL_GMSA_WEBHOOK.auditAction());
		Plan plan = this.service.decommissionPlan(runId);
		assertThat(plan.steps()).extracting(PlannedStep::kind).startsWith(StepKind.REMOVE_FROM_CLUSTER,
				StepKind.REMOVE_GMSA_WEBHOOK);

		String decommissionId = this.service.decommission(runId, approve(plan));
		awaitState(decommissionId, RunState.SUCCEEDED);

		assertThat(this.cluster.calls).endsWith("decommission", "remove-webhook");
		this.cluster.reset();
		String other = startApproved(Requests.portable(Requests.freshName()));
		awaitState(other, RunState.SUCCEEDED);
		assertThat(this.service.decommissionPlan(other).steps()).extracting(PlannedStep::kind)
			.doesNotContain(StepKind.REMOVE_GMSA_WEBHOOK);
	}

	@Test
	void pickedWorkloadsArePatchedByTheRunAndGivenBackFirstByTheDecommission() {
		ProvisioningRequest request = Requests.withWorkloads(Requests.portable(Requests.freshName()),
				new org.gmsaportal.cluster.WorkloadRef(org.gmsaportal.cluster.WorkloadKind.DEPLOYMENT, "web", true),
				new org.gmsaportal.cluster.WorkloadRef(org.gmsaportal.cluster.WorkloadKind.STATEFUL_SET, "sql", false));
		String runId = startApproved(request);
		awaitState(runId, RunState.SUCCEEDED);
		assertThat(this.cluster.calls).containsSubsequence("apply", "verify", "patch Deployment/web",
				"patch StatefulSet/sql");

		Plan plan = this.service.decommissionPlan(runId);
		assertThat(plan.steps()).extracting(PlannedStep::kind).startsWith(StepKind.UNPATCH_WORKLOAD,
				StepKind.UNPATCH_WORKLOAD, StepKind.REMOVE_FROM_CLUSTER);
		assertThat(plan.steps()).extracting(PlannedStep::target).startsWith("StatefulSet/sql", "Deployment/web");
		String decommissionId = this.service.decommission(runId, approve(plan));
		awaitState(decommissionId, RunState.SUCCEEDED);

		assertThat(this.cluster.calls).containsSubsequence("release StatefulSet/sql uid-sql",
				"release Deployment/web uid-web", "decommission");
	}

	@Test
	void decommissionRemovesClusterObjectsThenDirectoryObjectsInReverse() {
		ProvisioningRequest request = Requests.portable(Requests.freshName());
		// The group existed before the run: decommission must leave it alone.
		this.directory.groups.add(request.groupName().toLowerCase());
		String runId = startApproved(request);
		awaitState(runId, RunState.SUCCEEDED);
		Plan plan = this.service.decommissionPlan(runId);
		assertThat(plan.steps()).extracting(PlannedStep::kind).containsExactly(StepKind.REMOVE_FROM_CLUSTER,
				StepKind.REMOVE_MEMBERSHIP, StepKind.REMOVE_PORTABLE_USER, StepKind.REMOVE_GMSA, StepKind.REMOVE_GROUP);
		assertThat(plan.steps().get(4).intent()).isEqualTo(StepIntent.SKIP);
		assertThatThrownBy(() -> this.service.decommission(runId, approve(this.service.plan(request))))
			.isInstanceOf(ApprovalMismatchException.class);

		String decommissionId = this.service.decommission(runId, approve(plan));
		RunView done = awaitState(decommissionId, RunState.SUCCEEDED);
		assertThat(stepStates(done)).containsExactly(StepState.SUCCEEDED, StepState.SUCCEEDED, StepState.SUCCEEDED,
				StepState.SUCCEEDED, StepState.SKIPPED);
		assertThat(this.cluster.calls).endsWith("decommission");
		assertThat(this.cluster.decommissioned).hasSize(4).allSatisfy((o) -> assertThat(o.uid()).isNotNull());
		String user = ((Hosts.Portable) request.hosts()).userName();
		assertThat(this.directory.removals).containsExactly(
				"MEMBERSHIP " + request.groupName() + " [" + user + "]", "USER " + user, "GMSA " + request.gmsaName());
		assertThat(this.directory.groups).contains(request.groupName().toLowerCase());
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.DECOMMISSIONED);
		assertThat(auditActions(decommissionId)).contains(StepKind.REMOVE_FROM_CLUSTER.auditAction(),
				StepKind.REMOVE_GMSA.auditAction(), "provisioning.run.succeeded");
		assertThat(this.service.takePortablePassword(runId)).isEmpty();
	}

	@Test
	void aBlockedRemovalNeedsAttentionAndAnAbandonedDecommissionLeavesTheRunItRemovesSucceeded() {
		ProvisioningRequest request = Requests.portable(Requests.freshName());
		String runId = startApproved(request);
		awaitState(runId, RunState.SUCCEEDED);
		this.directory.blockRemoval(Directory.ObjectType.GMSA, request.gmsaName(), "changed outside the portal");

		String decommissionId = this.service.decommission(runId, approve(this.service.decommissionPlan(runId)));
		RunView blocked = awaitState(decommissionId, RunState.SUCCEEDED, RunState.NEEDS_ATTENTION);
		assertThat(blocked.state()).isEqualTo(RunState.NEEDS_ATTENTION);
		assertThat(stepStates(blocked)).containsExactly(StepState.SUCCEEDED, StepState.SUCCEEDED, StepState.SUCCEEDED,
				StepState.NEEDS_ATTENTION, StepState.PENDING);
		assertThat(blocked.failure()).contains("REMOVE_GMSA", "changed outside the portal");
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run WHERE id = ? AND state = 'NEEDS_ATTENTION'")
			.param(decommissionId).query(Long.class).single()).isEqualTo(1);
		assertThat(auditActions(decommissionId)).doesNotContain("provisioning.run.succeeded");

		// Given up: the run it was removing stays SUCCEEDED and can be decommissioned again.
		this.service.abandon(decommissionId, "the gMSA stays, by decision of its owner");
		assertThat(this.service.run(decommissionId).orElseThrow().state()).isEqualTo(RunState.ABANDONED);
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
		this.directory.blockRemoval(Directory.ObjectType.GMSA, request.gmsaName(), null);
		String again = this.service.decommission(runId, approve(this.service.decommissionPlan(runId)));
		assertThat(awaitState(again, RunState.SUCCEEDED, RunState.NEEDS_ATTENTION, RunState.FAILED).state())
			.isEqualTo(RunState.SUCCEEDED);
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.DECOMMISSIONED);
	}

	long runsNamed(String gmsaName) {
		return this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run WHERE gmsa_name = ?")
			.param(gmsaName).query(Long.class).single();
	}

	/** Stands for the process dying in the middle of a step. */
	static class SimulatedCrash extends Error {

		SimulatedCrash() {
			super("simulated crash", null, false, false);
		}

	}

}
