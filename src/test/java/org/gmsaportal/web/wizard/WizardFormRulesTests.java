package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * How the wizard's forms word their rules (issue 12 item 11): one wording per rule and never a validator's raw
 * "size must be between 0 and 64", one message for an empty required field, and names trimmed as the SPN lines
 * are. The same slice as {@link WizardControllerTests}: the controller and the real validation and messages, with
 * the draft store and the live checks as mocks.
 */
@WizardSliceTest
class WizardFormRulesTests {

	private static final String ADMIN_NAME = "rules-admin";

	private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	WizardDraftRepository drafts;

	@Autowired
	WizardLiveChecks live;

	@Test
	void aTooLongNameIsRefusedInThePortalsWordsNotTheValidatorsDefault() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardControllerTests.reached(2)));
		MultiValueMap<String, String> form = identity();
		form.set("groupName", "g".repeat(65));
		assertThat(this.mvc.post().uri("/wizard/identity").params(form).with(csrf()).with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("must be at most 64 characters")
			.doesNotContain("size must be between");
	}

	@Test
	void anEmptyRequiredNameGetsOneMessageNotTwo() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardControllerTests.reached(2)));
		MultiValueMap<String, String> form = identity();
		form.set("gmsaName", "");
		form.set("groupName", "   ");
		assertThat(this.mvc.post().uri("/wizard/identity").params(form).with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.extractingBindingResult("form")
			.hasFieldErrorCode("gmsaName", "NotBlank")
			.hasFieldErrorCode("groupName", "NotBlank")
			.satisfies(result -> {
				assertThat(result.getFieldErrors("gmsaName")).hasSize(1);
				assertThat(result.getFieldErrors("groupName")).hasSize(1);
			});
	}

	@Test
	void namesAreTrimmedAsTheSpnLinesAre() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardControllerTests.reached(2)));
		willAnswer(call -> new WizardLiveChecks.SpnCheck(List.of(), null)).given(this.live).identityRules(any(), any());
		MultiValueMap<String, String> form = identity();
		form.set("gmsaName", "  WebApp01 ");
		form.set("groupName", " WebApp01-hosts\t");
		form.set("dnsHostName", " webapp01.contoso.com ");
		assertThat(this.mvc.post().uri("/wizard/identity").params(form).with(csrf()).with(ADMIN))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/credspec");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat(saved -> "WebApp01".equals(saved.getIdentity().getGmsaName())
				&& "WebApp01-hosts".equals(saved.getIdentity().getGroupName())
				&& "webapp01.contoso.com".equals(saved.getIdentity().getDnsHostName())));
	}

	private static MultiValueMap<String, String> identity() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("gmsaName", "WebApp01");
		form.add("dnsHostName", "webapp01.contoso.com");
		form.add("spns", "HTTP/webapp01.contoso.com");
		form.add("encryptionTypes", "AES256_CTS_HMAC_SHA1_96");
		form.add("groupName", "WebApp01-hosts");
		form.add("hostMode", "DOMAIN_JOINED");
		form.add("computerAccounts", "NODE1$");
		return form;
	}

}
