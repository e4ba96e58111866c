package org.gmsaportal.audit;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Health of the audit trail, which every audited action needs (fail closed): DOWN while the chain head cannot be
 * locked for writing, or while the last write failed and none has worked since. Details name the cause's class
 * and what to check, never a value.
 */
@Component("auditTrail")
class AuditHealthIndicator extends AbstractHealthIndicator {

	// A failed write with no later one is believed this long even when the probe passes: the probe inserts nothing,
	// so it cannot see every cause (a full disk, a lost INSERT right); and without traffic no later write says so.
	private static final Duration RECENT = Duration.ofMinutes(5);

	private static final String CHECK = "check that the database is reachable and writable (disk space, "
			+ "permissions, not read-only) and that the audit tables are intact; "
			+ "audited actions are refused until then";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuditWriteStatus writes;

	AuditHealthIndicator(JdbcClient jdbc, PlatformTransactionManager transactions, AuditWriteStatus writes) {
		super("Audit trail health check failed");
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.writes = writes;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		try {
			probe();
		}
		catch (RuntimeException ex) {
			builder.down().withDetail("reason", "the audit trail cannot be written (" + ex.getClass().getSimpleName()
					+ "): " + CHECK);
			return;
		}
		AuditWriteStatus.Failure failure = this.writes.failure();
		if (failure != null && failure.at().isAfter(Instant.now().minus(RECENT))) {
			builder.down().withDetail("reason", "the last audit event could not be written (" + failure.cause()
					+ ") at " + failure.at() + ", and none has been since: " + CHECK);
			return;
		}
		builder.up();
		if (failure != null) {
			builder.withDetail("lastFailure", failure.at() + " (" + failure.cause() + "); no write since");
		}
	}

	/**
	 * Takes the chain head's lock as an append does (which needs a writable database and the right to update the
	 * head), reads the event table, and rolls back: nothing is changed.
	 */
	private void probe() {
		this.transactions.executeWithoutResult((status) -> {
			status.setRollbackOnly();
			if (this.jdbc.sql("SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").query(Long.class)
				.optional().isEmpty()) {
				throw new IllegalStateException("the chain head row is missing");
			}
			this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE seq = 0").query(Long.class).single();
		});
	}

}
