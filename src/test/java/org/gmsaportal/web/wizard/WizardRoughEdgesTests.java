package org.gmsaportal.web.wizard;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.provisioning.LiveChecks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The wizard's rough edges of issue 19 as the server renders them: fields marked for the mode they apply to and
 * all present without script (the server judges them), the RC4 warning only with RC4, the cluster page's names
 * suggested from the gMSA name and said to be suggestions, and plan-only mode instead of an empty directory box.
 * {@code OverviewWizardBrowserTests} shows the hiding and the copying in Chromium.
 */
@WizardSliceTest
class WizardRoughEdgesTests {

	private static final RequestPostProcessor ADMIN = user("edges-admin").roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	WizardDraftRepository drafts;

	@Autowired
	LiveChecks connections;

	@Autowired
	WizardLiveChecks live;

	@Test
	void eachModesFieldsAreMarkedForItsModeAndAllArePresentWithoutScript() {
		given(this.drafts.find("edges-admin")).willReturn(Optional.of(WizardControllerTests.reached(2)));
		String body = body("/wizard/identity");
		assertThat(tag(body, "id=\"domain-joined-fields\"")).contains("data-shown-when=\"hostMode\"")
			.contains("data-shown-value=\"DOMAIN_JOINED\"")
			.doesNotContain("hidden");
		assertThat(tag(body, "id=\"portable-fields\"")).contains("data-shown-value=\"PORTABLE\"")
			.doesNotContain("hidden");
		assertThat(tag(body, "id=\"pluginGuid-fields\"")).contains("data-shown-when=\"plugin\"")
			.contains("data-shown-value=\"AKS_HCI_SECRET\"");
		// the fields themselves are all in the page, so that a browser without script can fill any of them
		assertThat(body).contains("id=\"computerAccounts\"", "id=\"portableUser\"", "id=\"pluginInput\"");
	}

	@Test
	void theServerStillJudgesThePortableFieldsWhenPortableIsChosen() {
		given(this.drafts.find("edges-admin")).willReturn(Optional.of(WizardControllerTests.reached(2)));
		assertThat(this.mvc.post().uri("/wizard/identity").param("gmsaName", "web01")
			.param("dnsHostName", "web01.contoso.com").param("encryptionTypes", "AES256_CTS_HMAC_SHA1_96")
			.param("groupName", "web01-hosts").param("groupScope", "DOMAIN_LOCAL").param("hostMode", "PORTABLE")
			.with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.extractingBindingResult("form")
			.hasFieldErrorCode("portableUser", "wizard.portable.required")
			.hasFieldErrorCode("pluginInput", "wizard.portable.required");
		verify(this.drafts, never()).save(any(), any());
	}

	@Test
	void theRc4WarningIsShownOnlyWhenRc4IsChosen() {
		WizardState aes = WizardControllerTests.reached(2);
		given(this.drafts.find("edges-admin")).willReturn(Optional.of(aes));
		String body = body("/wizard/identity");
		assertThat(tag(body, "id=\"rc4-warning\"")).contains("hidden").contains("data-shown-value=\"RC4_HMAC\"");
		// without script the warning stays readable, as before
		assertThat(body).contains("<noscript>");

		WizardState rc4 = WizardControllerTests.reached(2);
		rc4.getIdentity().setEncryptionTypes(List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.RC4_HMAC));
		given(this.drafts.find("edges-admin")).willReturn(Optional.of(rc4));
		body = body("/wizard/identity");
		assertThat(tag(body, "id=\"rc4-warning\"")).doesNotContain("hidden");
		assertThat(body).doesNotContain("<noscript>");
	}

	@Test
	void theClusterPageSuggestsNamesFromTheGmsaNameAndSaysSo() {
		WizardState state = WizardDrafts.atCluster("");
		given(this.drafts.find("edges-admin")).willReturn(Optional.of(state));
		String body = body("/wizard/cluster");
		assertThat(tag(body, "id=\"credSpecName\"")).contains("value=\"webapp01\"");
		assertThat(tag(body, "id=\"serviceAccount\"")).contains("value=\"webapp01\"");
		assertThat(tag(body, "id=\"namespace\"")).contains("value=\"\"");
		assertThat(body).contains("id=\"cluster-suggestions\"", "filled in from the gMSA name WebApp01",
				"id=\"credSpecName-suggested\"", "id=\"serviceAccount-suggested\"")
			.doesNotContain("id=\"namespace-suggested\"");
		// a first visit filled in by suggestions alone asks the cluster nothing
		verify(this.live).preflightIfFilledIn(any());
	}

	@Test
	void aKubernetesSecretPluginSuggestsItsNamespace() {
		WizardState state = WizardDrafts.atCluster("");
		state.getIdentity().setHostMode(IdentityStep.HostMode.PORTABLE);
		state.getIdentity().setPlugin(WizardPlugin.KUBERNETES_SECRET);
		state.getIdentity().setPluginInput("apps:webapp01-ccg");
		given(this.drafts.find("edges-admin")).willReturn(Optional.of(state));
		String body = body("/wizard/cluster");
		assertThat(tag(body, "id=\"namespace\"")).contains("value=\"apps\"");
		assertThat(body).contains("id=\"namespace-suggested\"");
	}

	@Test
	void typedNamesAreKeptAndNotCalledSuggestions() {
		WizardState state = WizardDrafts.atCluster("");
		state.getCluster().setNamespace("apps");
		state.getCluster().setServiceAccount("webapp");
		state.getCluster().setCredSpecName("webapp01-spec");
		given(this.drafts.find("edges-admin")).willReturn(Optional.of(state));
		String body = body("/wizard/cluster");
		assertThat(tag(body, "id=\"credSpecName\"")).contains("value=\"webapp01-spec\"");
		assertThat(body).doesNotContain("id=\"cluster-suggestions\"", "-suggested\"");
	}

	@Test
	void withoutADirectoryTheConnectionsPageSaysPlanOnlyModeInsteadOfAnEmptyBox() {
		given(this.connections.directoryConnections()).willReturn(List.of());
		String body = body("/wizard/connections");
		assertThat(body).contains("id=\"plan-only-mode\"", "the portal runs in plan-only mode")
			.contains("href=\"/wizard/plan-only\"")
			.doesNotContain("Directory connection</legend>");

		given(this.connections.directoryConnections()).willReturn(List.of(new Directory.ConnectionSummary("lab",
				"contoso.com", List.of(URI.create("ldaps://dc1.contoso.com:636")), "LDAPS", false, null)));
		body = body("/wizard/connections");
		assertThat(body).contains("Directory connection</legend>").doesNotContain("id=\"plan-only-mode\"");
	}

	private String body(String uri) {
		try {
			return this.mvc.get().uri(uri).with(ADMIN).exchange().getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The start tag holding {@code marker}. */
	private static String tag(String body, String marker) {
		int at = body.indexOf(marker);
		assertThat(at).as(marker).isPositive();
		return body.substring(body.lastIndexOf('<', at), body.indexOf('>', at) + 1);
	}

}
