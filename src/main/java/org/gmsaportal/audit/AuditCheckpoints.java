package org.gmsaportal.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes signed checkpoints of the chain head outside the database: a file in the checkpoint directory and a
 * line on the {@code gmsa.audit.checkpoint} logger, at an interval when the head has moved and when an ADMIN asks.
 *
 * <p>
 * A checkpoint is signed only when the trail since the previous checkpoint extends it event by event, so a trail
 * rewritten in the database is never vouched for by a later checkpoint: publishing stops and says why.
 */
@Component
public class AuditCheckpoints {

	private static final Logger logger = LoggerFactory.getLogger(AuditCheckpoints.class);

	private static final Logger checkpointLog = LoggerFactory.getLogger("gmsa.audit.checkpoint");

	private final JdbcClient jdbc;

	private final AuditTrail trail;

	private final CheckpointSigner signer;

	private final CheckpointDirectory directory;

	private final ChainHasher hasher;

	AuditCheckpoints(JdbcClient jdbc, AuditTrail trail, CheckpointSigner signer, CheckpointDirectory directory,
			ChainHasher hasher) {
		this.jdbc = jdbc;
		this.trail = trail;
		this.signer = signer;
		this.directory = directory;
		this.hasher = hasher;
	}

	/**
	 * Publishes a checkpoint of the head now, and records who asked and what came of it.
	 * @throws CheckpointRefusedException saying why none was published
	 */
	public CheckpointRef publishNow() {
		try {
			CheckpointRef published = publish(true);
			this.trail.record(AuditEvent.of("audit.checkpoint.publish", published.file(), AuditOutcome.SUCCESS)
				.withDetails(Map.of("seq", published.seq(), "hash", published.hash())));
			return published;
		}
		catch (CheckpointRefusedException ex) {
			this.trail.record(AuditEvent.of("audit.checkpoint.publish", this.directory.path().toString(),
					AuditOutcome.FAILURE).withDetails(Map.of("problem", ex.getMessage())));
			throw ex;
		}
	}

	/** The public key auditors verify checkpoints with, as PEM. */
	public String publicKeyPem() {
		return this.signer.publicKeyPem();
	}

	/** Where checkpoints are published. */
	public Path directory() {
		return this.directory.path();
	}

	@Scheduled(fixedDelayString = "${gmsa.audit.checkpoint-interval:PT5M}",
			initialDelayString = "${gmsa.audit.checkpoint-interval:PT5M}")
	void publishOnSchedule() {
		try {
			publish(false);
		}
		catch (CheckpointRefusedException ex) {
			logger.error("No audit checkpoint was published: {}", ex.getMessage());
		}
	}

	/** Signs the head and writes it out, unless it is already the newest checkpoint and {@code always} is false. */
	CheckpointRef publish(boolean always) {
		try {
			CheckpointDirectory.Latest latest = this.directory.latest(this.signer);
			Head head = this.jdbc.sql("SELECT seq, hash, mac FROM audit_chain_head WHERE id = 1")
				.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3)))
				.single();
			if (head.seq == 0) {
				throw new CheckpointRefusedException("The trail holds no events yet: there is nothing to checkpoint.");
			}
			// The SHA-256 links can be recomputed by anyone who can write the database; the head's HMAC cannot
			// without its key, so a checkpoint never vouches for a head the portal did not sign.
			if (head.mac == null || !this.hasher.checkpointValid(head.seq, head.hash, head.mac)) {
				throw new CheckpointRefusedException("The chain head's signature does not match: the trail was changed "
						+ "outside the portal. Verify the chain; no checkpoint vouches for it.");
			}
			CheckpointDirectory.Found previous = latest.found();
			if (previous != null && previous.checkpoint().seq() == head.seq && !always) {
				return previous.ref();
			}
			extendsPrevious(head, previous);
			Checkpoint checkpoint = this.signer.sign(head.seq, head.hash, Instant.now().truncatedTo(ChronoUnit.MILLIS));
			Path file = this.directory.write(checkpoint);
			checkpointLog.info("audit checkpoint file={} {}", file,
					checkpoint.text().strip().replace("\n", " | "));
			return new CheckpointDirectory.Found(checkpoint, file).ref();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new CheckpointRefusedException("The checkpoint directory " + this.directory.path()
					+ " cannot be read or written: " + ex.getMessage(), ex);
		}
	}

	/** Walks the events after the previous checkpoint (all of them for the first) up to the head. */
	private void extendsPrevious(Head head, CheckpointDirectory.@Nullable Found previous) {
		long from = (previous != null) ? previous.checkpoint().seq() : 0;
		String fromHash = (previous != null) ? previous.checkpoint().hash() : AuditRow.GENESIS;
		String vouched = (previous != null) ? previous.ref().describe() : "the start of the chain";
		if (head.seq < from) {
			throw new CheckpointRefusedException("The chain head (event " + head.seq + ") is behind " + vouched
					+ ": events were removed from the database.");
		}
		ChainCheck check = new ChainCheck(from, fromHash);
		long after = from;
		while (after < head.seq) {
			List<AuditRow> rows = this.jdbc.sql("SELECT " + AuditSql.COLUMNS
					+ " FROM audit_event WHERE seq > ? AND seq <= ? ORDER BY seq FETCH FIRST 1000 ROWS ONLY")
				.params(after, head.seq)
				.query(AuditSql::map)
				.list();
			if (rows.isEmpty()) {
				break;
			}
			rows.forEach(check::accept);
			after = rows.get(rows.size() - 1).seq();
		}
		String problem = check.problem();
		if (problem == null && (check.lastSeq() != head.seq || !check.lastHash().equals(head.hash))) {
			problem = "The events do not reach the chain head (event " + head.seq + ").";
		}
		if (problem != null) {
			throw new CheckpointRefusedException("The trail no longer extends " + vouched + ": " + problem);
		}
	}

	private record Head(long seq, String hash, @Nullable String mac) {
	}

}
