package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks interrupted the runs no instance executes any more, so that an admin can resume them: at start-up and every
 * heartbeat interval, the runs whose heartbeat is stale (their instance crashed or lost the database), whichever
 * instance started them; at shutdown, this instance's own. A run another live instance executes is left alone.
 */
@Component
class RunRecovery {

	static final String SHUT_DOWN = "interrupted: the portal instance running it was shut down";

	static final String STOPPED = "the portal stopped while this step ran; resume the run to do it again (it is idempotent)";

	private static final Logger logger = LoggerFactory.getLogger(RunRecovery.class);

	private final RunRepository runs;

	private final RunAttemptRepository attempts;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final RunLeases leases;

	RunRecovery(RunRepository runs, RunAttemptRepository attempts, AuditTrail audit, TransactionTemplate transactions,
			RunLeases leases) {
		this.runs = runs;
		this.attempts = attempts;
		this.audit = audit;
		this.transactions = transactions;
		this.leases = leases;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		interruptStaleRuns();
	}

	/**
	 * A graceful shutdown hands this instance's runs back instead of leaving them to go stale: each after its step
	 * in flight has ended (an LDAP or Kubernetes call cannot be recalled, and a run handed back while its step
	 * still writes could be resumed elsewhere and run that step twice at once), the rest when the grace is over.
	 */
	@EventListener(ContextClosedEvent.class)
	void onStop() {
		this.leases.stop();
		for (RunLease lease : this.leases.awaitIdle()) {
			try {
				interruptOwn(lease, SHUT_DOWN + " (its step did not end within the shutdown grace)");
			}
			catch (RuntimeException ex) {
				logger.warn("Run {} could not be marked interrupted at shutdown; it is once its heartbeat is stale: {}",
						lease.runId(), ex.getClass().getSimpleName());
			}
		}
	}

	/** @return the runs marked interrupted because their heartbeat was stale */
	List<String> interruptStaleRuns() {
		Instant before = this.leases.staleBefore();
		List<String> interrupted = new ArrayList<>();
		for (RunLease stale : this.attempts.stale(before)) {
			try {
				String failure = "interrupted: the portal instance running it (" + stale.owner()
						+ ") stopped renewing its heartbeat";
				if (interrupt(stale, failure, () -> this.attempts.interruptStale(stale, before, failure))) {
					interrupted.add(stale.runId());
				}
			}
			catch (RuntimeException ex) {
				// One run's trouble (an audit outage) must not keep the others stuck.
				logger.warn("Run {} could not be marked interrupted: {}", stale.runId(), ex.getClass().getSimpleName());
			}
		}
		return interrupted;
	}

	/**
	 * The run's own bookkeeping failed (the database or the audit trail is out): the run is handed back as
	 * interrupted, conditionally on this attempt, so that it can never undo a resume. If even that cannot be
	 * recorded, the run stays RUNNING without a heartbeat, and recovery marks it interrupted once it is stale.
	 */
	void handBack(RunLease lease, RuntimeException ex) {
		logger.error("Run {} stopped: its state could not be recorded", lease.runId(), ex);
		try {
			interruptOwn(lease, "interrupted: the run's state could not be recorded (database or audit "
					+ "trail unavailable: " + ex.getClass().getSimpleName() + "); resume it once they are back");
		}
		catch (RuntimeException again) {
			logger.error("Run {} stays RUNNING until its heartbeat is stale; recovery then marks it interrupted: {}",
					lease.runId(), again.getClass().getSimpleName());
		}
	}

	/**
	 * Marks the attempt interrupted on behalf of the instance holding it; refused (false) if the attempt no longer
	 * holds the run, so it can never undo a resume that happened meanwhile.
	 */
	boolean interruptOwn(RunLease lease, String failure) {
		return interrupt(lease, failure, () -> this.attempts.interruptOwn(lease, failure));
	}

	private boolean interrupt(RunLease lease, String failure, BooleanSupplier conditionalUpdate) {
		Boolean done = this.transactions.execute((tx) -> {
			RunView run = this.runs.find(lease.runId()).orElseThrow();
			if (!conditionalUpdate.getAsBoolean()) {
				return false;
			}
			this.attempts.failRunningSteps(lease.runId(), STOPPED);
			this.audit.record(AuditEvent.of("provisioning.run.interrupted", run.gmsaName() + "@" + run.domain(),
					AuditOutcome.FAILURE)
				.withDetails(Map.of("kind", run.kind().name(), "attempt", lease.attempt(), "owner", lease.owner(),
						"reason", failure))
				.withActor(Actor.system())
				.withCorrelation(lease.runId(), run.ticketRef()));
			return true;
		});
		return Boolean.TRUE.equals(done);
	}

}
