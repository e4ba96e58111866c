package org.gmsaportal.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking the audit chain.
 *
 * @param intact every event's hash and link are right, the signed head matches the newest event, and no
 * checkpoint published outside the database contradicts the trail
 * @param eventsChecked how many events were read
 * @param firstBadSeq the first event whose hash, link or position is wrong, or that is missing, if any
 * @param problem what is wrong, in words, or a confirmation when intact
 * @param verifiedAt when the check ran
 * @param checkpoint the checkpoint the trail was compared with, or null when none could be read
 */
public record ChainVerification(boolean intact, long eventsChecked, @Nullable Long firstBadSeq, String problem,
		Instant verifiedAt, @Nullable CheckpointRef checkpoint) {

	/** A result without a checkpoint. */
	public ChainVerification(boolean intact, long eventsChecked, @Nullable Long firstBadSeq, String problem,
			Instant verifiedAt) {
		this(intact, eventsChecked, firstBadSeq, problem, verifiedAt, null);
	}

}
