package org.gmsaportal.web.wizard;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.provisioning.LiveChecks;
import org.gmsaportal.provisioning.Target;
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
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Docker hosts as the wizard's third target beside a cluster and export only (the cluster page then asks only the
 * image of the {@code docker run} command), and further gMSAs on the identity page, each refused on that field by
 * the engine's rule. This slice tests the controller's decisions; the live checks are mocks.
 */
@WizardSliceTest
class WizardDockerAndAccountsTests {

	private static final String ADMIN_NAME = "docker-admin";

	private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	WizardDraftRepository drafts;

	@Autowired
	LiveChecks connections;

	@Autowired
	WizardLiveChecks live;

	@BeforeEach
	void aLabDirectory() {
		given(this.connections.directoryConnections()).willReturn(List.of(new Directory.ConnectionSummary("lab",
				"contoso.com", List.of(URI.create("ldaps://dc1.contoso.com:636")), "LDAPS", false, null)));
	}

	@Test
	void dockerHostsIsAThirdChoiceBesideExportOnlyAndTheClusters() {
		assertThat(this.mvc.get().uri("/wizard/connections").with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("value=\"@docker-hosts\"", "Docker hosts: Windows Server hosts running containers");
		assertThat(this.mvc.post().uri("/wizard/connections").param("directoryConnection", "lab")
			.param("clusterConnection", "@docker-hosts").with(csrf()).with(ADMIN)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/forest");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> saved.getConnections().dockerHosts()));
	}

	@Test
	void forDockerHostsTheClusterPageAsksOnlyTheImageAndTheRequestTargetsDockerHosts() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardDrafts.atCluster("@docker-hosts")));
		assertThat(this.mvc.get().uri("/wizard/cluster").with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"docker-hosts-note\"", "id=\"sampleImage\"")
			.doesNotContain("id=\"namespace\"", "id=\"workload-picker\"", "id=\"run-preflight\"");
		String image = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019";
		assertThat(this.mvc.post().uri("/wizard/cluster").param("sampleImage", image).with(csrf()).with(ADMIN))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/review");
		verify(this.drafts).save(eq(ADMIN_NAME),
				argThat((saved) -> new Target.DockerHosts(image).equals(WizardRequests.target(saved))));
	}

	@Test
	void aLiveClusterStillNeedsItsKubernetesNames() {
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardDrafts.atCluster("prod")));
		assertThat(this.mvc.post().uri("/wizard/cluster").param("namespace", "apps").with(csrf()).with(ADMIN))
			.hasStatusOk()
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("serviceAccount", "credSpecName")
			.hasFieldErrorCode("serviceAccount", "wizard.required");
		verify(this.drafts, never()).save(anyString(), any());
	}

	@Test
	void furtherGmsasGoIntoTheRequestAndABrokenOneIsAnErrorOnItsFieldNamingTheLine() {
		WizardState draft = WizardDrafts.atCluster("");
		draft.setReached(WizardState.STEPS.indexOf("identity"));
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(draft));
		given(this.live.identityRules(any(), any())).willReturn(new WizardLiveChecks.SpnCheck(List.of(), null));
		assertThat(this.mvc.get().uri("/wizard/identity").with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"additionalAccounts\"");
		assertThat(this.mvc.post().uri("/wizard/identity").params(identity("SqlSvc01\nwebapp01$")).with(csrf())
			.with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/identity")
			.bodyText()
			.contains("id=\"additionalAccounts-error\"", "&quot;webapp01$&quot; is the request&#39;s gMSA or listed twice");
		verify(this.drafts, never()).save(anyString(), any());
		assertThat(this.mvc.post().uri("/wizard/identity").params(identity("SqlSvc01\nReportSvc$")).with(csrf())
			.with(ADMIN)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/credspec");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> WizardRequests.request(saved, true)
			.additionalAccounts()
			.equals(List.of("SqlSvc01", "ReportSvc"))));
	}

	private static MultiValueMap<String, String> identity(String additionalAccounts) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("gmsaName", "WebApp01");
		form.add("dnsHostName", "webapp01.contoso.com");
		form.add("spns", "HTTP/webapp01.contoso.com");
		form.add("encryptionTypes", "AES256_CTS_HMAC_SHA1_96");
		form.add("groupName", "WebApp01-hosts");
		form.add("hostMode", "DOMAIN_JOINED");
		form.add("computerAccounts", "NODE1$");
		form.add("additionalAccounts", additionalAccounts);
		return form;
	}

}
