package org.gmsaportal.api.v1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunView;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Shows a stored request with its status, which the run decides once there is one: a failed,
 * interrupted or abandoned run is FAILED, a run whose deployment was removed is DECOMMISSIONED. A rejected
 * request never gets a run: REJECTED is final.
 */
@Component
class RequestViewer {

	static final String PENDING = "PENDING_APPROVAL";

	static final String APPROVED = "APPROVED";

	static final String RUNNING = "RUNNING";

	static final String REJECTED = "REJECTED";

	static final List<String> STATUSES = List.of(PENDING, APPROVED, RUNNING, "SUCCEEDED", "FAILED", "DECOMMISSIONED",
			REJECTED);

	static final String BASE = "/api/v1/provisioning-requests/";

	private final ProvisioningService provisioning;

	private final JsonMapper json;

	RequestViewer(ProvisioningService provisioning, JsonMapper json) {
		this.provisioning = provisioning;
		this.json = json;
	}

	String status(StoredRequest row) {
		return status(row, run(row).orElse(null));
	}

	RequestViews.RequestView view(StoredRequest row) {
		RunView run = run(row).orElse(null);
		String status = status(row, run);
		RequestViews.PlanView plan = this.json.readValue(row.planJson(), RequestViews.PlanView.class);
		List<RequestViews.StepView> steps = (run != null)
				? run.steps().stream().map(s -> new RequestViews.StepView(s.index(), s.kind().name(), s.target(),
						s.intent().name(), s.description(), s.state().name(), s.result(), s.detail())).toList()
				: plan.steps().stream().map(s -> new RequestViews.StepView(s.index(), s.kind(), s.target(), s.intent(),
						s.description(), "PENDING", null, null)).toList();
		Map<String, String> links = new LinkedHashMap<>();
		links.put("self", BASE + row.id());
		if (status.equals(PENDING)) {
			links.put("approval", BASE + row.id() + "/approval");
			links.put("rejection", BASE + row.id() + "/rejection");
		}
		if (row.kind().equals(StoredRequest.PROVISION)) {
			links.put("credentialSpec", BASE + row.id() + "/credential-spec");
			links.put("manifests", BASE + row.id() + "/manifests");
			if (status.equals("SUCCEEDED")) {
				links.put("decommission", BASE + row.id() + "/decommission");
			}
		}
		if (row.sourceRequestId() != null) {
			links.put("decommissions", BASE + row.sourceRequestId());
		}
		return new RequestViews.RequestView(row.id(), row.kind(), status, row.planHash(), plan, steps, row.ticketKey(),
				row.sourceRequestId(), row.runId(), (run != null) ? run.failure() : null, row.createdAt(), links,
				(status.equals(REJECTED) && row.decision() != null) ? row.decision().reason() : null);
	}

	Optional<RunView> run(StoredRequest row) {
		return (row.runId() != null) ? this.provisioning.run(row.runId()) : Optional.empty();
	}

	static RequestViews.PlanView plan(Plan plan) {
		return new RequestViews.PlanView(plan.domain(), plan.runnable(),
				plan.steps().stream().map(s -> new RequestViews.PlannedStepView(s.index(), s.kind().name(), s.target(),
						s.intent().name(), s.description())).toList());
	}

	/** The status given the request's run, if it has one. */
	static String status(StoredRequest row, @Nullable RunView run) {
		if (run == null) {
			return row.status();
		}
		return switch (run.state()) {
			case RUNNING -> RUNNING;
			case SUCCEEDED -> "SUCCEEDED";
			case FAILED, INTERRUPTED, ABANDONED -> "FAILED";
			case DECOMMISSIONED -> "DECOMMISSIONED";
		};
	}

}
