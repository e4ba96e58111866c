package org.gmsaportal.api.v1;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Plans API requests through the engine, at filing and again at approval: what filing and deciding share.
 */
@Component
class RequestPlans {

	private final ProvisioningService provisioning;

	private final ApiRequestStore store;

	private final JsonMapper json;

	RequestPlans(ProvisioningService provisioning, ApiRequestStore store, JsonMapper json) {
		this.provisioning = provisioning;
		this.store = store;
		this.json = json;
	}

	/**
	 * The plan of a filing. The default DNS host name needs the domain: the request is first checked with a
	 * placeholder domain (bad input is reported before the directory is asked), then the domain is read as the
	 * planner reads it, and the filing is planned once.
	 */
	Plan plan(Filing filing) {
		try {
			if (filing.dnsHostName() != null) {
				return this.provisioning.plan(filing.toRequest("domain.invalid"));
			}
			String connection = filing.toRequest("domain.invalid").directoryConnection();
			String domain = this.provisioning.domainFacts(connection).dnsName().toLowerCase(Locale.ROOT);
			return this.provisioning.plan(filing.toRequest(domain));
		}
		catch (InvalidRequestException ex) {
			throw new ApiInputException(filing.apiField(ex.field()), ex.rule());
		}
	}

	/** The stored request's plan as the directory (or the run to remove) stands now. */
	Plan replan(StoredRequest row) {
		if (row.kind().equals(StoredRequest.DECOMMISSION)) {
			return refusalsAsConflict(() -> this.provisioning.decommissionPlan(sourceRun(row)));
		}
		return plan(filing(row));
	}

	Plan decommissionPlan(String runId) {
		return refusalsAsConflict(() -> this.provisioning.decommissionPlan(runId));
	}

	/** The filing a stored request was made from (for a decommission request, its source's). */
	Filing filing(StoredRequest row) {
		return FilingReader.read(parse(row.requestJson()));
	}

	/** The run a decommission request removes. */
	String sourceRun(StoredRequest row) {
		return this.store.find(Objects.requireNonNull(row.sourceRequestId())).map(StoredRequest::runId)
			.orElseThrow(() -> new RequestProblem(HttpStatus.CONFLICT, "The request to decommission is gone."));
	}

	/** The plan as stored with the request and shown to clients. */
	String planJson(Plan plan) {
		return this.json.writeValueAsString(RequestViewer.plan(plan));
	}

	JsonNode parse(String raw) {
		try {
			return this.json.readTree(raw);
		}
		catch (JacksonException ex) {
			// the parser's message quotes the input: never echo it
			throw new ApiInputException("body", "malformed");
		}
	}

	/** The audit target of a stored request: the gMSA in the domain of its plan. */
	String target(StoredRequest row) {
		String domain = this.json.readValue(row.planJson(), RequestViews.PlanView.class).domain();
		return Filing.stripDollar(filing(row).name()) + "@" + domain;
	}

	/** The audit target of a request: the gMSA in its domain. */
	static String target(Plan plan) {
		return plan.request().gmsaName() + "@" + plan.domain();
	}

	private static Plan refusalsAsConflict(Supplier<Plan> planner) {
		try {
			return planner.get();
		}
		catch (ProvisioningRefusedException ex) {
			throw new RequestProblem(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

}
