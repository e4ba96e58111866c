package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.Optional;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.credspec.PluginPreset;
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
 * The identity page offers the Kubernetes Secret plug-in of AKS on Azure Local (issue 13) with a field for the
 * CLSID its nodes register, since Microsoft does not publish it: the choice and the CLSID reach the engine's request
 * as the AKS-HCI preset, and a missing or wrong CLSID is an error on that field saying the rule. The same slice as
 * {@link SecretDeliveryWizardTests}.
 */
@WizardSliceTest
class AksHciWizardTests {

	private static final String ADMIN_NAME = "aks-hci-admin";

	private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

	private static final String CLSID = "{6f0c1c5e-3a5b-4e7d-9a41-2b8f0d3c7e19}";

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
	void theIdentityPageOffersAksOnAzureLocalWithAFieldForItsClsid() {
		assertThat(this.mvc.get().uri("/wizard/identity").with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("<option value=\"AKS_HCI_SECRET\">" + PluginPreset.AKS_HCI_SECRET.displayName() + "</option>")
			.contains("id=\"pluginGuid\"")
			.contains("Microsoft does not publish the CLSID of the AKS on Azure Local plug-in");
	}

	@Test
	void theChosenPluginAndTypedClsidReachTheEnginesRequestAsTheAksHciPreset() {
		assertThat(this.mvc.post().uri("/wizard/identity").params(aksHci(CLSID)).with(csrf()).with(ADMIN))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/credspec");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> saved.getIdentity()
			.getPlugin() == WizardPlugin.AKS_HCI_SECRET && CLSID.equals(saved.getIdentity().getPluginGuid())));

		WizardState state = WizardControllerTests.reached(2);
		state.getIdentity().setGmsaName("WebApp01");
		state.getIdentity().setDnsHostName("webapp01.contoso.com");
		state.getIdentity().setGroupName("WebApp01-hosts");
		state.getIdentity().setHostMode(IdentityStep.HostMode.PORTABLE);
		state.getIdentity().setPortableUser("WebApp01-ccg");
		state.getIdentity().setPlugin(WizardPlugin.AKS_HCI_SECRET);
		state.getIdentity().setPluginGuid(CLSID);
		state.getIdentity().setPluginInput("web:webapp01-ccg");
		state.getIdentity().setSecretDelivery(SecretDelivery.MANUAL);
		Hosts.Portable hosts = (Hosts.Portable) WizardRequests.request(state, true).hosts();
		assertThat(hosts.plugin()).isEqualTo(PluginPreset.AKS_HCI_SECRET);
		assertThat(hosts.pluginGuid()).isEqualTo(CLSID);
		assertThat(hosts.preset().pluginInput()).isEqualTo("web:webapp01-ccg");
	}

	@Test
	void noClsidIsAnErrorOnItsFieldSayingWhyItIsNeeded() {
		assertThat(this.mvc.post().uri("/wizard/identity").params(aksHci("")).with(csrf()).with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"pluginGuid-error\"")
			.contains("is required for the AKS on Azure Local plug-in: the CLSID your nodes register, 32 hex digits");
		verify(this.drafts, never()).save(anyString(), any());
	}

	@Test
	void anotherPluginsClsidIsAnErrorOnTheClsidFieldNotOnTheChoice() {
		assertThat(this.mvc.post().uri("/wizard/identity").params(aksHci(KnownPlugin.AWS.clsid())).with(csrf())
			.with(ADMIN)).hasStatusOk()
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("pluginGuid");
		assertThat(this.mvc.post().uri("/wizard/identity").params(aksHci("{not-a-clsid}")).with(csrf()).with(ADMIN))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"pluginGuid-error\"")
			.contains("must be the CLSID your AKS-HCI nodes register for their gMSA plug-in");
		verify(this.drafts, never()).save(anyString(), any());
	}

	private static MultiValueMap<String, String> aksHci(String clsid) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("gmsaName", "WebApp01");
		form.add("dnsHostName", "webapp01.contoso.com");
		form.add("encryptionTypes", "AES256_CTS_HMAC_SHA1_96");
		form.add("groupName", "WebApp01-hosts");
		form.add("hostMode", "PORTABLE");
		form.add("portableUser", "WebApp01-ccg");
		form.add("plugin", "AKS_HCI_SECRET");
		form.add("pluginGuid", clsid);
		form.add("pluginInput", "web:webapp01-ccg");
		form.add("secretDelivery", "MANUAL");
		return form;
	}

}
