package org.gmsaportal.web.clients;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The API clients pages as {@link ApiClientsController} serves them: the create form and its validation, the
 * secrets' one trip as flash attributes, revocation and the auto-approve mark. The services are mocks: this slice
 * tests the controller's HTTP translation; {@link ApiClientsPageTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module), so which pages an auditor may open is the portal's own rule; only its sign-in manager and the audit
 * trail are mocks.
 */
@WebMvcTest(controllers = ApiClientsController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class ApiClientsControllerTests {

	private static final RequestPostProcessor ADMIN = user("portal-admin").roles("ADMIN");

	private static final ApiClient TICKETS = new ApiClient("7d3f6c2a-0000-4000-8000-000000000001", "servicenow",
			Set.of(ApiScope.REQUESTS_WRITE), List.of(), false, Instant.parse("2026-01-01T10:00:00Z"), "portal-admin",
			null, null, null, null);

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ApiClients clients;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@BeforeEach
	void requiredApproval() {
		given(this.clients.approvalPolicy()).willReturn("required");
	}

	@Test
	void aFormWithABadNameAndNoScopeComesBackNamingEachFieldAndCreatesNothing() {
		assertThat(this.mvc.post().uri("/api-clients").param("name", "bad name!").param("callbackHosts", "not a host!")
			.with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("api-clients/form")
			.model()
			.extractingBindingResult("form")
			.hasFieldErrorCode("name", "Pattern")
			.hasFieldErrorCode("scopes", "NotEmpty")
			.hasFieldErrorCode("callbackHostsValid", "AssertTrue");
		verify(this.clients, never()).create(anyString(), anySet(), any(), anyList(), anyBoolean());
	}

	@Test
	void aCreatedClientsTokenAndSecretTravelOnceAsFlashToItsCreatedPage() {
		NewApiClient created = new NewApiClient(TICKETS, "gmsap_" + "t".repeat(43), "whsec_c2VjcmV0");
		given(this.clients.create("servicenow", Set.of(ApiScope.REQUESTS_WRITE), null, List.of("hooks.example.com"),
				false))
			.willReturn(created);
		assertThat(this.mvc.post().uri("/api-clients").param("name", " servicenow ").param("scopes", "REQUESTS_WRITE")
			.param("callbackHosts", "Hooks.Example.com\nhooks.example.com").with(csrf()).with(ADMIN))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/api-clients/" + TICKETS.id() + "/created")
			.flash()
			.containsEntry("token", created.token())
			.containsEntry("signingSecret", created.signingSecret());
	}

	@Test
	void aTakenNameIsReportedOnTheNameField() {
		given(this.clients.create(anyString(), anySet(), any(), anyList(), anyBoolean()))
			.willThrow(ApiClients.DuplicateNameException.class);
		assertThat(this.mvc.post().uri("/api-clients").param("name", "servicenow").param("scopes", "AUDIT_READ")
			.with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("api-clients/form")
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("name")
			.hasFieldErrorCode("name", "apiClients.name.taken");
	}

	@Test
	void aGarbledAutoApproveValueIsExplainedAndChangesNothing() {
		given(this.clients.find(TICKETS.id())).willReturn(Optional.of(TICKETS));
		assertThat(this.mvc.post().uri("/api-clients/" + TICKETS.id() + "/auto-approve").param("enabled", "yes")
			.with(csrf()).with(ADMIN)).hasRedirectedUrl("/api-clients")
			.flash()
			.containsEntry("flash",
					"Auto-approve of servicenow was not changed: the field enabled must be true or false.");
		verify(this.clients, never()).setAutoApprove(anyString(), anyBoolean());
	}

	@Test
	void revokingAnUnknownClientIsNotFoundAndRevokesNothing() {
		given(this.clients.find(anyString())).willReturn(Optional.empty());
		assertThat(this.mvc.post().uri("/api-clients/no-such-client/revoke").with(csrf()).with(ADMIN)).hasStatus(404);
		verify(this.clients, never()).revoke(anyString());
	}

	@Test
	void anAuditorSeesTheListButNotTheCreateForm() {
		given(this.clients.list()).willReturn(List.of(TICKETS));
		RequestPostProcessor auditor = user("reader").roles("AUDITOR");
		assertThat(this.mvc.get().uri("/api-clients").with(auditor)).hasStatusOk()
			.hasViewName("api-clients/list")
			.model()
			.containsEntry("clients", List.of(TICKETS))
			.containsEntry("perClientPolicy", false);
		assertThat(this.mvc.get().uri("/api-clients/new").with(auditor)).hasStatus(403);
	}

}
