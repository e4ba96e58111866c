package org.gmsaportal.audit;

import java.time.Instant;

/**
 * The checkpoint a verification compared the trail with.
 *
 * @param seq the newest event it vouches for
 * @param hash that event's hash, as signed
 * @param time when it was signed
 * @param file where it was read from
 */
public record CheckpointRef(long seq, String hash, Instant time, String file) {

	/** In words, for verification messages. */
	public String describe() {
		return "checkpoint " + this.seq + " of " + this.time + " (" + this.file + ")";
	}

}
