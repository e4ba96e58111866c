package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Locale;

import org.gmsaportal.provisioning.EquivalentCommands;
import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.PortableDelivery;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.jspecify.annotations.Nullable;

/**
 * Adds to a stored plan what the request's JSON shows beside it, as the request's page does: each step's
 * equivalent command and, for portable hosts, where the identity goes and the platform's commands. Built from the
 * stored request alone; the stored plan and its hash are left as they are.
 */
final class PlanCommands {

	private PlanCommands() {
	}

	static RequestViews.PlanView of(RequestViews.PlanView plan, FiledRequest row) {
		ProvisioningRequest request = request(row);
		if (request == null) {
			return plan;
		}
		List<RequestViews.PlannedStepView> steps = plan.steps().stream()
			.map((s) -> new RequestViews.PlannedStepView(s.index(), s.kind(), s.target(), s.intent(), s.description(),
					command(s, request, plan.domain())))
			.toList();
		RequestViews.PortableIdentityView identity = PortableDelivery.of(request, plan.domain())
			.map((d) -> new RequestViews.PortableIdentityView(d.delivery().name().toLowerCase(Locale.ROOT),
					d.destination(), d.command(), d.platform().stream()
						.map((p) -> new RequestViews.PlatformCommandView(p.topic(), p.command())).toList()))
			.orElse(null);
		return new RequestViews.PlanView(plan.domain(), plan.runnable(), steps, identity);
	}

	private static @Nullable String command(RequestViews.PlannedStepView step, ProvisioningRequest request,
			String domain) {
		try {
			return EquivalentCommands.of(new PlannedStep(step.index(), StepKind.valueOf(step.kind()), step.target(),
					StepIntent.valueOf(step.intent()), step.description()), request, domain);
		}
		catch (RuntimeException ex) {
			// A step kind or intent an older version stored: the step is shown without its command.
			return null;
		}
	}

	private static @Nullable ProvisioningRequest request(FiledRequest row) {
		try {
			return row.request();
		}
		catch (RuntimeException ex) {
			// Kept by an older version: the plan is shown as stored.
			return null;
		}
	}

}
