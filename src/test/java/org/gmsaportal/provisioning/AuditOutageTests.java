package org.gmsaportal.provisioning;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step's state change and its audit event commit together: when the event cannot be written, the step is not
 * recorded as done, the run is handed back as interrupted (or, if even that cannot be recorded, left to the
 * stale-heartbeat recovery), and resuming does the step again (idempotently) once the trail is back.
 */
@Import(AuditOutageTests.SwitchableAudit.class)
class AuditOutageTests extends ProvisioningEngineContract {

	@Autowired
	SwitchableAuditTrail audit;

	@Autowired
	RunLeases leases;

	@BeforeEach
	void trailWorks() {
		this.audit.failWhen.set((event) -> false);
		this.audit.refused.set(0);
	}

	@Test
	void stepIsNotRecordedAsDoneWhenItsAuditEventCannotBeWritten() {
		this.audit.failWhen.set((event) -> event.action().equals(StepKind.ENSURE_GMSA.auditAction())
				&& "SUCCEEDED".equals(event.details().get("state")));
		String runId = startApproved(Requests.domainJoined(Requests.freshName()));
		// The executor hands the run back as interrupted: its own event could be written, the step's could not.
		RunView interrupted = awaitState(runId, RunState.INTERRUPTED);
		assertThat(this.audit.refused.get()).isEqualTo(1);
		assertThat(this.directory.calls("gmsa")).isEqualTo(1);
		assertThat(interrupted.failure()).contains("the run's state could not be recorded")
			.contains("AuditUnavailableException");
		assertThat(interrupted.steps().get(2).state()).isEqualTo(StepState.FAILED);
		assertThat(interrupted.steps().get(2).result()).isNull();
		assertThat(auditActions(runId)).contains("provisioning.run.interrupted").doesNotContain("provisioning.run.succeeded");
		this.audit.failWhen.set((event) -> false);

		this.service.resume(runId);
		RunView done = awaitState(runId, RunState.SUCCEEDED);
		// The first attempt created the gMSA before its record failed: the intent it recorded makes it this run's.
		assertThat(done.steps().get(2).result()).isEqualTo("CREATED");
		assertThat(done.steps().get(2).detail()).contains("in an earlier attempt of this run");
		assertThat(this.directory.calls("group")).isEqualTo(1);
		assertThat(this.directory.calls("gmsa")).isEqualTo(2);
		assertThat(this.service.decommissionPlan(runId).steps()).filteredOn((s) -> s.kind() == StepKind.REMOVE_GMSA)
			.singleElement().satisfies((s) -> assertThat(s.intent()).isEqualTo(StepIntent.APPLY));
	}

	@Test
	void runWhoseBookkeepingFailsAltogetherIsInterruptedOnceStaleAndItsOldAttemptCannotUndoTheResume() {
		// The trail refuses the step's event and then the interruption too: the run cannot even be handed back.
		this.audit.failWhen.set((event) -> (event.action().equals(StepKind.ENSURE_GMSA.auditAction())
				&& "SUCCEEDED".equals(event.details().get("state")))
				|| event.action().equals("provisioning.run.interrupted"));
		String runId = startApproved(Requests.domainJoined(Requests.freshName()));
		await(runId, (run) -> this.audit.refused.get() == 2 && this.leases.executing().stream()
			.noneMatch((l) -> l.runId().equals(runId)), "the step and the interruption refused, the attempt given up");
		RunView stuck = this.service.run(runId).orElseThrow();
		assertThat(stuck.state()).isEqualTo(RunState.RUNNING);
		assertThat(stuck.steps().get(2).state()).isEqualTo(StepState.RUNNING);
		this.audit.failWhen.set((event) -> false);

		// No heartbeat renews it now; once stale, recovery (any instance) marks it interrupted.
		assertThat(this.recovery.interruptStaleRuns()).doesNotContain(runId);
		heartbeatsGoStale();
		assertThat(this.recovery.interruptStaleRuns()).contains(runId);
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.INTERRUPTED);

		this.service.resume(runId);
		RunView done = awaitState(runId, RunState.SUCCEEDED);
		// The first attempt, should it still try to hand the run back, is refused: attempt 2 holds the run.
		RunLease first = new RunLease(runId, this.leases.owner(), 1);
		assertThat(this.recovery.interruptOwn(first, "late")).isFalse();
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(done.steps().get(2).attempts()).isEqualTo(2);
	}

	/** Wraps the real trail and refuses chosen events, as a full disk or a lost database connection would. */
	static class SwitchableAuditTrail implements AuditTrail {

		final AtomicReference<Predicate<AuditEvent>> failWhen = new AtomicReference<>((event) -> false);

		final AtomicInteger refused = new AtomicInteger();

		private final AuditTrail real;

		SwitchableAuditTrail(AuditTrail real) {
			this.real = real;
		}

		@Override
		public void record(AuditEvent event) {
			if (this.failWhen.get().test(event)) {
				this.refused.incrementAndGet();
				throw new AuditUnavailableException("audit trail unavailable (test)", new IllegalStateException());
			}
			this.real.record(event);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SwitchableAudit {

		@Bean
		@Primary
		SwitchableAuditTrail switchableAuditTrail(@Qualifier("jdbcAuditTrail") AuditTrail real) {
			return new SwitchableAuditTrail(real);
		}

	}

}
