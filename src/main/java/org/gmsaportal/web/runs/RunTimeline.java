package org.gmsaportal.web.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunTimes;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepState;
import org.jspecify.annotations.Nullable;

/**
 * A run as its page shows it: each step with how long it took and the object it acts on, and how far the run got
 * (steps done of all, the step it is at, the time since it started).
 *
 * @param steps each step in order
 * @param done how many steps succeeded or were skipped
 * @param current the step running now or, for a stopped run, the step it stopped at; {@code null} when finished
 * or not yet at a step
 * @param elapsed the run's time so far, or its whole time once it stopped
 * @param approvedAt when its plan was approved, if known
 */
record RunTimeline(List<Step> steps, int done, @Nullable Step current, Duration elapsed, @Nullable Instant approvedAt) {

	/**
	 * One step of the timeline.
	 *
	 * @param step the step as stored
	 * @param startedAt when its latest attempt started, if it ran
	 * @param duration how long it took, or has taken so far, if it ran
	 * @param object what it acts on
	 */
	record Step(RunView.StepView step, @Nullable Instant startedAt, @Nullable Duration duration,
			StepObjects.StepObject object) {

		/** Its duration in words: {@code 850 ms}, {@code 12.4 s}, {@code 3 min 5 s}; a dash if it did not run. */
		public String took() {
			return RunTimeline.words(this.duration);
		}

	}

	static RunTimeline of(RunView run, Optional<RunTimes.Times> times, @Nullable ProvisioningRequest request,
			Instant now) {
		boolean running = run.state() == RunState.RUNNING;
		List<Step> steps = run.steps().stream().map((s) -> {
			Optional<RunTimes.StepTimes> at = times.flatMap((t) -> t.step(s.index()));
			Instant started = at.map(RunTimes.StepTimes::startedAt).orElse(null);
			Instant finished = at.map(RunTimes.StepTimes::finishedAt).orElse(null);
			Instant end = (finished != null) ? finished : (s.state() == StepState.RUNNING && running ? now : null);
			Duration took = (started != null && end != null && !end.isBefore(started))
					? Duration.between(started, end) : null;
			return new Step(s, started, took, StepObjects.of(s, request));
		}).toList();
		int done = (int) steps.stream()
			.filter((s) -> s.step().state() == StepState.SUCCEEDED || s.step().state() == StepState.SKIPPED)
			.count();
		Step current = steps.stream().filter((s) -> s.step().state() == StepState.RUNNING).findFirst()
			.or(() -> steps.stream().filter((s) -> stopped(s.step().state())).findFirst())
			.or(() -> running ? steps.stream().filter((s) -> s.step().state() == StepState.PENDING).findFirst()
					: Optional.empty())
			.orElse(null);
		Duration elapsed = Duration.between(run.createdAt(), running ? now : run.updatedAt());
		return new RunTimeline(steps, done, current, elapsed.isNegative() ? Duration.ZERO : elapsed,
				times.map(RunTimes.Times::approvedAt).orElse(null));
	}

	/** How many steps the run has. */
	public int total() {
		return this.steps.size();
	}

	/** The run's time in words. */
	public String took() {
		return words(this.elapsed);
	}

	private static boolean stopped(StepState state) {
		return state == StepState.FAILED || state == StepState.NEEDS_ATTENTION;
	}

	static String words(@Nullable Duration duration) {
		if (duration == null) {
			return "\u2013";
		}
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		long seconds = duration.toSeconds();
		if (seconds < 3600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return (seconds / 3600) + " h " + ((seconds % 3600) / 60) + " min";
	}

}
