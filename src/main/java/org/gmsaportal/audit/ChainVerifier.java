package org.gmsaportal.audit;

import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recomputes every event's hash and link in sequence, then checks the newest against the signed head.
 */
@Component
class ChainVerifier {

	private final JdbcClient jdbc;

	private final ChainHasher hasher;

	ChainVerifier(JdbcClient jdbc, ChainHasher hasher) {
		this.jdbc = jdbc;
		this.hasher = hasher;
	}

	ChainVerification verify(Consumer<Consumer<AuditRow>> allRowsInOrder) {
		Head head = head();
		Walk walk = new Walk();
		allRowsInOrder.accept(row -> {
			if (walk.problem == null && row.seq() <= head.seq) {
				walk.check(row);
			}
		});
		if (walk.problem != null) {
			return result(false, walk.count, walk.badSeq, walk.problem);
		}
		if (head.mac.isEmpty() && head.seq == 0) {
			return (walk.count == 0) ? result(true, 0, null, "The trail holds no events yet.")
					: result(false, walk.count, 1L, "Events exist but the chain head was never signed.");
		}
		if (!this.hasher.checkpointValid(head.seq, head.hash, head.mac)) {
			return result(false, walk.count, head.seq,
					"The signed chain head was changed outside the portal (its HMAC does not match).");
		}
		if (walk.lastSeq < head.seq) {
			return result(false, walk.count, walk.lastSeq + 1, "Events " + (walk.lastSeq + 1) + " to " + head.seq
					+ " are missing: the newest events were deleted.");
		}
		if (!walk.lastHash.equals(head.hash)) {
			return result(false, walk.count, head.seq, "Event " + head.seq + " differs from the signed chain head.");
		}
		Long extra = this.jdbc.sql("SELECT MIN(seq) FROM audit_event WHERE seq > ?").param(head.seq)
			.query(Long.class).optional().orElse(null);
		if (extra != null && head().seq < extra) {
			return result(false, walk.count, extra,
					"Event " + extra + " was added after the signed chain head, outside the portal.");
		}
		return result(true, walk.count, null,
				"All " + walk.count + " events are intact and the newest matches the signed chain head.");
	}

	private Head head() {
		return this.jdbc.sql("SELECT seq, hash, mac FROM audit_chain_head WHERE id = 1")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional()
			.orElse(new Head(-1, "", "missing"));
	}

	private static ChainVerification result(boolean intact, long count, @Nullable Long badSeq, String problem) {
		return new ChainVerification(intact, count, badSeq, problem, Instant.now());
	}

	private record Head(long seq, String hash, String mac) {
	}

	/** State of the walk along the chain. */
	private static final class Walk {

		long count;

		long lastSeq;

		String lastHash = AuditRow.GENESIS;

		@Nullable Long badSeq;

		@Nullable String problem;

		void check(AuditRow row) {
			long expected = this.lastSeq + 1;
			if (row.seq() != expected) {
				fail(expected, "Event " + expected + " is missing (the next stored event is " + row.seq() + ").");
			}
			else if (!row.prevHash().equals(this.lastHash)) {
				fail(row.seq(), "Event " + row.seq() + " does not link to event " + this.lastSeq
						+ " (previous-hash mismatch): an event was removed or inserted.");
			}
			else if (!ChainHasher.hash(row).equals(row.hash())) {
				fail(row.seq(), "Event " + row.seq() + " was altered: its content no longer matches its hash.");
			}
			else {
				this.count++;
				this.lastSeq = row.seq();
				this.lastHash = row.hash();
			}
		}

		private void fail(long seq, String message) {
			this.badSeq = seq;
			this.problem = message;
		}

	}

}
