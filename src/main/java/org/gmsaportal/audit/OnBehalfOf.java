package org.gmsaportal.audit;

import org.jspecify.annotations.Nullable;

/**
 * Work the portal does in the background on someone's behalf: a run executes on a pool thread with no signed-in
 * principal, yet every event it causes (its steps', and the directory's and the cluster's writes) must name whoever
 * approved or resumed it. The executor binds that actor around the attempt; an event that names its actor itself
 * (recovery's {@code system}) keeps it.
 */
public final class OnBehalfOf {

	private static final ThreadLocal<@Nullable Actor> BOUND = new ThreadLocal<>();

	private OnBehalfOf() {
	}

	/**
	 * Runs {@code work} with {@code actor} as the actor of every event recorded on this thread that names none; the
	 * thread's earlier binding (usually none) is restored afterwards, however the work ends.
	 */
	public static void run(Actor actor, Runnable work) {
		Actor earlier = BOUND.get();
		BOUND.set(actor);
		try {
			work.run();
		}
		finally {
			if (earlier == null) {
				BOUND.remove();
			}
			else {
				BOUND.set(earlier);
			}
		}
	}

	static @Nullable Actor bound() {
		return BOUND.get();
	}

}
