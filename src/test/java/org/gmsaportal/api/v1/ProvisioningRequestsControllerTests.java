package org.gmsaportal.api.v1;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.Decider;
import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RequestKind;
import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.RepeatedDenials;
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
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * The provisioning-request API as {@link ProvisioningRequestsController} answers it: status codes, the RFC 9457
 * problem details of {@link ApiExceptionHandler} (in the slice, as every {@code @RestControllerAdvice} is), and which
 * client sees which request. The services are mocks: this slice tests the controller's HTTP translation;
 * {@code ProvisioningRequestsApiTests} and {@code ProvisioningRequestInputTests} cover it against the real engine.
 *
 * <p>
 * The API's real bearer-token chain is in the slice: {@code ApiSecurityConfig} and the API's route table
 * ({@code ApiAccessRules}), matched by name since both are package-private in their modules. Clients are signed in
 * directly with the authorities their token would give ({@link #as}), so scope checks are the portal's own.
 */
@WebMvcTest(controllers = ProvisioningRequestsController.class,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "org\\.gmsaportal\\.security\\.ApiSecurityConfig|org\\.gmsaportal\\.api\\.ApiAccessRules"))
class ProvisioningRequestsControllerTests {

	private static final String ID = "5f0c6a1e-3d2b-4c1a-9e8f-7a6b5c4d3e2f";

	private static final String HASH = "d".repeat(64);

	private static final ApiClient WRITER = client("7d3f6c2a-0000-4000-8000-000000000001", "servicenow",
			Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ));

	private static final ApiClient APPROVER = client("7d3f6c2a-0000-4000-8000-000000000002", "cab",
			Set.of(ApiScope.REQUESTS_READ, ApiScope.REQUESTS_APPROVE));

	@Autowired
	MockMvcTester mvc;

	// counts repeated 401s for the audit trail (AuditFloodingTests); a mock in this slice
	@MockitoBean
	RepeatedDenials denials;

	@MockitoBean
	RequestFiling filing;

	@MockitoBean
	ProvisioningRequests lifecycle;

	@MockitoBean
	RequestViewer viewer;

	/** The bearer-token chain's client store; no test presents a token, so it is never asked. */
	@MockitoBean
	ApiClients clients;

	@MockitoBean
	AuditTrail audit;

	@Test
	void badInputIsAProblemNamingTheFieldAndTheRuleAndReachesNoService() {
		assertThat(this.mvc.post().uri("/api/v1/provisioning-requests").with(as(WRITER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 400, "detail": "The request is not valid.",
					 "errors": [{"field": "Idempotency-Key", "rule": "required"}]}
					""");
		assertThat(this.mvc.get().uri("/api/v1/provisioning-requests?limit=101").with(as(WRITER)))
			.hasStatus(400)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"errors": [{"field": "limit", "rule": "max"}]}
					""");
		verifyNoInteractions(this.filing, this.lifecycle, this.viewer);
	}

	@Test
	void aFilingIsCreatedForTheSignedInClientUnderItsIdempotencyKey() {
		String body = "{\"name\": \"WebApp01\"}";
		given(this.filing.file(WRITER, "CHG-1.a", body)).willReturn(view(ID));
		assertThat(this.mvc.post().uri("/api/v1/provisioning-requests")
			.with(as(WRITER))
			.header("Idempotency-Key", "CHG-1.a")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.hasStatus(201)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"id": "%s", "status": "PENDING_APPROVAL", "planHash": "%s"}
					""".formatted(ID, HASH));
	}

	@Test
	void anotherClientsRequestIsNotFoundUnlessTheClientMayApprove() {
		FiledRequest row = row(APPROVER.id());
		given(this.lifecycle.find(ID)).willReturn(Optional.of(row("another-client")));
		assertThat(this.mvc.get().uri("/api/v1/provisioning-requests/" + ID).with(as(WRITER)))
			.hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 404, "detail": "There is no provisioning request %s visible to this client."}
					""".formatted(ID));
		verify(this.viewer, never()).view(any());
		given(this.lifecycle.find(ID)).willReturn(Optional.of(row));
		given(this.viewer.view(row)).willReturn(view(ID));
		assertThat(this.mvc.get().uri("/api/v1/provisioning-requests/" + ID).with(as(APPROVER)))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.id")
			.isEqualTo(ID);
	}

	@Test
	void aRejectionWithoutAReasonIsRefusedAndNothingIsRejected() {
		assertThat(this.mvc.post().uri("/api/v1/provisioning-requests/" + ID + "/rejection")
			.with(as(APPROVER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"   \"}"))
			.hasStatus(400)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 400, "errors": [{"field": "reason", "rule": "required"}]}
					""");
		verifyNoInteractions(this.lifecycle, this.viewer);
	}

	@Test
	void anApprovalTheLifecycleRefusesIsAConflictProblemWithItsReason() {
		FiledRequest row = row(WRITER.id());
		given(this.lifecycle.find(ID)).willReturn(Optional.of(row));
		given(this.lifecycle.approve(any(), any(), any(), any()))
			.willThrow(new ProvisioningRefusedException("The request was already decided."));
		assertThat(this.mvc.post().uri("/api/v1/provisioning-requests/" + ID + "/approval")
			.with(as(APPROVER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"planHash\": \"" + HASH + "\"}"))
			.hasStatus(409)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 409, "detail": "The request was already decided."}
					""");
		verify(this.lifecycle).approve(Decider.client(APPROVER.id(), APPROVER.name()), row, HASH, null);
	}

	@Test
	void aClientWithoutTheApproveScopeGetsAnInsufficientScopeChallengeAndDecidesNothing() {
		assertThat(this.mvc.post().uri("/api/v1/provisioning-requests/" + ID + "/approval")
			.with(as(WRITER)))
			.hasStatus(403)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.hasValue(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"gmsa-portal\", error=\"insufficient_scope\", scope=\"requests:approve\"");
		assertThat(this.mvc.post().uri("/api/v1/provisioning-requests/" + ID + "/approval")).hasStatus(401)
			.headers()
			.hasValue(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gmsa-portal\"");
		verifyNoInteractions(this.lifecycle, this.viewer);
	}

	private static ApiClient client(String id, String name, Set<ApiScope> scopes) {
		return new ApiClient(id, name, scopes, List.of(), false, Instant.parse("2026-01-01T10:00:00Z"), "portal-admin",
				null, null, null, null);
	}

	private static FiledRequest row(String clientId) {
		Instant filed = Instant.parse("2026-01-02T10:00:00Z");
		return new FiledRequest(ID, 1, clientId, "CHG-1.a", "e".repeat(64), RequestKind.PROVISION, null,
				RequestStatus.PENDING_APPROVAL, HASH, "{}", "{}", "CHG-1", null, null, null, filed, filed, null, null);
	}

	private static RequestViews.RequestView view(String id) {
		return new RequestViews.RequestView(id, "PROVISION", "PENDING_APPROVAL", HASH,
				new RequestViews.PlanView("contoso.com", true, List.of(), null), List.of(), "CHG-1", null, null, null,
				Instant.parse("2026-01-02T10:00:00Z"), Map.of("self", RequestViewer.BASE + id), null);
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
