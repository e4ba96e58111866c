package org.gmsaportal.api.v1;

import java.util.Locale;

import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Plans an API filing through the engine and parses filing bodies.
 */
@Component
class RequestPlans {

	private final ProvisioningService provisioning;

	private final JsonMapper json;

	RequestPlans(ProvisioningService provisioning, JsonMapper json) {
		this.provisioning = provisioning;
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

	JsonNode parse(String raw) {
		return Json.parse(this.json, raw);
	}

}
