package org.gmsaportal.api;

import java.util.List;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.security.ApiAccess;
import org.gmsaportal.security.RepeatedDenials;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Tells security's bearer-token chain the scope of each API route ({@link ApiRoutes}) and lets it answer
 * refusals as the API's problem details ({@link ApiProblems}).
 */
@Component
class ApiAccessRules implements ApiAccess {

	private final ApiProblems problems;

	ApiAccessRules(AuditTrail audit, RepeatedDenials denials, JsonMapper json) {
		this.problems = new ApiProblems(audit, denials, json);
	}

	@Override
	public List<Rule> rules() {
		return ApiRoutes.ROUTES.stream().map(route -> new Rule(route.matcher(), route.scope())).toList();
	}

	@Override
	public AuthenticationEntryPoint refusedToken() {
		return this.problems;
	}

	@Override
	public AccessDeniedHandler missingScope() {
		return this.problems;
	}

}
