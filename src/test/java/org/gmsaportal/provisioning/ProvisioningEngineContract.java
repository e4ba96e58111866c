package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * What the engine's tests share: the service over fake ports on a real database, a clock that tests move forward
 * (the heartbeat schedule is an hour, so it never fires during a test), and ways to wait for runs.
 */
@SpringBootTest(properties = "gmsa.provisioning.heartbeat-interval=1h")
@Import({ FakePorts.class, MutableClock.Config.class })
abstract class ProvisioningEngineContract {

	@Autowired
	ProvisioningService service;

	@Autowired
	FakeDirectory directory;

	@Autowired
	FakeCluster cluster;

	@Autowired
	RunRecovery recovery;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ProvisioningSettings settings;

	@BeforeEach
	void resetPorts() {
		this.directory.reset();
		this.cluster.reset();
	}

	/** Moves the clock past the stale limit: every heartbeat not renewed meanwhile is stale. */
	void heartbeatsGoStale() {
		this.clock.advance(this.settings.staleAfter().plusSeconds(1));
	}

	static Approval approve(Plan plan) {
		return new Approval(plan.hash(), "admin", Instant.now(), "reviewed in the test");
	}

	String startApproved(ProvisioningRequest request) {
		Plan plan = this.service.plan(request);
		return this.service.start(plan, approve(plan));
	}

	RunView awaitState(String runId, RunState... states) {
		return await(runId, (run) -> Arrays.asList(states).contains(run.state()), "state in " + Arrays.toString(states));
	}

	RunView await(String runId, Predicate<RunView> condition, String what) {
		return Waiting.until("run " + runId + " to reach " + what, () -> this.service.run(runId).orElseThrow(),
				condition);
	}

	List<String> auditActions(String runId) {
		return this.jdbc.sql("SELECT action FROM audit_event WHERE correlation_id = ? ORDER BY seq")
			.param(runId)
			.query(String.class)
			.list();
	}

	List<StepState> stepStates(RunView run) {
		return run.steps().stream().map(RunView.StepView::state).toList();
	}

}
