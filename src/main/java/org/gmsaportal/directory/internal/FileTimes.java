package org.gmsaportal.directory.internal;

import java.time.Instant;

/**
 * Windows FILETIME values (100 ns ticks since 1601-01-01 UTC), as AD stores large-integer times.
 */
public final class FileTimes {

	private static final long EPOCH_DIFFERENCE_MILLIS = 11_644_473_600_000L;

	private FileTimes() {
	}

	public static long of(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 10_000_000L),
				EPOCH_DIFFERENCE_MILLIS * 10_000L) + instant.getNano() / 100;
	}

	public static Instant toInstant(long fileTime) {
		long sinceUnixEpoch = fileTime - EPOCH_DIFFERENCE_MILLIS * 10_000L;
		return Instant.ofEpochSecond(Math.floorDiv(sinceUnixEpoch, 10_000_000L),
				Math.floorMod(sinceUnixEpoch, 10_000_000L) * 100);
	}

}
