package org.gmsaportal.security;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every route against every kind of visitor: anonymous, AUDITOR and ADMIN, as the server enforces it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuthorizationMatrixTests {

	private static final int LOGIN = 302;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	static Stream<Arguments> routes() {
		return Stream.of(
				// method, path, anonymous, auditor, admin
				Arguments.of("GET", "/", LOGIN, 200, 200), Arguments.of("GET", "/runs", LOGIN, 200, 200),
				Arguments.of("GET", "/audit", LOGIN, 200, 200), Arguments.of("GET", "/audit/verify", LOGIN, 200, 200),
				Arguments.of("GET", "/audit/export.csv", LOGIN, 200, 200),
				Arguments.of("GET", "/audit/export.json", LOGIN, 200, 200),
				Arguments.of("GET", "/dashboards", LOGIN, 200, 200), Arguments.of("GET", "/connections", LOGIN, 200, 200),
				Arguments.of("GET", "/wizard", LOGIN, 403, 200), Arguments.of("GET", "/wizard/step/1", LOGIN, 403, 404),
				// the wizard's live lookups answer JSON to admins only
				Arguments.of("GET", "/wizard/identity/spn-check", LOGIN, 403, 200),
				Arguments.of("GET", "/wizard/identity/computers", LOGIN, 403, 200),
				Arguments.of("GET", "/login", 200, 200, 200), Arguments.of("GET", "/actuator/health", 200, 200, 200),
				// issue 12 item 11: the build and Java facts of /actuator/info are for people signed in; the icon
				// every browser asks for exists and needs no sign-in
				Arguments.of("GET", "/actuator/info", LOGIN, 200, 200), Arguments.of("GET", "/assets/app.css", 200, 200, 200),
				Arguments.of("GET", "/favicon.ico", 200, 200, 200),
				Arguments.of("GET", "/actuator/env", LOGIN, 404, 404),
				Arguments.of("GET", "/no-such-page", LOGIN, 404, 404),
				// every state-changing request needs ADMIN, whether or not a handler exists yet
				Arguments.of("POST", "/wizard", LOGIN, 403, 405), Arguments.of("POST", "/audit", LOGIN, 403, 405),
				Arguments.of("POST", "/connections", LOGIN, 403, 405), Arguments.of("PUT", "/audit", LOGIN, 403, 405),
				Arguments.of("PATCH", "/runs", LOGIN, 403, 405), Arguments.of("DELETE", "/audit", LOGIN, 403, 405),
				Arguments.of("POST", "/audit/verify", LOGIN, 403, 405),
				// API clients: auditors read the list; creating and revoking, and their pages, are ADMIN's
				Arguments.of("GET", "/api-clients", LOGIN, 200, 200), Arguments.of("GET", "/api-clients/new", LOGIN, 403, 200),
				Arguments.of("POST", "/api-clients", LOGIN, 403, 200),
				Arguments.of("GET", "/api-clients/no-such-client/created", LOGIN, 403, 404),
				Arguments.of("GET", "/api-clients/no-such-client/revoke", LOGIN, 403, 404),
				Arguments.of("POST", "/api-clients/no-such-client/revoke", LOGIN, 403, 404),
				Arguments.of("DELETE", "/api-clients", LOGIN, 403, 405),
				Arguments.of("POST", "/api-clients/no-such-client/auto-approve", LOGIN, 403, 404),
				// runs: auditors read them; resuming, abandoning and decommissioning, and the decommission form, are
				// ADMIN's (issue 12, item 9: the form answered auditors with a live Decommission button)
				Arguments.of("GET", "/runs/00000000-0000-0000-0000-000000000000", LOGIN, 404, 404),
				Arguments.of("GET", "/runs/00000000-0000-0000-0000-000000000000/decommission", LOGIN, 403, 404),
				Arguments.of("POST", "/runs/00000000-0000-0000-0000-000000000000/decommission", LOGIN, 403, 404),
				// the rotation form and its approval are ADMIN's as well (issue 13 item 4)
				Arguments.of("GET", "/runs/00000000-0000-0000-0000-000000000000/rotation", LOGIN, 403, 404),
				Arguments.of("POST", "/runs/00000000-0000-0000-0000-000000000000/rotation", LOGIN, 403, 404),
				Arguments.of("POST", "/runs/00000000-0000-0000-0000-000000000000/resume", LOGIN, 403, 404),
				Arguments.of("POST", "/runs/00000000-0000-0000-0000-000000000000/abandon", LOGIN, 403, 404),
				// API-filed requests: auditors read them; approving and rejecting are ADMIN's
				Arguments.of("GET", "/api-requests", LOGIN, 200, 200),
				Arguments.of("GET", "/api-requests/00000000-0000-0000-0000-000000000000", LOGIN, 404, 404),
				Arguments.of("POST", "/api-requests/00000000-0000-0000-0000-000000000000/approval", LOGIN, 403, 404),
				Arguments.of("POST", "/api-requests/00000000-0000-0000-0000-000000000000/rejection", LOGIN, 403, 404),
				Arguments.of("DELETE", "/api-requests", LOGIN, 403, 405));
	}

	@ParameterizedTest(name = "{0} {1}: anonymous {2}, auditor {3}, admin {4}")
	@MethodSource("routes")
	void routeGivesTheExpectedStatusToEachRole(String method, String path, int anonymous, int auditor, int admin)
			throws Exception {
		assertThat(status(call(method, path))).as("anonymous").isEqualTo(anonymous);
		assertThat(status(call(method, path).with(user("matrix-auditor").roles("AUDITOR")))).as("auditor")
			.isEqualTo(auditor);
		assertThat(status(call(method, path).with(user("matrix-admin").roles("ADMIN")))).as("admin").isEqualTo(admin);
	}

	@ParameterizedTest(name = "{0} {1} by an auditor is refused and audited")
	@MethodSource("routes")
	void anAuditorsRefusalIsInTheAuditTrail(String method, String path, int anonymous, int auditor, int admin)
			throws Exception {
		if (auditor != 403) {
			return;
		}
		String actor = "auditor-" + Math.abs((method + path).hashCode());
		this.mvc.perform(call(method, path).with(user(actor).roles("AUDITOR")));
		long recorded = this.jdbc
			.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'auth.access_denied' AND actor = ? AND target = ?"
					+ " AND outcome = 'DENIED'")
			.params(actor, method + " " + path)
			.query(Long.class)
			.single();
		assertThat(recorded).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0} {1} without a CSRF token is refused even for an admin")
	@MethodSource("routes")
	void stateChangingRequestsWithoutCsrfTokenAreRefused(String method, String path, int anonymous, int auditor,
			int admin) throws Exception {
		if (method.equals("GET")) {
			return;
		}
		int status = this.mvc.perform(request(HttpMethod.valueOf(method), path).with(user("csrf-admin").roles("ADMIN")))
			.andReturn().getResponse().getStatus();
		assertThat(status).isEqualTo(403);
	}

	private MockHttpServletRequestBuilder call(String method, String path) {
		return request(HttpMethod.valueOf(method), path).with(csrf());
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse().getStatus();
	}

}
