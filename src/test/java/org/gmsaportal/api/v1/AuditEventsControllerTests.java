package org.gmsaportal.api.v1;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.TrailLinks;
import org.gmsaportal.audit.ChainVerification;
import org.gmsaportal.audit.CheckpointRef;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.RepeatedDenials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * The audit-events API as {@link AuditEventsController} answers it: cursor pages, the chain verification under the
 * API's names, and bad query parameters as RFC 9457 problem details from {@link ApiExceptionHandler}. The services are
 * mocks: this slice tests the controller's HTTP translation; {@code AuditEventsApiTests} covers it against the real
 * engine.
 *
 * <p>
 * The API's real bearer-token chain is in the slice: {@code ApiSecurityConfig} and the API's route table
 * ({@code ApiAccessRules}), matched by name since both are package-private in their modules. Clients are signed in
 * directly with the authorities their token would give ({@link #as}), so the {@code audit:read} check is the
 * portal's own.
 */
@WebMvcTest(controllers = AuditEventsController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.ApiSecurityConfig|org\\.gmsaportal\\.api\\.ApiAccessRules"))
class AuditEventsControllerTests {

	private static final ApiClient READER = client("siem", ApiScope.AUDIT_READ);

	private static final ApiClient WRITER = client("servicenow", ApiScope.REQUESTS_WRITE);

	@Autowired
	MockMvcTester mvc;

	// counts repeated 401s for the audit trail (AuditFloodingTests); a mock in this slice
	@MockitoBean
	RepeatedDenials denials;

	@MockitoBean
	AuditLog auditLog;

	/** The bearer-token chain's client store; no test presents a token, so it is never asked. */
	@MockitoBean
	ApiClients clients;

	@MockitoBean
	AuditTrail audit;

	/** Links nothing here: what it links is tested on real requests and runs in AuditTrailLabIntegrationTests. */
	@MockitoBean
	TrailLinks links;

	@BeforeEach
	void linkNothing() {
		given(this.links.link(any())).willAnswer(call -> call.getArgument(0));
	}

	@Test
	void aLimitAboveTheMaximumIsAProblemNamingLimitAndMaxAndReadsNothing() {
		assertThat(this.mvc.get().uri("/api/v1/audit-events?limit=1001").with(as(READER)))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 400, "detail": "The request is not valid.", "errors": [{"field": "limit", "rule": "max"}]}
					""");
		verifyNoInteractions(this.auditLog);
	}

	@Test
	void aCursorThatIsNoNumberIsAProblemNamingCursorAndTypeAndReadsNothing() {
		assertThat(this.mvc.get().uri("/api/v1/audit-events?cursor=ten").with(as(READER)))
			.hasStatus(400)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 400, "errors": [{"field": "cursor", "rule": "type"}]}
					""");
		verifyNoInteractions(this.auditLog);
	}

	@Test
	void aPageReadsOneEventMoreThanItShowsToKnowWhereTheNextPageStarts() {
		AuditQuery query = new AuditQuery(null, null, "admin", "auth.", null, null, null);
		given(this.auditLog.after(query, 5, 3)).willReturn(List.of(row(6), row(7), row(8)));
		assertThat(this.mvc.get().uri("/api/v1/audit-events?actor=admin&action=auth.&cursor=5&limit=2")
			.with(as(READER)))
			.hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{"events": [%s, %s], "nextCursor": "7"}
					""".formatted(json(6), json(7)));
		given(this.auditLog.after(query, 7, 3)).willReturn(List.of(row(8)));
		assertThat(this.mvc.get().uri("/api/v1/audit-events?actor=admin&action=auth.&cursor=7&limit=2")
			.with(as(READER)))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"events": [{"seq": 8}], "nextCursor": null}
					""");
	}

	@Test
	void theVerificationAnswersUnderTheApisNames() {
		given(this.auditLog.verify()).willReturn(new ChainVerification(false, 12, 7L, "event 7 was changed",
				Instant.parse("2026-01-01T10:00:00Z"), new CheckpointRef(9, "c".repeat(64),
						Instant.parse("2026-01-01T09:55:00Z"), "/worm/checkpoint-9.txt")));
		assertThat(this.mvc.get().uri("/api/v1/audit-events/verification").with(as(READER)))
			.hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{"valid": false, "checked": 12, "firstInvalidSequence": 7, "problem": "event 7 was changed",
					 "verifiedAt": "2026-01-01T10:00:00Z", "checkpoint": {"sequence": 9,
					 "signedAt": "2026-01-01T09:55:00Z", "file": "/worm/checkpoint-9.txt"}}
					""");
	}

	@Test
	void aClientWithoutAuditReadIsRefusedAndACallerWithoutATokenIsChallenged() {
		assertThat(this.mvc.get().uri("/api/v1/audit-events").with(as(WRITER)))
			.hasStatus(403)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 403, "detail": "This endpoint needs the scope audit:read.", "error": "insufficient_scope"}
					""");
		assertThat(this.mvc.get().uri("/api/v1/audit-events/verification")).hasStatus(401)
			.headers()
			.hasValue(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gmsa-portal\"");
		verifyNoInteractions(this.auditLog);
	}

	private static ApiClient client(String name, ApiScope scope) {
		return new ApiClient("7d3f6c2a-0000-4000-8000-00000000000" + name.length(), name, Set.of(scope), List.of(),
				false, Instant.parse("2026-01-01T10:00:00Z"), "portal-admin", null, null, null, null);
	}

	private static AuditRow row(long seq) {
		return new AuditRow(seq, Instant.parse("2026-01-01T10:00:0" + seq + "Z"), "admin", "PERSON", "ADMIN",
				"10.0.0.1", "auth.login", "admin", "SUCCESS", "{\"method\":\"local\"}", "corr-" + seq, null,
				"0".repeat(64), String.valueOf(seq).repeat(64));
	}

	private static String json(long seq) {
		return """
				{"seq": %d, "occurredAt": "2026-01-01T10:00:0%dZ", "actor": "admin", "actorKind": "PERSON",
				 "actorRoles": "ADMIN", "sourceAddress": "10.0.0.1", "action": "auth.login", "target": "admin",
				 "outcome": "SUCCESS", "details": {"method": "local"}, "correlationId": "corr-%d", "ticketRef": null,
				 "prevHash": "%s", "hash": "%s"}""".formatted(seq, seq, seq, "0".repeat(64), String.valueOf(seq).repeat(64));
	}

	/**
	 * Signs the client in as the token filter would, with its kind and one authority per scope. The token lookup
	 * ({@code ApiClients.findByToken}) is package-private in the security module, so the slice cannot stub it;
	 * the token filter itself is covered by {@code ApiAuthenticationTests}, and the scope rules here are still the
	 * real chain's.
	 */
	private static RequestPostProcessor as(ApiClient client) {
		List<SimpleGrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority(Actor.API_CLIENT_AUTHORITY));
		client.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
		return authentication(UsernamePasswordAuthenticationToken.authenticated(client, "", authorities));
	}

}
