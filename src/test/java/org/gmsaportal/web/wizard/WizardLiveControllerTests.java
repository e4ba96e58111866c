package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.Optional;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.Directory.Computer;
import org.gmsaportal.directory.Directory.Computers;
import org.gmsaportal.directory.Directory.SpnConflict;
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
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The identity page's live lookups as {@link WizardLiveController} answers them: which directory connection is
 * asked (the session's wizard, else the saved draft), what is never sent to the directory, and that a directory
 * that cannot answer is a 200 with a message, never an error. The live checks and the draft store are mocks: this
 * slice tests the controller's decisions; {@link WizardLiveHttpTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module), so the auditor's refusal is the portal's own rule; only its sign-in manager and audit trail are mocks.
 */
@WebMvcTest(controllers = WizardLiveController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class WizardLiveControllerTests {

	private static final String ADMIN_NAME = "live-admin";

	private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	WizardDraftRepository drafts;

	@MockitoBean
	WizardLiveChecks checks;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@Test
	void withoutAChosenDirectoryConnectionNothingIsAskedAndTheAnswerSaysWhy() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/wizard/identity/spn-check").param("spns", "HTTP/web01.contoso.com")
			.with(ADMIN)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"checked": false, "conflicts": [], "message": "choose a directory connection first"}
					""");
		assertThat(this.mvc.get().uri("/wizard/identity/computers").param("q", "NODE").with(ADMIN)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"checked": false, "found": [], "truncated": false, "message": "choose a directory connection first"}
					""");
		verifyNoInteractions(this.checks);
	}

	@Test
	void theSpnCheckAsksTheSavedDraftsConnectionWithTheTypedLinesAndListsTheConflicts() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardControllerTests.reached(2)));
		given(this.checks.spnConflicts("lab", "WebApp01", "webapp01.contoso.com",
				List.of("HTTP/webapp01.contoso.com", "HTTP/web.contoso.com")))
			.willReturn(new WizardLiveChecks.SpnCheck(List.of(new SpnConflict("HTTP/web.contoso.com",
					"CN=OTHER,CN=Computers,DC=contoso,DC=com", "held by CN=OTHER", true)), null));
		assertThat(this.mvc.get().uri("/wizard/identity/spn-check")
			.param("spns", " HTTP/webapp01.contoso.com \n\n HTTP/web.contoso.com")
			.param("gmsaName", "WebApp01").param("dnsHostName", "webapp01.contoso.com").with(ADMIN)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"checked": true, "message": null,
					 "conflicts": [{"spn": "HTTP/web.contoso.com", "holder": "CN=OTHER,CN=Computers,DC=contoso,DC=com",
					                "message": "held by CN=OTHER", "blocking": true}]}
					""");
	}

	@Test
	void theSessionsWizardWinsOverTheSavedDraft() {
		WizardState session = WizardControllerTests.reached(2);
		session.getConnections().setDirectoryConnection("lab-session");
		given(this.checks.searchComputers("lab-session", "NODE")).willReturn(new WizardLiveChecks.ComputerSearch("NODE",
				new Computers(List.of(new Computer("NODE1$", "node1.contoso.com",
						"CN=NODE1,CN=Computers,DC=contoso,DC=com", false)), true), null));
		assertThat(this.mvc.get().uri("/wizard/identity/computers").param("q", "NODE").sessionAttr("wizard", session)
			.with(ADMIN)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"checked": true, "truncated": true, "message": null,
					 "found": [{"samAccountName": "NODE1$", "dnsHostName": "node1.contoso.com", "disabled": false}]}
					""");
		verifyNoInteractions(this.drafts);
	}

	@Test
	void aDirectoryThatCannotAnswerIsAnAnswerSayingSoNotAnError() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardControllerTests.reached(2)));
		given(this.checks.spnConflicts(anyString(), any(), any(), anyList()))
			.willReturn(new WizardLiveChecks.SpnCheck(List.of(), "dc1.contoso.com did not answer"));
		given(this.checks.searchComputers("lab", "NODE"))
			.willReturn(new WizardLiveChecks.ComputerSearch("NODE", null, "dc1.contoso.com did not answer"));
		assertThat(this.mvc.get().uri("/wizard/identity/spn-check").param("spns", "HTTP/web.contoso.com")
			.with(ADMIN)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"checked": false, "conflicts": [], "message": "dc1.contoso.com did not answer"}
					""");
		assertThat(this.mvc.get().uri("/wizard/identity/computers").param("q", "NODE").with(ADMIN)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"checked": false, "found": [], "truncated": false, "message": "dc1.contoso.com did not answer"}
					""");
	}

	@Test
	void inputTooLongForTheFormIsNeverSentToTheDirectory() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardControllerTests.reached(2)));
		assertThat(this.mvc.get().uri("/wizard/identity/spn-check").param("gmsaName", "a".repeat(65)).with(ADMIN))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"checked": false, "conflicts": [], "message": "too long to check"}
					""");
		assertThat(this.mvc.get().uri("/wizard/identity/spn-check").param("spns", "x".repeat(4001)).with(ADMIN))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"checked": false, "message": "too long to check"}
					""");
		verify(this.checks, never()).spnConflicts(anyString(), any(), any(), anyList());
	}

	@Test
	void anAuditorMayNotUseTheLookups() {
		RequestPostProcessor auditor = user("live-auditor").roles("AUDITOR");
		assertThat(this.mvc.get().uri("/wizard/identity/spn-check").param("spns", "HTTP/web.contoso.com")
			.with(auditor)).hasStatus(403);
		assertThat(this.mvc.get().uri("/wizard/identity/computers").param("q", "NODE").with(auditor)).hasStatus(403);
		verifyNoInteractions(this.drafts, this.checks);
	}

}
