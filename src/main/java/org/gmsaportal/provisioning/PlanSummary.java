package org.gmsaportal.provisioning;

import java.util.List;

/**
 * A plan as it is kept with a filed request and shown to its client: the steps without the request.
 *
 * @param domain the directory's domain
 * @param runnable false if a step is blocked
 * @param steps the steps in order
 */
public record PlanSummary(String domain, boolean runnable, List<Step> steps) {

	public PlanSummary {
		steps = List.copyOf(steps);
	}

	static PlanSummary of(Plan plan) {
		return new PlanSummary(plan.domain(), plan.runnable(), plan.steps().stream()
			.map((s) -> new Step(s.index(), s.kind().name(), s.target(), s.intent().name(), s.description()))
			.toList());
	}

	/** One planned step: what it acts on and what the live lookup found it will do. */
	public record Step(int index, String kind, String target, String intent, String description) {
	}

}
