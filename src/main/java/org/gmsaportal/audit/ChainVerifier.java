package org.gmsaportal.audit;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recomputes every event's hash and link in sequence, compares the trail with the newest checkpoint published
 * outside the database, then checks the newest event against the HMAC-signed head in the database.
 */
@Component
class ChainVerifier {

	private final JdbcClient jdbc;

	private final ChainHasher hasher;

	private final CheckpointSigner signer;

	private final CheckpointDirectory checkpoints;

	ChainVerifier(JdbcClient jdbc, ChainHasher hasher, CheckpointSigner signer, CheckpointDirectory checkpoints) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.signer = signer;
		this.checkpoints = checkpoints;
	}

	ChainVerification verify(Consumer<Consumer<AuditRow>> allRowsInOrder) {
		CheckpointDirectory.Latest latest;
		try {
			latest = this.checkpoints.latest(this.signer);
		}
		catch (UncheckedIOException ex) {
			return result(false, 0, null, "The trail cannot be compared with its checkpoints: " + ex.getMessage()
					+ ".", null);
		}
		CheckpointRef anchor = (latest.found() != null) ? latest.found().ref() : null;
		Head head = head();
		long limit = Math.max(head.seq, (anchor != null) ? anchor.seq() : 0);
		ChainCheck check = new ChainCheck(anchor);
		allRowsInOrder.accept(row -> {
			if (row.seq() <= limit) {
				check.accept(row);
			}
		});
		String problem = check.problem();
		if (problem != null) {
			return result(false, check.count(), check.badSeq(), problem, anchor);
		}
		if (anchor != null && head.seq < anchor.seq()) {
			return result(false, check.count(), head.seq + 1, "The database's chain head names event " + head.seq
					+ ", behind " + anchor.describe() + ": the head was moved back.", anchor);
		}
		ChainVerification againstHead = againstHead(head, check, anchor);
		if (againstHead != null) {
			return againstHead;
		}
		String ignored = (latest.ignored() == 0) ? "" : " " + latest.ignored() + " newer checkpoint file(s) in "
				+ this.checkpoints.path() + " were passed over: unreadable, not signed by the portal's key, or not "
				+ "named for the checkpoint they hold.";
		String summary = (check.count() == 0) ? "The trail holds no events yet."
				: "All " + check.count() + " events are intact and the newest matches the signed chain head.";
		return result(true, check.count(), null, summary + " " + check.anchorNote() + ignored, anchor);
	}

	/** The checks against the HMAC head in the database, which catch a head edited without the HMAC key. */
	private @Nullable ChainVerification againstHead(Head head, ChainCheck check, @Nullable CheckpointRef anchor) {
		if (head.mac.isEmpty() && head.seq == 0) {
			return (check.count() == 0) ? null
					: result(false, check.count(), 1L, "Events exist but the chain head was never signed.", anchor);
		}
		if (!this.hasher.checkpointValid(head.seq, head.hash, head.mac)) {
			return result(false, check.count(), head.seq,
					"The signed chain head was changed outside the portal (its HMAC does not match).", anchor);
		}
		if (check.lastSeq() < head.seq) {
			return result(false, check.count(), check.lastSeq() + 1, "Events " + (check.lastSeq() + 1) + " to "
					+ head.seq + " are missing: the newest events were deleted.", anchor);
		}
		if (!check.lastHash().equals(head.hash)) {
			return result(false, check.count(), head.seq, "Event " + head.seq + " differs from the signed chain head.",
					anchor);
		}
		Long extra = this.jdbc.sql("SELECT MIN(seq) FROM audit_event WHERE seq > ?").param(head.seq)
			.query(Long.class).optional().orElse(null);
		if (extra != null && head().seq < extra) {
			return result(false, check.count(), extra,
					"Event " + extra + " was added after the signed chain head, outside the portal.", anchor);
		}
		return null;
	}

	private Head head() {
		return this.jdbc.sql("SELECT seq, hash, mac FROM audit_chain_head WHERE id = 1")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional()
			.orElse(new Head(-1, "", "missing"));
	}

	private static ChainVerification result(boolean intact, long count, @Nullable Long badSeq, String problem,
			@Nullable CheckpointRef anchor) {
		return new ChainVerification(intact, count, badSeq, problem, Instant.now(), anchor);
	}

	private record Head(long seq, String hash, String mac) {
	}

}
