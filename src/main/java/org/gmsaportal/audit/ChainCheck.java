package org.gmsaportal.audit;

import org.jspecify.annotations.Nullable;

/**
 * Walks audit rows in sequence, checking each one's hash and link, and then compares the end of the walk with
 * a checkpoint. Pure code: the portal's verification and the offline verifier share it.
 */
final class ChainCheck {

	private final @Nullable CheckpointRef anchor;

	private long count;

	private long lastSeq;

	private String lastHash = AuditRow.GENESIS;

	private @Nullable String hashAtAnchor;

	private @Nullable Long badSeq;

	private @Nullable String problem;

	/** A walk from the first event, compared at its end with the checkpoint, if any. */
	ChainCheck(@Nullable CheckpointRef anchor) {
		this.anchor = anchor;
	}

	/** A walk that continues after an event already vouched for (by a checkpoint), with no comparison. */
	ChainCheck(long afterSeq, String afterHash) {
		this.anchor = null;
		this.lastSeq = afterSeq;
		this.lastHash = afterHash;
	}

	/** Checks the next row; after the first problem the rest are ignored. */
	void accept(AuditRow row) {
		if (this.problem != null) {
			return;
		}
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
			if (this.anchor != null && row.seq() == this.anchor.seq()) {
				this.hashAtAnchor = row.hash();
			}
		}
	}

	long count() {
		return this.count;
	}

	long lastSeq() {
		return this.lastSeq;
	}

	String lastHash() {
		return this.lastHash;
	}

	@Nullable Long badSeq() {
		return this.badSeq;
	}

	/**
	 * What is wrong once every row was seen: a broken link or hash, or a trail that ends before the checkpoint or
	 * differs from it. Null when the rows hold together and agree with the checkpoint.
	 */
	@Nullable String problem() {
		if (this.problem != null || this.anchor == null) {
			return this.problem;
		}
		if (this.lastSeq < this.anchor.seq()) {
			this.badSeq = this.lastSeq + 1;
			return (this.lastSeq + 1 == this.anchor.seq() ? "Event " + this.anchor.seq() + " is"
					: "Events " + (this.lastSeq + 1) + " to " + this.anchor.seq() + " are")
					+ " missing: " + this.anchor.describe() + " says the trail reached event " + this.anchor.seq()
					+ (this.count == 0 ? ", so the empty trail was truncated." : ", so the trail was truncated.");
		}
		if (!this.anchor.hash().equals(this.hashAtAnchor)) {
			this.badSeq = this.anchor.seq();
			return "Event " + this.anchor.seq() + " does not match " + this.anchor.describe()
					+ ": it, or an event before it, was rewritten after the checkpoint was signed.";
		}
		return null;
	}

	/** What the checkpoint vouches for, for a verification that found nothing wrong. */
	String anchorNote() {
		if (this.anchor == null) {
			return "No checkpoint could be read, so only the database vouches for the trail.";
		}
		String note = "The trail matches " + this.anchor.describe() + ", which vouches for events 1 to "
				+ this.anchor.seq() + ".";
		return (this.lastSeq > this.anchor.seq()) ? note + " Events " + (this.anchor.seq() + 1) + " to "
				+ this.lastSeq + " are newer than it and not yet anchored outside the database." : note;
	}

	private void fail(long seq, String message) {
		this.badSeq = seq;
		this.problem = message;
	}

}
