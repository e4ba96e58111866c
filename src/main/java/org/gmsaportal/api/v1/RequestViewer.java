package org.gmsaportal.api.v1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RequestKind;
import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.provisioning.RunView;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Shows a filed request as the API answers with it: its status (which its run decides once there is one), its
 * plan or its run's steps, and the links to what a client may do next.
 */
@Component
class RequestViewer {

	static final String BASE = "/api/v1/provisioning-requests/";

	private final ProvisioningRequests requests;

	private final JsonMapper json;

	RequestViewer(ProvisioningRequests requests, JsonMapper json) {
		this.requests = requests;
		this.json = json;
	}

	RequestViews.RequestView view(FiledRequest row) {
		RunView run = this.requests.run(row).orElse(null);
		RequestStatus status = RequestStatus.of(row.status(), run);
		RequestViews.PlanView plan = PlanCommands.of(this.json.readValue(row.planJson(), RequestViews.PlanView.class),
				row);
		List<RequestViews.StepView> steps = (run != null)
				? run.steps().stream().map(s -> new RequestViews.StepView(s.index(), s.kind().name(), s.target(),
						s.intent().name(), s.description(), s.state().name(), s.result(), s.detail(), s.budget())).toList()
				: plan.steps().stream().map(s -> new RequestViews.StepView(s.index(), s.kind(), s.target(), s.intent(),
						s.description(), "PENDING", null, null, null)).toList();
		Map<String, String> links = new LinkedHashMap<>();
		links.put("self", BASE + row.id());
		if (status == RequestStatus.PENDING_APPROVAL) {
			links.put("approval", BASE + row.id() + "/approval");
			links.put("rejection", BASE + row.id() + "/rejection");
		}
		if (row.kind() == RequestKind.PROVISION) {
			links.put("credentialSpec", BASE + row.id() + "/credential-spec");
			links.put("manifests", BASE + row.id() + "/manifests");
			if (status == RequestStatus.SUCCEEDED) {
				links.put("decommission", BASE + row.id() + "/decommission");
				links.put("rotation", BASE + row.id() + "/rotation");
			}
		}
		if (row.sourceRequestId() != null) {
			links.put((row.kind() == RequestKind.ROTATION) ? "rotates" : "decommissions", BASE + row.sourceRequestId());
		}
		return new RequestViews.RequestView(row.id(), row.kind().name(), status.name(), row.planHash(), plan, steps,
				row.ticketKey(), row.sourceRequestId(), row.runId(), (run != null) ? run.failure() : null,
				row.createdAt(), links, (status == RequestStatus.REJECTED && row.decision() != null)
						? row.decision().reason() : null);
	}

}
