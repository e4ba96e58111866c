package org.gmsaportal.provisioning;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
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
 * recorded as done, and resuming does it again (idempotently) once the trail is back.
 */
@Import(AuditOutageTests.SwitchableAudit.class)
class AuditOutageTests extends ProvisioningEngineContract {

	@Autowired
	SwitchableAuditTrail audit;

	@Test
	void stepIsNotRecordedAsDoneWhenItsAuditEventCannotBeWritten() {
		this.audit.failWhen.set((event) -> event.action().equals(StepKind.ENSURE_GMSA.auditAction())
				&& "SUCCEEDED".equals(event.details().get("state")));
		String runId = startApproved(Requests.domainJoined(Requests.freshName()));
		RunView stuck = await(runId, (run) -> this.audit.refused.get() == 1, "the gMSA step's audit event refused");
		assertThat(this.directory.calls("gmsa")).isEqualTo(1);
		assertThat(stuck.steps().get(2).state()).isEqualTo(StepState.RUNNING);
		this.audit.failWhen.set((event) -> false);
		assertThat(stuck.steps().get(2).result()).isNull();
		assertThat(auditActions(runId)).doesNotContain("provisioning.run.succeeded");

		// The executor gave up without recording; the next start of the portal marks the run interrupted.
		this.recovery.interruptRunningRuns();
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.INTERRUPTED);
		this.service.resume(runId);
		RunView done = awaitState(runId, RunState.SUCCEEDED);
		assertThat(done.steps().get(2).result()).isEqualTo("ALREADY_AS_REQUESTED");
		assertThat(this.directory.calls("group")).isEqualTo(1);
		assertThat(this.directory.calls("gmsa")).isEqualTo(2);
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
