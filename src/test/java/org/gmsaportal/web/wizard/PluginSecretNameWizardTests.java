package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The Secret a Kubernetes Secret plug-in reads, suggested from the gMSA name on the identity page (issue 19 item 4):
 * the admin gives only the namespace and Next fills in {@code <gmsa>-identity}, without script; the page then says
 * it is a suggestion; a typed Secret name is kept as typed, and one that is no Kubernetes name is refused on the
 * plug-in input's field. The same slice as {@link WizardControllerTests}.
 */
@WizardSliceTest
class PluginSecretNameWizardTests {

	private static final String ADMIN_NAME = "secret-name-admin";

	private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	WizardDraftRepository drafts;

	@Autowired
	WizardLiveChecks live;

	@BeforeEach
	void identityPageReached() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardControllerTests.reached(2)));
		willAnswer((call) -> new WizardLiveChecks.SpnCheck(List.of(), null)).given(this.live)
			.identityRules(any(), any());
	}

	@Test
	void onlyTheNamespaceTakesTheSecretNameSuggestedFromTheGmsaName() {
		assertThat(this.mvc.post().uri("/wizard/identity").params(kubernetesSecret("apps")).with(csrf()).with(ADMIN))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/credspec");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> "apps:webapp01-identity"
			.equals(saved.getIdentity().getPluginInput())));
	}

	@Test
	void theIdentityPageNamesTheSuggestionAndSaysWhenTheInputHoldsIt() {
		WizardState state = WizardControllerTests.reached(3);
		state.getIdentity().setGmsaName("WebApp01");
		state.getIdentity().setHostMode(IdentityStep.HostMode.PORTABLE);
		state.getIdentity().setPlugin(WizardPlugin.KUBERNETES_SECRET);
		state.getIdentity().setPluginInput("apps:webapp01-identity");
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(state));

		assertThat(this.mvc.get().uri("/wizard/identity").with(ADMIN)).hasStatusOk().bodyText()
			.contains("id=\"pluginInput-suggestion\"", "the Secret is named webapp01-identity")
			.contains("id=\"pluginInput-suggested\"", "Secret name suggested from the gMSA name")
			.contains("value=\"apps:webapp01-identity\"");
	}

	@Test
	void aTypedSecretNameWinsAndIsNotCalledASuggestion() {
		assertThat(this.mvc.post().uri("/wizard/identity").params(kubernetesSecret("apps:webapp-ccg")).with(csrf())
			.with(ADMIN)).hasStatus3xxRedirection();
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> "apps:webapp-ccg"
			.equals(saved.getIdentity().getPluginInput())));

		WizardState state = WizardControllerTests.reached(3);
		state.getIdentity().setGmsaName("WebApp01");
		state.getIdentity().setHostMode(IdentityStep.HostMode.PORTABLE);
		state.getIdentity().setPlugin(WizardPlugin.KUBERNETES_SECRET);
		state.getIdentity().setPluginInput("apps:webapp-ccg");
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(state));
		assertThat(this.mvc.get().uri("/wizard/identity").with(ADMIN)).hasStatusOk().bodyText()
			.contains("value=\"apps:webapp-ccg\"").doesNotContain("id=\"pluginInput-suggested\"");
	}

	@Test
	void aSecretNameThatIsNoKubernetesNameIsRefusedOnThePluginInput() {
		assertThat(this.mvc.post().uri("/wizard/identity").params(kubernetesSecret("apps:Bad_Name")).with(csrf())
			.with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"pluginInput-error\"")
			.contains("names the Secret Bad_Name, which is not a Kubernetes name");
		assertThat(this.mvc.post().uri("/wizard/identity").params(kubernetesSecret("Apps:webapp")).with(csrf())
			.with(ADMIN)).hasStatusOk()
			.model()
			.extractingBindingResult("form")
			.hasFieldErrorCode("pluginInput", "wizard.pluginInput.namespace");
		verify(this.drafts, never()).save(anyString(), any());
	}

	@Test
	void withoutAGmsaNameToSuggestFromOnlyTheNamespaceIsRefused() {
		MultiValueMap<String, String> form = kubernetesSecret("apps");
		form.set("gmsaName", "");
		assertThat(this.mvc.post().uri("/wizard/identity").params(form).with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.extractingBindingResult("form")
			.hasFieldErrorCode("pluginInput", "wizard.pluginInput.secretMissing");
		verify(this.drafts, never()).save(anyString(), any());
	}

	private static MultiValueMap<String, String> kubernetesSecret(String pluginInput) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("gmsaName", "WebApp01");
		form.add("dnsHostName", "webapp01.contoso.com");
		form.add("encryptionTypes", "AES256_CTS_HMAC_SHA1_96");
		form.add("groupName", "WebApp01-hosts");
		form.add("hostMode", "PORTABLE");
		form.add("portableUser", "WebApp01-ccg");
		form.add("plugin", "KUBERNETES_SECRET");
		form.add("pluginInput", pluginInput);
		// the portal writes a Kubernetes Secret only to a cluster it applies to, and this draft has none yet
		form.add("secretDelivery", "MANUAL");
		return form;
	}

}
