package org.gmsaportal.directory;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Counts the LDAP operations this thread sends to a DC while a tally is open: reads (searches, entry and rootDSE
 * reads, extended operations), writes (adds, modifies, deletes), binds (new sessions: a TLS handshake and a bind
 * each) and the time spent waiting for the DC. A run opens one tally per step and records it, so the run report
 * shows each step's budget next to its writes (issue 18: the run's traffic should follow its writes).
 * <p>
 * Tallies nest: closing an inner one adds its counts to the one it was opened in.
 */
public final class LdapBudget {

	private static final ThreadLocal<@Nullable Tally> CURRENT = new ThreadLocal<>();

	private LdapBudget() {
	}

	/** Starts counting this thread's LDAP operations until the tally is closed. */
	public static Tally open() {
		Tally tally = new Tally(CURRENT.get());
		CURRENT.set(tally);
		return tally;
	}

	static void read(long nanos) {
		Tally tally = CURRENT.get();
		if (tally != null) {
			tally.reads++;
			tally.nanos += nanos;
		}
	}

	static void write(long nanos) {
		Tally tally = CURRENT.get();
		if (tally != null) {
			tally.writes++;
			tally.nanos += nanos;
		}
	}

	static void bind(long nanos) {
		Tally tally = CURRENT.get();
		if (tally != null) {
			tally.binds++;
			tally.nanos += nanos;
		}
	}

	static void lent() {
		Tally tally = CURRENT.get();
		if (tally != null) {
			tally.sessions++;
		}
	}

	/**
	 * What a piece of work cost in LDAP.
	 *
	 * @param reads searches and reads
	 * @param writes adds, modifies and deletes
	 * @param binds new sessions opened (TLS handshake and bind), as the service account or as another principal
	 * @param millis time spent waiting for the DC, connecting and binding included
	 */
	public record Spent(int reads, int writes, int binds, long millis) {

		/** Every operation sent to the DC. */
		public int calls() {
			return this.reads + this.writes + this.binds;
		}

	}

	/** An open count; close it on the thread that opened it. */
	public static final class Tally implements AutoCloseable {

		private final @Nullable Tally outer;

		private int reads;

		private int writes;

		private int binds;

		private int sessions;

		private long nanos;

		private boolean closed;

		private Tally(@Nullable Tally outer) {
			this.outer = outer;
		}

		/** The counts so far. */
		public Spent spent() {
			return new Spent(this.reads, this.writes, this.binds, TimeUnit.NANOSECONDS.toMillis(this.nanos));
		}

		/** How many service-account sessions the work took (from the pool or new); a run holds one. */
		public int sessions() {
			return this.sessions;
		}

		@Override
		public void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			CURRENT.set(this.outer);
			if (this.outer != null) {
				this.outer.reads += this.reads;
				this.outer.writes += this.writes;
				this.outer.binds += this.binds;
				this.outer.sessions += this.sessions;
				this.outer.nanos += this.nanos;
			}
		}

	}

}
