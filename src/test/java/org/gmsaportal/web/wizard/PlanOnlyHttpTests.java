package org.gmsaportal.web.wizard;

import org.gmsaportal.credspec.KnownPlugin;
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
 * Plan-only mode with no directory configured: typed facts in, the artifacts out, nothing changed; for
 * domain-joined hosts and for portable ones with each known plug-in.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PlanOnlyHttpTests {

	private static final String DOMAIN_SID = "S-1-5-21-1004336348-1177238915-682003330";

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
			.contains("-ServicePrincipalNames &#39;host/WebApp01&#39;,&#39;host/")
			.contains("Add-ADGroupMember")
			.contains("contoso_webapp01.json");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run").query(Long.class).single())
			.isEqualTo(runsBefore);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'provisioning.plan-only.generate'")
			.query(Long.class).single()).isPositive();
	}

	@Test
	void ousAreCheckedAsDistinguishedNamesOnlyAndBecomeThePathOfTheCommands() throws Exception {
		String page = body(form(DOMAIN_SID, "WebApp01").param("placement.groupOu", "OU=Groups,DC=contoso,DC=com")
			.param("placement.gmsaOu", "OU=gMSAs,DC=contoso,DC=com"));
		assertThat(section(page, "plan-only-commands"))
			.contains("-GroupCategory Security -Path &#39;OU=Groups,DC=contoso,DC=com&#39;")
			.contains("-PrincipalsAllowedToRetrieveManagedPassword &#39;WebApp01-hosts&#39; -Path &#39;OU=gMSAs,DC=contoso,DC=com&#39;")
			.contains("-Description &#39;Created by gMSA Portal run &lt;run id&gt; (no ticket)&#39;");
		// No directory to ask: the page says the OUs' existence was not checked.
		assertThat(section(page, "plan-only-notes")).contains("whether they exist was not checked");

		String refused = body(form(DOMAIN_SID, "WebApp01").param("placement.gmsaOu", "Service Accounts"));
		assertThat(refused).contains("id=\"placement.gmsaOu-error\"").doesNotContain("id=\"plan-only-credspec\"");
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
	void aNameWithADotOrAnUnderscoreIsRefusedOnTheNameAsTheDirectoryWould() throws Exception {
		for (String name : new String[] { "Rel.Edge", "Rel_Edge", "Rel..Edge" }) {
			assertRefused(form("S-1-5-21-1004336348-1177238915-682003330", name), "gmsaName",
					"letters, digits or hyphens");
		}
	}

	@Test
	void portableHostsWithTheKubernetesSecretPlugInGetHostAccountConfigASecretWithPlaceholdersAndNewAdUser()
			throws Exception {
		long runsBefore = runCount();
		long eventsBefore = planOnlyEvents();
		// Manual: plan-only exports, and the portal writes a Kubernetes Secret only to a cluster it applies to.
		String page = body(portable("KUBERNETES_SECRET", "apps:webapp01-ccg").param("secretDelivery", "MANUAL"));
		assertThat(page).contains("&quot;HostAccountConfig&quot;")
			.contains("&quot;PluginGUID&quot;: &quot;" + KnownPlugin.KUBERNETES_SECRET.clsid() + "&quot;")
			.contains("&quot;PluginInput&quot;: &quot;apps:webapp01-ccg&quot;")
			.contains("&quot;PortableCcgVersion&quot;: &quot;1&quot;");
		// The bundle holds the plug-in's Secret with its keys and placeholders, never a password.
		String bundle = section(page, "plan-only-bundle");
		assertThat(bundle).contains("kind: &quot;Secret&quot;").contains("name: &quot;webapp01-ccg&quot;")
			.contains("namespace: &quot;apps&quot;").contains("password: &quot;REPLACE-ME&quot;")
			.contains("username: &quot;webapp01-ccg&quot;").doesNotContain("not-exported")
			.contains("kind: &quot;GMSACredentialSpec&quot;");
		assertThat(section(page, "plan-only-commands"))
			.contains("New-ADUser -Name &#39;webapp01-ccg&#39; -SamAccountName &#39;webapp01-ccg&#39;"
					+ " -UserPrincipalName &#39;webapp01-ccg@contoso.com&#39;")
			.contains("-AccountPassword (Read-Host -AsSecureString &#39;Password&#39;)")
			.contains("Add-ADGroupMember -Identity &#39;WebApp01-hosts&#39; -Members &#39;webapp01-ccg&#39;")
			.contains("-Credential (Get-Credential &#39;webapp01-ccg@contoso.com&#39;)")
			.contains("throw &#39;webapp01-ccg may not retrieve the password of WebApp01&#39;")
			// Portable mode ignores the computer accounts typed before switching.
			.doesNotContain("NODE1$");
		assertThat(section(page, "plan-only-kubectl")).contains("kubectl apply");
		assertThat(section(page, "plan-only-notes")).contains("REPLACE-ME").contains("Secret webapp01-ccg in namespace apps");
		assertThat(runCount()).isEqualTo(runsBefore);
		assertThat(planOnlyEvents()).isEqualTo(eventsBefore + 1);
		assertThat(this.jdbc.sql("SELECT details FROM audit_event WHERE action = 'provisioning.plan-only.generate' "
				+ "ORDER BY seq DESC LIMIT 1").query(String.class).single())
			.contains("Portable").contains("KUBERNETES_SECRET");
	}

	@Test
	void portableHostsWithAVaultPlugInGetTheirHostAccountConfigAndNoSecretInTheBundle() throws Exception {
		String aws = body(portable("AWS",
				"{\"credentialArn\":\"arn:aws:secretsmanager:eu-central-1:123456789012:secret:gmsa/webapp01\"}"));
		assertThat(aws).contains("&quot;PluginGUID&quot;: &quot;" + KnownPlugin.AWS.clsid() + "&quot;");
		assertThat(section(aws, "plan-only-bundle")).doesNotContain("kind: &quot;Secret&quot;");
		assertThat(section(aws, "plan-only-notes")).contains("Secrets Manager secret arn:aws:secretsmanager");
		String keyVault = body(portable("AZURE_KEY_VAULT", "ObjectId=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d;"
				+ "SecretUri=https://kv.vault.azure.net/secrets/webapp01"));
		assertThat(keyVault).contains("&quot;PluginGUID&quot;: &quot;" + KnownPlugin.AZURE_KEY_VAULT.clsid() + "&quot;");
		assertThat(section(keyVault, "plan-only-notes")).contains("Key Vault secret https://kv.vault.azure.net/secrets/webapp01");
	}

	@Test
	void aksOnAzureLocalTakesTheAdminsClsidAndRefusesAMissingOrWrongOneOnItsField() throws Exception {
		String clsid = "{6F0C1C5E-3A5B-4E7D-9A41-2B8F0D3C7E19}";
		String page = body(portable("AKS_HCI_SECRET", "apps:webapp01-ccg").param("pluginGuid", clsid)
			.param("secretDelivery", "MANUAL"));
		assertThat(section(page, "plan-only-credspec")).contains("&quot;PluginGUID&quot;: &quot;" + clsid + "&quot;")
			.contains("&quot;PluginInput&quot;: &quot;apps:webapp01-ccg&quot;");
		assertThat(page).contains("value=\"AKS_HCI_SECRET\"").contains("id=\"pluginGuid\"");

		assertRefused(portable("AKS_HCI_SECRET", "apps:webapp01-ccg").param("secretDelivery", "MANUAL"), "pluginGuid",
				"is required for the AKS on Azure Local plug-in");
		assertRefused(portable("AKS_HCI_SECRET", "apps:webapp01-ccg").param("pluginGuid", KnownPlugin.AWS.clsid())
			.param("secretDelivery", "MANUAL"), "pluginGuid", "is the CLSID of the AWS plug-in");
	}

	@Test
	void everyPortableFieldRejectsBadInputNamingTheRule() throws Exception {
		long runsBefore = runCount();
		long eventsBefore = planOnlyEvents();
		assertRefused(form(DOMAIN_SID, "WebApp01").param("hostMode", "PORTABLE"), "portableUser",
				"is required for nodes that are not domain-joined");
		assertRefused(form(DOMAIN_SID, "WebApp01").param("hostMode", "PORTABLE"), "plugin",
				"is required for nodes that are not domain-joined");
		assertRefused(form(DOMAIN_SID, "WebApp01").param("hostMode", "PORTABLE"), "pluginInput",
				"is required for nodes that are not domain-joined");
		assertRefused(form(DOMAIN_SID, "WebApp01").param("hostMode", "ROAMING"), "hostMode",
				"must be one of the listed host modes");
		assertRefused(portable("ccg*)(cn=*", "KUBERNETES_SECRET", "apps:x"), "portableUser",
				"must be letters, digits");
		assertRefused(portable("u".repeat(21), "KUBERNETES_SECRET", "apps:x"), "portableUser",
				"must be at most 20 characters");
		assertRefused(portable("webapp01-ccg", "CUSTOM", "apps:x"), "plugin",
				"must be one of the listed plug-ins");
		assertRefused(portable("KUBERNETES_SECRET", "apps:x\u0000"), "pluginInput", "must not contain control characters");
		assertRefused(portable("KUBERNETES_SECRET", "no-colon"), "pluginInput", "must be &lt;namespace&gt;:&lt;secret name&gt;");
		assertRefused(portable("KUBERNETES_SECRET", "other:webapp01-ccg"), "pluginInput",
				"must read from namespace apps, where the bundle puts the Secret");
		assertRefused(portable("AWS", "arn:aws:secretsmanager:eu-central-1:123456789012:secret:x"), "pluginInput",
				"must be the JSON string");
		assertRefused(portable("KUBERNETES_SECRET", "apps:" + "s".repeat(1000)), "pluginInput",
				"must be at most 1000 characters");
		assertThat(runCount()).isEqualTo(runsBefore);
		assertThat(planOnlyEvents()).isEqualTo(eventsBefore);
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

	private MockHttpServletRequestBuilder portable(String plugin, String pluginInput) {
		return portable("webapp01-ccg", plugin, pluginInput);
	}

	private MockHttpServletRequestBuilder portable(String user, String plugin, String pluginInput) {
		return form(DOMAIN_SID, "WebApp01").param("hostMode", "PORTABLE")
			.param("portableUser", user)
			.param("plugin", plugin)
			.param("pluginInput", pluginInput);
	}

	private void assertRefused(MockHttpServletRequestBuilder request, String field, String rule) throws Exception {
		String page = body(request);
		assertThat(page).as(field).contains("id=\"" + field + "-error\"").doesNotContain("id=\"plan-only-credspec\"");
		assertThat(section(page, field + "-error")).as(field).contains(rule);
	}

	/** The element with this id, up to its closing tag; enough to tell which section a text is in. */
	private static String section(String page, String id) {
		int start = page.indexOf("id=\"" + id + "\"");
		assertThat(start).as("element #%s", id).isNotNegative();
		String tag = page.substring(page.lastIndexOf('<', start) + 1, start).split("\\s")[0];
		return page.substring(start, page.indexOf("</" + tag + ">", start));
	}

	private long runCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run").query(Long.class).single();
	}

	private long planOnlyEvents() {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'provisioning.plan-only.generate'")
			.query(Long.class).single();
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		var response = this.mvc.perform(request.with(user("admin").roles("ADMIN"))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

}
