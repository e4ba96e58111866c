package org.gmsaportal.web.wizard;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Plan-only mode with no directory configured: typed facts in, the artifacts out, nothing changed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PlanOnlyHttpTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void typedFactsGiveTheCredSpecTheBundleAndTheCommandsWithoutAnyRun() throws Exception {
		long runsBefore = this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run").query(Long.class).single();
		String page = body(form("S-1-5-21-1004336348-1177238915-682003330", "WebApp01"));
		assertThat(page).contains("id=\"plan-only-credspec\"")
			.contains("&quot;Sid&quot;: &quot;S-1-5-21-1004336348-1177238915-682003330&quot;")
			.contains("&quot;NetBiosName&quot;: &quot;CONTOSO&quot;")
			.contains("&quot;MachineAccountName&quot;: &quot;WebApp01&quot;")
			.contains("kind: &quot;GMSACredentialSpec&quot;")
			.contains("New-ADServiceAccount -Name &#39;WebApp01&#39;")
			.contains("Add-ADGroupMember")
			.contains("contoso_webapp01.json");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run").query(Long.class).single())
			.isEqualTo(runsBefore);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'provisioning.plan-only.generate'")
			.query(Long.class).single()).isPositive();
	}

	@Test
	void anAccountSidInsteadOfTheDomainSidIsRefusedNamingTheField() throws Exception {
		String page = body(form("S-1-5-21-1004336348-1177238915-682003330-1104", "WebApp01"));
		assertThat(page).contains("id=\"domainSid-error\"").doesNotContain("id=\"plan-only-credspec\"");
	}

	@Test
	void aBadGmsaNameIsRefusedNamingTheField() throws Exception {
		String page = body(form("S-1-5-21-1004336348-1177238915-682003330", "web*)(objectClass=*"));
		assertThat(page).contains("id=\"gmsaName-error\"").doesNotContain("id=\"plan-only-credspec\"");
	}

	@Test
	void anAuditorMayNotUsePlanOnlyMode() throws Exception {
		assertThat(this.mvc.perform(get("/wizard/plan-only").with(user("a").roles("AUDITOR"))).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
	}

	private MockHttpServletRequestBuilder form(String sid, String name) {
		return post("/wizard/plan-only").with(csrf())
			.param("dnsName", "contoso.com")
			.param("netbiosName", "CONTOSO")
			.param("forestDnsName", "contoso.com")
			.param("domainSid", sid)
			.param("domainGuid", "52e6d0b4-87d3-4d2a-9b4c-8d1f0f1ac0de")
			.param("gmsaName", name)
			.param("computerAccounts", "NODE1$\nNODE2$")
			.param("namespace", "apps")
			.param("serviceAccount", "webapp");
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		var response = this.mvc.perform(request.with(user("admin").roles("ADMIN"))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

}
