package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.Optional;

import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.SecretDelivery;
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
 * The identity page's choice of who stores the portable identity (issue 13 item 1): the portal by default, or
 * the admin; the choice reaches the engine's request, and a missing or unknown value is an error on the field in
 * the portal's words. The same slice as {@link WizardControllerTests}.
 */
@WizardSliceTest
class SecretDeliveryWizardTests {

	private static final String ADMIN_NAME = "delivery-admin";

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
	void theIdentityPageOffersBothDeliveriesWithThePortalWritingTheStoreChecked() {
		assertThat(this.mvc.get().uri("/wizard/identity").with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("Who puts the portable user&#39;s credential where the plug-in reads it")
			.contains("<input type=\"radio\" value=\"STORE\" id=\"secretDelivery1\" name=\"secretDelivery\""
					+ " checked=\"checked\">")
			.contains("value=\"MANUAL\"", "I store it myself");
	}

	@Test
	void iStoreItMyselfReachesTheEnginesRequest() {
		MultiValueMap<String, String> form = portable();
		form.set("secretDelivery", "MANUAL");
		assertThat(this.mvc.post().uri("/wizard/identity").params(form).with(csrf()).with(ADMIN))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/credspec");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> saved.getIdentity()
			.getSecretDelivery() == SecretDelivery.MANUAL));

		WizardState state = WizardControllerTests.reached(6);
		state.getIdentity().setGmsaName("WebApp01");
		state.getIdentity().setDnsHostName("webapp01.contoso.com");
		state.getIdentity().setGroupName("WebApp01-hosts");
		state.getIdentity().setHostMode(IdentityStep.HostMode.PORTABLE);
		state.getIdentity().setPortableUser("WebApp01-ccg");
		// A vault: the portal writes a Kubernetes Secret only to a cluster it applies to, and this draft exports.
		state.getIdentity().setPlugin(WizardPlugin.AZURE_KEY_VAULT);
		state.getIdentity().setPluginInput(portable().getFirst("pluginInput"));
		state.getCluster().setNamespace("default");
		state.getCluster().setServiceAccount("webapp");
		state.getCluster().setCredSpecName("webapp01");
		assertThat(((Hosts.Portable) WizardRequests.request(state).hosts()).delivery()).isEqualTo(SecretDelivery.STORE);
		state.getIdentity().setSecretDelivery(SecretDelivery.MANUAL);
		assertThat(((Hosts.Portable) WizardRequests.request(state).hosts()).delivery())
			.isEqualTo(SecretDelivery.MANUAL);
	}

	@Test
	void anUnknownDeliveryIsAnErrorOnItsFieldAndNothingIsSaved() {
		MultiValueMap<String, String> form = portable();
		form.set("secretDelivery", "LATER");
		assertThat(this.mvc.post().uri("/wizard/identity").params(form).with(csrf()).with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"secretDelivery-error\"")
			.contains("must be one of the listed choices: the portal writes the store, or you store it yourself");
		verify(this.drafts, never()).save(anyString(), any());
	}

	@Test
	void noDeliveryForPortableNodesIsRequired() {
		MultiValueMap<String, String> form = portable();
		form.set("secretDelivery", "");
		assertThat(this.mvc.post().uri("/wizard/identity").params(form).with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("secretDelivery")
			.hasFieldErrorCode("secretDelivery", "wizard.portable.required");
		verify(this.drafts, never()).save(anyString(), any());
	}

	private static MultiValueMap<String, String> portable() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("gmsaName", "WebApp01");
		form.add("dnsHostName", "webapp01.contoso.com");
		form.add("encryptionTypes", "AES256_CTS_HMAC_SHA1_96");
		form.add("groupName", "WebApp01-hosts");
		form.add("hostMode", "PORTABLE");
		form.add("portableUser", "WebApp01-ccg");
		form.add("plugin", "AZURE_KEY_VAULT");
		form.add("pluginInput", "ObjectId=5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d;"
				+ "SecretUri=https://contoso-kv.vault.azure.net/secrets/gmsa-web01");
		return form;
	}

}
