package org.gmsaportal.inventory;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.gmsaportal.inventory.SnapshotRows.utc;

/**
 * The scheduled snapshot's claim in {@code inventory_schedule}: a conditional UPDATE, which H2 and PostgreSQL both
 * apply atomically to the row, so that of several instances asking together exactly one takes the due snapshot.
 */
@Repository
class ScheduleClaims {

	private final JdbcClient jdbc;

	ScheduleClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Takes the snapshot that is due at {@code now}, if none was taken since; the next one is due at {@code next}. */
	boolean claim(String claimant, Instant now, Instant next) {
		return this.jdbc.sql("UPDATE inventory_schedule SET next_due = ?, claimed_by = ? "
				+ "WHERE id = 1 AND next_due <= ?")
			.params(utc(next), claimant, utc(now)).update() == 1;
	}

}
