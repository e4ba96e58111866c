package org.gmsaportal.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every route Spring MVC knows, with every method (HEAD and OPTIONS included), for every kind of visitor:
 * anonymous, AUDITOR, ADMIN, an API client holding every scope and one holding only {@code audit:read}. The
 * routes are discovered from the {@link RequestMappingHandlerMapping}, and each must be listed in
 * {@link #POLICY}: a new route fails this test until someone decides who may use it.
 *
 * <p>
 * The expectation is the policy, written here independently of {@code SecurityConfig}: auditors may GET or HEAD
 * the pages that show data, never the wizard or a page that exists only to change something; every other method
 * needs ADMIN; the REST API takes bearer tokens only, each route its scope and exactly its mapped methods.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteMethodRoleMatrixTests {

	private static final String ID = "00000000-0000-0000-0000-000000000000";

	private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

	/** Who may use a route. */
	enum Access {

		/** anyone, signed in or not */
		PUBLIC,
		/** auditors may GET and HEAD it; any other method needs ADMIN */
		READ,
		/** ADMIN only, whatever the method */
		ADMIN,
		/** the OpenAPI document: people read it like a page, API clients with any scope */
		DOCS,
		/** REST API: a bearer token with the scope, exactly the mapped methods */
		API_AUDIT_READ, API_INVENTORY_READ, API_REQUESTS_READ, API_REQUESTS_WRITE, API_REQUESTS_APPROVE;

	}

	static final Map<String, Access> POLICY = policy();

	private static Map<String, Access> policy() {
		Map<String, Access> policy = new LinkedHashMap<>();
		Stream.of("/login", "/error").forEach(p -> policy.put(p, Access.PUBLIC));
		Stream.of("/", "/connections", "/dashboards", "/audit", "/audit/export.csv", "/audit/export.json",
				"/audit/verify", "/audit/checkpoint-key.pem", "/audit/checkpoints", "/audit/events/{seq}",
				"/api-requests", "/api-requests/{id}", "/api-requests/{id}/approval",
				"/api-requests/{id}/rejection", "/api-clients", "/api-clients/{id}/auto-approve", "/runs", "/runs/{id}",
				"/runs/{id}/progress", "/runs/{id}/report", "/runs/{id}/steps/{index}/artifact", "/runs/{id}/password",
				"/runs/{id}/resume", "/runs/{id}/abandon", "/swagger-ui.html")
			.forEach(p -> policy.put(p, Access.READ));
		// the inventory: auditors read every page and export; refreshing (POST) is ADMIN's, as every POST is
		Stream.of("/inventory", "/inventory/kds-keys", "/inventory/users", "/inventory/credential-specs",
				"/inventory/findings", "/inventory/refresh", "/inventory/gmsas/{connection}/{name}", "/inventory/charts",
				"/inventory/charts/runs.svg", "/inventory/charts/findings.svg", "/inventory/charts/history.svg",
				"/inventory/gmsas.csv", "/inventory/gmsas.json", "/inventory/findings.csv", "/inventory/findings.json")
			.forEach(p -> policy.put(p, Access.READ));
		Stream.of("/wizard", "/wizard/connections", "/wizard/forest", "/wizard/identity", "/wizard/credspec",
				"/wizard/cluster", "/wizard/review", "/wizard/run", "/wizard/cancel", "/wizard/plan-only",
				"/wizard/identity/spn-check",
				"/wizard/identity/computers", "/api-clients/new", "/api-clients/{id}/created",
				"/api-clients/{id}/revoke", "/runs/{id}/decommission", "/runs/{id}/rotation")
			.forEach(p -> policy.put(p, Access.ADMIN));
		Stream.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config")
			.forEach(p -> policy.put(p, Access.DOCS));
		Stream.of("/api/v1/audit-events", "/api/v1/audit-events/verification")
			.forEach(p -> policy.put(p, Access.API_AUDIT_READ));
		Stream.of("/api/v1/inventory/gmsas", "/api/v1/inventory/gmsas/{name}", "/api/v1/findings")
			.forEach(p -> policy.put(p, Access.API_INVENTORY_READ));
		// GET and POST share this path; the POST files a request
		policy.put("/api/v1/provisioning-requests", Access.API_REQUESTS_READ);
		Stream.of("/api/v1/provisioning-requests/{id}", "/api/v1/provisioning-requests/{id}/credential-spec",
				"/api/v1/provisioning-requests/{id}/manifests")
			.forEach(p -> policy.put(p, Access.API_REQUESTS_READ));
		policy.put("/api/v1/provisioning-requests/{id}/decommission", Access.API_REQUESTS_WRITE);
		policy.put("/api/v1/provisioning-requests/{id}/rotation", Access.API_REQUESTS_WRITE);
		Stream.of("/api/v1/provisioning-requests/{id}/approval", "/api/v1/provisioning-requests/{id}/rejection")
			.forEach(p -> policy.put(p, Access.API_REQUESTS_APPROVE));
		return policy;
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	ApiClients clients;

	private String everyScope;

	private String auditReadOnly;

	@BeforeAll
	void apiClients() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.everyScope = this.clients.create("matrix-all-" + suffix, EnumSet.allOf(ApiScope.class), null, List.of())
			.token();
		this.auditReadOnly = this.clients.create("matrix-audit-" + suffix, Set.of(ApiScope.AUDIT_READ), null,
				List.of())
			.token();
	}

	@Test
	void everyDiscoveredRouteIsInThePolicyAndEveryPolicyRouteExists() {
		assertThat(new TreeSet<>(routes().keySet())).as("routes Spring MVC maps")
			.isEqualTo(new TreeSet<>(POLICY.keySet()));
	}

	@TestFactory
	Stream<DynamicTest> everyRouteMethodAndVisitorGetsWhatThePolicySays() {
		List<DynamicTest> tests = new ArrayList<>();
		routes().forEach((pattern, mapped) -> {
			Access access = POLICY.get(pattern);
			if (access == null) {
				return; // reported by the test above
			}
			for (HttpMethod method : METHODS) {
				tests.add(DynamicTest.dynamicTest(method + " " + pattern,
						() -> check(pattern, mapped, access, method)));
			}
		});
		return tests.stream();
	}

	private void check(String pattern, Set<HttpMethod> mapped, Access access, HttpMethod method) throws Exception {
		String path = pattern.replace("{index}", "0").replaceAll("\\{[^}]+}", ID);
		boolean api = pattern.startsWith("/api/");
		Outcome anonymous = call(method, path, null, null);
		Outcome auditor = call(method, path, "AUDITOR", null);
		Outcome admin = call(method, path, "ADMIN", null);
		Outcome allScopes = call(method, path, null, this.everyScope);
		Outcome auditScope = call(method, path, null, this.auditReadOnly);
		if (access == Access.PUBLIC) {
			assertThat(List.of(anonymous, auditor, admin, allScopes, auditScope)).as("everyone")
				.allMatch(o -> o == Outcome.PASSED);
			return;
		}
		if (api) {
			boolean methodMapped = mapped.contains(method);
			assertThat(anonymous).as("anonymous").isEqualTo(Outcome.UNAUTHORIZED);
			// a browser session is not a bearer token; with MockMvc's user() it is an authenticated user without scopes
			assertThat(auditor).as("auditor").isIn(Outcome.UNAUTHORIZED, Outcome.FORBIDDEN);
			assertThat(admin).as("admin").isIn(Outcome.UNAUTHORIZED, Outcome.FORBIDDEN);
			assertThat(allScopes).as("API client with every scope")
				.isEqualTo(methodMapped ? Outcome.PASSED : Outcome.FORBIDDEN);
			boolean auditRoute = access == Access.API_AUDIT_READ;
			assertThat(auditScope).as("API client with audit:read")
				.isEqualTo(methodMapped && auditRoute ? Outcome.PASSED : Outcome.FORBIDDEN);
			return;
		}
		boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
		assertThat(anonymous).as("anonymous").isEqualTo(Outcome.SIGN_IN);
		assertThat(auditor).as("auditor")
			.isEqualTo((read && access != Access.ADMIN) ? Outcome.PASSED : Outcome.FORBIDDEN);
		assertThat(admin).as("admin").isEqualTo(Outcome.PASSED);
		if (access == Access.DOCS) {
			assertThat(List.of(allScopes, auditScope)).as("API clients").allMatch(o -> o == Outcome.PASSED);
		}
		else {
			// outside the API a bearer token means nothing: the visitor is anonymous
			assertThat(List.of(allScopes, auditScope)).as("API clients").allMatch(o -> o == Outcome.SIGN_IN);
		}
	}

	/** What security did with a request: let it through to the handler, or refused it one way or another. */
	enum Outcome {

		PASSED, SIGN_IN, UNAUTHORIZED, FORBIDDEN

	}

	private Outcome call(HttpMethod method, String path, String role, String token) throws Exception {
		MockHttpServletRequestBuilder request = request(method, path).with(csrf());
		if (role != null) {
			request.with(user("matrix-" + role.toLowerCase()).roles(role));
		}
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		MvcResult result;
		try {
			result = this.mvc.perform(request).andReturn();
		}
		catch (Exception ex) {
			// the handler ran and failed on the matrix's placeholder input: security let the request through
			return Outcome.PASSED;
		}
		int status = result.getResponse().getStatus();
		String location = result.getResponse().getHeader(HttpHeaders.LOCATION);
		if (status == 302 && location != null && location.endsWith("/login")) {
			return Outcome.SIGN_IN;
		}
		return switch (status) {
			case 401 -> Outcome.UNAUTHORIZED;
			case 403 -> Outcome.FORBIDDEN;
			default -> Outcome.PASSED;
		};
	}

	/** Each path pattern Spring MVC maps, with the methods mapped to it (every method when none is named). */
	private Map<String, Set<HttpMethod>> routes() {
		Map<String, Set<HttpMethod>> routes = new TreeMap<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				Set<HttpMethod> known = routes.computeIfAbsent(pattern, p -> new java.util.HashSet<>());
				if (methods.isEmpty()) {
					known.addAll(METHODS);
				}
				methods.forEach(m -> known.add(m.asHttpMethod()));
			}
		}
		return routes;
	}

}
