package org.gmsaportal.api.v1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gmsaportal.provisioning.Blocker;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningService;
import org.jspecify.annotations.Nullable;
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
	 * placeholder domain (bad input is reported before the directory is asked), then the domain is read in the
	 * plan's own LDAP session, and the filing is planned once.
	 */
	Plan plan(Filing filing) {
		try {
			if (filing.dnsHostName() != null) {
				return this.provisioning.plan(filing.toRequest("domain.invalid"));
			}
			String connection = filing.toRequest("domain.invalid").directoryConnection();
			return this.provisioning.plan(connection, filing::toRequest);
		}
		catch (InvalidRequestException ex) {
			throw new ApiInputException(filing.apiField(ex.field()), ex.rule());
		}
	}

	/**
	 * Refuses a filing whose plan the directory or the portal already blocks, each blocker on its body field; a
	 * KDS root key that is not usable yet is left to the plan, since it becomes usable by waiting.
	 * @throws FilingBlockedException naming the fields, and the run that owns the gMSA name if one does
	 */
	void refuseBlocked(Filing filing, Plan plan) {
		List<Blocker> blockers = plan.blockers().stream().filter(b -> !b.field().equals("kdsRootKey")).toList();
		if (blockers.isEmpty()) {
			return;
		}
		List<Map<String, String>> errors = blockers.stream()
			.map(b -> Map.of("field", filing.apiField(b.field()), "rule", b.message()))
			.toList();
		Map<String, String> owner = blockers.stream().filter(b -> b.runId() != null).findFirst()
			.map(b -> owner(b.runId(), b.ticket()))
			.orElse(null);
		throw new FilingBlockedException(errors, owner);
	}

	private static Map<String, String> owner(String runId, @Nullable String ticket) {
		Map<String, String> owner = new LinkedHashMap<>();
		owner.put("id", runId);
		owner.put("href", "/runs/" + runId);
		if (ticket != null) {
			owner.put("ticket", ticket);
		}
		return owner;
	}

	JsonNode parse(String raw) {
		return Json.parse(this.json, raw);
	}

}
