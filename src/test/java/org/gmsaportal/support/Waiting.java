package org.gmsaportal.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;

/**
 * The one way a test waits for a state that something else (a run's thread, the callback poller, another test
 * thread) brings about: it polls, on the test's own thread, until the state is there, and returns at once when it
 * is.
 *
 * <p>
 * Every wait is bounded at {@link #LIMIT} (120 s) only against hanging. A loaded CI machine, shared with other
 * builds, can be slow by a wide margin, so the bound is far above what any wait takes; a test never asserts that
 * something happens quickly. When the bound is reached the test fails with an {@link AssertionError} that names
 * what was awaited and the last value seen.
 *
 * <p>
 * Built on Awaitility, polling in the test's thread (thread-bound state such as a security context or a test
 * transaction stays as it was) and without Awaitility's catching of uncaught exceptions in other threads (a
 * background thread's exception fails a test only where the test itself checks for it).
 */
public final class Waiting {

	/** The bound of every wait: against hanging only, never an expectation of speed. */
	public static final Duration LIMIT = Duration.ofSeconds(120);

	/** How often a state is looked at unless a wait says otherwise. */
	public static final Duration POLL = Duration.ofMillis(50);

	private Waiting() {
	}

	/**
	 * Polls {@code value} every {@link #POLL} until {@code done} accepts it, and returns that value. An exception
	 * thrown by {@code value} or {@code done} (an assertion that must hold on every look, say) ends the wait at
	 * once.
	 * @param what what is awaited, for the failure message ("run 42 to finish")
	 */
	public static <T> T until(String what, Callable<T> value, Predicate<? super T> done) {
		return until(what, POLL, value, done);
	}

	/**
	 * Like {@link #until(String, Callable, Predicate)}, looking every {@code every} (an integrator's pace when the
	 * look is an HTTP request).
	 */
	public static <T> T until(String what, Duration every, Callable<T> value, Predicate<? super T> done) {
		try {
			return conditions(what, every).until(value, done);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(ex.getMessage(), ex);
		}
	}

	/** Waits until the run is no longer {@link RunState#RUNNING}, and returns it as it finished. */
	public static RunView forRun(ProvisioningService provisioning, String runId) {
		return until("run " + runId + " to finish", () -> provisioning.run(runId).orElseThrow(),
				(run) -> run.state() != RunState.RUNNING);
	}

	private static ConditionFactory conditions(String what, Duration every) {
		return Awaitility.await(what)
			.atMost(LIMIT)
			.pollDelay(Duration.ZERO)
			.pollInterval(every)
			.pollInSameThread()
			.dontCatchUncaughtExceptions();
	}

}
