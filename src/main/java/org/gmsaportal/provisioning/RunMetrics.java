package org.gmsaportal.provisioning;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.stereotype.Component;

/**
 * How long runs and their steps take and how they end, for {@code /actuator/prometheus}: {@value #RUN} (one attempt
 * of a run, tagged by run kind and end state) and {@value #STEP} (one step, tagged by step kind and end state).
 * Tags come from enums only, never from names or targets, so the series stay few.
 */
@Component
class RunMetrics {

	static final String RUN = "gmsa.run.attempts";

	static final String STEP = "gmsa.run.steps";

	private final MeterRegistry registry;

	RunMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** For code that builds an executor by hand (tests): figures kept in memory and read by nobody. */
	static RunMetrics unobserved() {
		return new RunMetrics(new SimpleMeterRegistry());
	}

	void step(StepKind kind, StepState end, long startedNanos) {
		Timer.builder(STEP)
			.description("Steps of provisioning, decommission and rotation runs")
			.tag("kind", kind.name())
			.tag("outcome", end.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

	void run(RunKind kind, RunState end, long startedNanos) {
		Timer.builder(RUN)
			.description("Attempts of runs, from start or resume to the state they ended in")
			.tag("kind", kind.name())
			.tag("outcome", end.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

}
