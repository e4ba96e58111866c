package org.gmsaportal.web.wizard;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Plan-only mode beyond a plain bundle, through the real modules with no directory or cluster configured: further
 * gMSAs in the credential spec, Docker hosts instead of Kubernetes, and a bundle carrying the CoreDNS block to the
 * servers typed and the apply patch of each typed workload.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PlanOnlyTargetsHttpTests {

	@Autowired
	MockMvc mvc;

	@Test
	void furtherGmsasGoIntoTheCredentialSpecAndTheNotesSayTheyWereNotChecked() throws Exception {
		String page = body(form().param("additionalAccounts", "WebApp02\nWebApp03"));

		String credSpec = section(page, "plan-only-credspec");
		assertThat(credSpec).contains("&quot;Name&quot;: &quot;WebApp02&quot;",
				"&quot;Name&quot;: &quot;WebApp03&quot;", "&quot;Scope&quot;: &quot;CONTOSO&quot;");
		assertThat(section(page, "plan-only-notes")).contains("The further gMSAs WebApp02, WebApp03 were not checked",
				"PrincipalsAllowedToRetrieveManagedPassword");

		assertRefused(form().param("additionalAccounts", "WebApp01"), "additionalAccounts", "listed twice");
	}

	@Test
	void dockerHostsGetTheCredentialSpecFileAndTheCommandsAndNoBundle() throws Exception {
		String page = body(form().param("dockerHosts", "true")
			.param("dockerImage", "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"));

		String host = section(page, "plan-only-host-commands");
		assertThat(host).contains("C:\\ProgramData\\Docker\\CredentialSpecs\\contoso_webapp01.json",
				"Test-ADServiceAccount -Identity &#39;WebApp01&#39;",
				"docker run --security-opt &quot;credentialspec=file://contoso_webapp01.json&quot;");
		assertThat(page).doesNotContain("id=\"plan-only-bundle\"").doesNotContain("id=\"plan-only-kubectl\"");
		assertThat(section(page, "plan-only-commands")).doesNotContain("kubectl");

		assertRefused(form().param("dockerHosts", "true").param("dockerImage", "Not An Image"), "dockerImage",
				"image");
	}

	@Test
	void typedServersAndWorkloadsPutTheCoreDnsBlockAndEachWorkloadsPatchInTheBundle() throws Exception {
		String page = body(form().param("dnsForwardServers", "10.0.0.4\n10.0.0.5")
			.param("typedWorkloads", "Deployment/web\nCronJob/nightly-report"));

		String bundle = section(page, "plan-only-bundle");
		assertThat(bundle).contains("# --- CoreDNS: forward contoso.com to 10.0.0.4 10.0.0.5 ---",
				"# --- Workload Deployment/web: only the fields gMSA Portal owns",
				"# --- Workload CronJob/nightly-report:",
				"#   kubectl apply --server-side --field-manager=gmsa-portal-workloads -f - &lt;&lt;&#39;EOF&#39;",
				"gmsaCredentialSpecName: &quot;webapp01-spec&quot;");
		String kubectl = section(page, "plan-only-kubectl");
		assertThat(kubectl).contains("kind: &quot;CronJob&quot;", "jobTemplate:",
				"&lt;&lt;&#39;EOF&#39;   # decommission: gives back only the portal&#39;s fields on Deployment/web")
			.doesNotContain("--field-manager=gmsa-portal-workloads --force-conflicts");
		assertThat(section(page, "plan-only-commands")).contains("then for each of 2 workloads");

		// No directory to ask for its DCs: without typed servers the bundle has no CoreDNS block.
		assertThat(section(body(form()), "plan-only-bundle")).doesNotContain("CoreDNS");
		assertRefused(form().param("typedWorkloads", "Pod/web"), "typedWorkloads", "must be Kind/name");
		assertRefused(form().param("dnsForwardServers", "10.0.0"), "dnsForwardServers",
				"must be an IPv4 or IPv6 address");
	}

	private MockHttpServletRequestBuilder form() {
		return post("/wizard/plan-only").with(csrf())
			.param("dnsName", "contoso.com")
			.param("netbiosName", "CONTOSO")
			.param("forestDnsName", "contoso.com")
			.param("domainSid", "S-1-5-21-1004336348-1177238915-682003330")
			.param("domainGuid", "52e6d0b4-87d3-4d2a-9b4c-8d1f0f1ac0de")
			.param("gmsaName", "WebApp01")
			.param("computerAccounts", "NODE1$\nNODE2$")
			.param("namespace", "apps")
			.param("serviceAccount", "webapp");
	}

	private void assertRefused(MockHttpServletRequestBuilder request, String field, String rule) throws Exception {
		String page = body(request);
		assertThat(page).as(field).contains("id=\"" + field + "-error\"").doesNotContain("id=\"plan-only-credspec\"");
		assertThat(section(page, field + "-error")).as(field).contains(rule);
	}

	/** The element with this id, up to its closing tag. */
	private static String section(String page, String id) {
		int start = page.indexOf("id=\"" + id + "\"");
		assertThat(start).as("element #%s", id).isNotNegative();
		String tag = page.substring(page.lastIndexOf('<', start) + 1, start).split("\\s")[0];
		return page.substring(start, page.indexOf("</" + tag + ">", start));
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		var response = this.mvc.perform(request.with(user("admin").roles("ADMIN"))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

}
