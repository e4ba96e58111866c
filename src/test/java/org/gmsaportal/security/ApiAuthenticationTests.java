package org.gmsaportal.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The scope matrix of the audit endpoints: every kind of credential against each endpoint, with the
 * status, the problem details and the audit event each refusal must leave.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApiAuthenticationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	JdbcClient jdbc;

	static Stream<Arguments> matrix() {
		return Stream.of("/api/v1/audit-events", "/api/v1/audit-events/verification")
			.flatMap(path -> Stream.of(Arguments.of(path, "none", 401, null), Arguments.of(path, "malformed", 401, "malformed"),
					Arguments.of(path, "basic", 401, "malformed"), Arguments.of(path, "unknown", 401, "unknown"),
					Arguments.of(path, "expired", 401, "expired"), Arguments.of(path, "revoked", 401, "revoked"),
					Arguments.of(path, "wrong-scope", 403, null), Arguments.of(path, "right-scope", 200, null)));
	}

	@ParameterizedTest(name = "GET {0} with {1} token: {2}")
	@MethodSource("matrix")
	void eachCredentialGetsTheExpectedStatusAndEachRefusalIsAudited(String path, String credential, int expected,
			String reason) throws Exception {
		String name = credential + "-" + UUID.randomUUID();
		String header = header(credential, name);
		MockHttpServletRequestBuilder request = get(path);
		if (header != null) {
			request.header(HttpHeaders.AUTHORIZATION, header);
		}
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(expected);
		assertThat(response.getHeader(HttpHeaders.SET_COOKIE)).as("stateless").isNull();
		if (expected == 200) {
			assertThat(response.getContentType()).startsWith("application/json");
			return;
		}
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":" + expected);
		String challenge = response.getHeader(HttpHeaders.WWW_AUTHENTICATE);
		assertThat(challenge).startsWith("Bearer");
		if (expected == 401 && reason != null) {
			assertThat(challenge).contains("error=\"invalid_token\"");
		}
		if (expected == 403) {
			assertThat(challenge).contains("error=\"insufficient_scope\"", "scope=\"audit:read\"");
		}
		// the refusal names the client whenever the token identified one
		boolean known = List.of("expired", "revoked", "wrong-scope").contains(credential);
		String action = (expected == 401) ? "api.auth.rejected" : "api.access_denied";
		long recorded = this.jdbc
			.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND target = ? AND outcome = 'DENIED'"
					+ " AND actor = ? AND actor_kind = ? AND details LIKE ?")
			.params(action, "GET " + path, known ? name : "anonymous", known ? "API_CLIENT" : "PERSON",
					"%" + ((reason != null) ? reason : (expected == 401) ? "no_token" : "audit:read") + "%")
			.query(Long.class)
			.single();
		assertThat(recorded).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aSignedInBrowserSessionIsNotAnApiCredential() throws Exception {
		// an ADMIN's session, as the browser chain stores it after sign-in
		MockHttpSession session = new MockHttpSession();
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("admin", null,
						List.of(new SimpleGrantedAuthority("ROLE_ADMIN")))));
		MockHttpServletResponse response = this.mvc.perform(get("/api/v1/audit-events").session(session))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getRedirectedUrl()).isNull();
	}

	@Test
	void postsNeedNoCsrfTokenButStillTheRightScope() throws Exception {
		NewApiClient reader = this.clients.create("csrf-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null, List.of());
		int status = this.mvc.perform(post("/api/v1/provisioning-requests").header(HttpHeaders.AUTHORIZATION,
				"Bearer " + reader.token())).andReturn().getResponse().getStatus();
		assertThat(status).as("refused for the scope, not for CSRF").isEqualTo(403);
	}

	@Test
	void anUnlistedApiPathIsDeniedEvenToAValidClient() throws Exception {
		NewApiClient all = this.clients.create("all-" + UUID.randomUUID(), Set.of(ApiScope.values()), null, List.of());
		assertThat(this.mvc.perform(get("/api/v2/anything").header(HttpHeaders.AUTHORIZATION, "Bearer " + all.token()))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(this.mvc.perform(get("/api/v2/anything")).andReturn().getResponse().getStatus()).isEqualTo(401);
	}

	@Test
	void tokensNeverReachTheAuditTrail() throws Exception {
		NewApiClient revoked = this.clients.create("leak-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null, List.of());
		this.clients.revoke(revoked.client().id());
		this.mvc.perform(get("/api/v1/audit-events").header(HttpHeaders.AUTHORIZATION, "Bearer " + revoked.token()));
		String unknown = "gmsap_" + "A".repeat(43);
		this.mvc.perform(get("/api/v1/audit-events").header(HttpHeaders.AUTHORIZATION, "Bearer " + unknown));
		long leaks = this.jdbc
			.sql("SELECT COUNT(*) FROM audit_event WHERE details LIKE ? OR target LIKE ? OR details LIKE ? OR details LIKE ?")
			.params("%" + revoked.token() + "%", "%gmsap_%", "%" + unknown + "%", "%" + revoked.signingSecret() + "%")
			.query(Long.class)
			.single();
		assertThat(leaks).isZero();
	}

	private String header(String credential, String name) {
		return switch (credential) {
			case "none" -> null;
			case "malformed" -> "Bearer not-a-token";
			case "basic" -> "Basic YWRtaW46YWRtaW4=";
			case "unknown" -> "Bearer gmsap_" + "x".repeat(43);
			case "expired" -> "Bearer "
					+ this.clients.create(name, Set.of(ApiScope.AUDIT_READ), Instant.now().minusSeconds(60), List.of())
						.token();
			case "revoked" -> {
				NewApiClient client = this.clients.create(name, Set.of(ApiScope.AUDIT_READ), null, List.of());
				this.clients.revoke(client.client().id());
				yield "Bearer " + client.token();
			}
			case "wrong-scope" -> "Bearer " + this.clients
				.create(name, Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ, ApiScope.REQUESTS_APPROVE), null,
						List.of())
				.token();
			case "right-scope" -> "Bearer " + this.clients.create(name, Set.of(ApiScope.AUDIT_READ), null, List.of()).token();
			default -> throw new IllegalArgumentException(credential);
		};
	}

}
