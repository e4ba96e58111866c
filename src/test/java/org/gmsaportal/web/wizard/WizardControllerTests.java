package org.gmsaportal.web.wizard;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.KdsRootKey;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.directory.KdsStatus;
import org.gmsaportal.provisioning.LiveChecks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.validation.Errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The wizard's form pages as {@link WizardController} decides them: Next validates and saves the draft and
 * redirects to the next page (POST-redirect-GET), an error stays on the page naming the field and saves nothing,
 * Back saves what was typed without judging it, and a page not reached yet sends the admin back to where they
 * left off. The draft store, the engine and the live checks are mocks: this slice tests the controller's
 * decisions ({@link WizardSliceTest}, with the portal's own security rules); {@link WizardHttpTests} covers it
 * against the real engine.
 */
@WizardSliceTest
class WizardControllerTests {

	private static final String ADMIN_NAME = "wizard-admin";

	private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	WizardDraftRepository drafts;

	@Autowired
	LiveChecks connections;

	@Autowired
	WizardLiveChecks live;

	@Test
	void nextOnAValidConnectionsPageSavesTheDraftOneStepFurtherAndRedirectsToTheForestPage() {
		given(this.connections.directoryConnections()).willReturn(List.of(lab()));
		assertThat(this.mvc.post().uri("/wizard/connections").param("directoryConnection", "lab")
			.param("clusterConnection", "").with(csrf()).with(ADMIN)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/forest");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> saved.getReached() == 1
				&& "lab".equals(saved.getConnections().getDirectoryConnection())));
	}

	@Test
	void aBadOrUnconfiguredConnectionIsAnInlineErrorOnItsFieldAndNothingIsSaved() {
		given(this.connections.directoryConnections()).willReturn(List.of(lab()));
		assertThat(this.mvc.post().uri("/wizard/connections").param("directoryConnection", "elsewhere")
			.with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/connections")
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("directoryConnection")
			.hasFieldErrorCode("directoryConnection", "wizard.connection.unknown");
		assertThat(this.mvc.post().uri("/wizard/connections").param("directoryConnection", "lab'; DROP TABLE x;--")
			.with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("directoryConnection")
			.hasFieldErrorCode("directoryConnection", "Pattern");
		assertThat(this.mvc.post().uri("/wizard/connections").param("directoryConnection", "lab")
			.param("clusterConnection", "nowhere").with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("clusterConnection")
			.hasFieldErrorCode("clusterConnection", "wizard.connection.unknown");
		verify(this.drafts, never()).save(anyString(), any());
	}

	@Test
	void theLabKeyWithoutItsConfirmationStaysOnTheForestPageAndNothingIsSaved() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(reached(1)));
		assertThat(this.mvc.post().uri("/wizard/forest").param("kdsRootKey", "CREATE_LAB").with(csrf()).with(ADMIN))
			.hasStatusOk()
			.hasViewName("wizard/forest")
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("labChoiceConfirmed")
			.hasFieldErrorCode("labChoiceConfirmed", "AssertTrue");
		verify(this.drafts, never()).save(anyString(), any());
		assertThat(this.mvc.post().uri("/wizard/forest").param("kdsRootKey", "CREATE_LAB").param("labConfirmed", "true")
			.with(csrf()).with(ADMIN)).hasStatus3xxRedirection().hasRedirectedUrl("/wizard/identity");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> saved.getReached() == 2
				&& saved.getForest().getKdsRootKey() == KdsRootKeyChoice.CREATE_LAB));
	}

	@Test
	void theForestPageShowsThatAKeyExistsWhenItWasCreatedAndWhenItBecomesUsable() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(reached(1)));
		Instant created = Instant.parse("2026-12-07T08:00:00Z");
		KdsRootKey key = new KdsRootKey(UUID.fromString("3f0c1d2e-1111-4222-8333-444455556666"), "CN=k", created,
				created);
		KdsStatus waiting = new KdsStatus(KdsStatus.State.NOT_YET_USABLE, List.of(key), key.usableFrom(),
				created.plusSeconds(60), "The KDS root key becomes usable at " + key.usableFrom(), List.of());
		given(this.live.kdsStatus(any())).willReturn(Optional.of(new WizardLiveChecks.KdsCheck(waiting, null)));
		assertThat(this.mvc.get().uri("/wizard/forest").with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("KDS root keys in this forest", "A key exists but is not usable yet",
					"does not create a second key", "3f0c1d2e-1111-4222-8333-444455556666",
					"datetime=\"2026-12-07T08:00:00Z\"", "datetime=\"2026-12-07T18:05:00Z\"", "not yet")
			.doesNotContainIgnoringCase("do not break");
	}

	@Test
	void aBlockingSpnTheDirectoryReportsKeepsTheIdentityPageNamingTheFieldAndSavesNothing() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(reached(2)));
		willAnswer((call) -> {
			call.getArgument(1, Errors.class)
				.rejectValue("spns", "wizard.spns.conflict", "HTTP/webapp01.contoso.com is held by CN=OTHER");
			return new WizardLiveChecks.SpnCheck(List.of(), null);
		}).given(this.live).identityRules(any(), any());
		assertThat(this.mvc.post().uri("/wizard/identity").params(identity()).with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/identity")
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("spns")
			.hasFieldErrorCode("spns", "wizard.spns.conflict");
		verify(this.drafts, never()).save(anyString(), any());

		// Without the conflict the same page goes on to the credspec page.
		willAnswer((call) -> new WizardLiveChecks.SpnCheck(List.of(), null)).given(this.live)
			.identityRules(any(), any());
		assertThat(this.mvc.post().uri("/wizard/identity").params(identity()).with(csrf()).with(ADMIN))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/credspec");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> saved.getReached() == 3
				&& "WebApp01".equals(saved.getIdentity().getGmsaName())));
	}

	@Test
	void backSavesWhatWasTypedWithoutJudgingItAndGoesToThePreviousPage() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(reached(2)));
		assertThat(this.mvc.post().uri("/wizard/identity").param("go", "back").param("gmsaName", "half typed!")
			.with(csrf()).with(ADMIN)).hasStatus3xxRedirection().hasRedirectedUrl("/wizard/forest");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> saved.getReached() == 2
				&& "half typed!".equals(saved.getIdentity().getGmsaName())));
		verify(this.live, never()).identityRules(any(), any());
	}

	@Test
	void aPageNotReachedYetRedirectsToWhereTheAdminLeftOffAndAnAuditorIsRefused() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(reached(1)));
		assertThat(this.mvc.get().uri("/wizard/cluster").with(ADMIN)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/forest");
		assertThat(this.mvc.get().uri("/wizard").with(ADMIN)).hasForwardedUrl("/wizard/forest");
		verifyNoInteractions(this.live);

		RequestPostProcessor auditor = user("wizard-auditor").roles("AUDITOR");
		assertThat(this.mvc.get().uri("/wizard/connections").with(auditor)).hasStatus(403);
		assertThat(this.mvc.post().uri("/wizard/connections").param("directoryConnection", "lab").with(csrf())
			.with(auditor)).hasStatus(403);
		verify(this.drafts, never()).find("wizard-auditor");
		verify(this.drafts, never()).save(anyString(), any());
	}

	private static Directory.ConnectionSummary lab() {
		return new Directory.ConnectionSummary("lab", "contoso.com", List.of(URI.create("ldaps://dc1.contoso.com:636")),
				"LDAPS", false, null);
	}

	/** A draft export only, on the lab connection, whose pages before {@code reached} validated. */
	static WizardState reached(int reached) {
		WizardState state = new WizardState();
		state.getConnections().setDirectoryConnection("lab");
		state.getConnections().setClusterConnection("");
		state.setReached(reached);
		return state;
	}

	private static org.springframework.util.MultiValueMap<String, String> identity() {
		org.springframework.util.LinkedMultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
		form.add("gmsaName", "WebApp01");
		form.add("dnsHostName", "webapp01.contoso.com");
		form.add("spns", "HTTP/webapp01.contoso.com");
		form.add("encryptionTypes", "AES256_CTS_HMAC_SHA1_96");
		form.add("groupName", "WebApp01-hosts");
		form.add("hostMode", "DOMAIN_JOINED");
		form.add("computerAccounts", "NODE1$");
		form.add("ticketRef", "CHG42");
		return form;
	}

}
