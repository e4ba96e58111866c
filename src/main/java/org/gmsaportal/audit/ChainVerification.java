package org.gmsaportal.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking the audit chain.
 *
 * @param intact every event's hash and link are right and the signed head matches the newest event
 * @param eventsChecked how many events were read
 * @param firstBadSeq the first event whose hash, link or position is wrong, if any
 * @param problem what is wrong, in words, or a confirmation when intact
 * @param verifiedAt when the check ran
 */
public record ChainVerification(boolean intact, long eventsChecked, @Nullable Long firstBadSeq, String problem,
		Instant verifiedAt) {

}
