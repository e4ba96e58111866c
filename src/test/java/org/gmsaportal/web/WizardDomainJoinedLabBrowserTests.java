package org.gmsaportal.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.cluster.ClusterLabels;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepState;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole wizard in Debian's Chromium for domain-joined hosts: a computer account the test adds to the Samba
 * lab DC with a password it knows, and the fabric8 mock API server as the cluster (a real one cannot run on
 * these machines). Afterwards the DC's own database shows the group holding the computer and the gMSA as
 * requested, the computer itself can read msDS-ManagedPassword, the cluster holds the domain-joined credspec
 * (no plug-in) with its role and binding, and the audit chain verifies with every step under the run id.
 */
class WizardDomainJoinedLabBrowserTests extends LabWizardSupport {

	@Autowired
	DirectoryConnections connections;

	@Autowired
	Directory directory;

	@Autowired
	ProvisioningService provisioning;

	@Test
	void anAdminProvisionsAGmsaForADomainJoinedLabComputerThroughTheWizard() {
		String name = freshName("dj");
		String computer = "N" + name.substring(2).toUpperCase();
		String computerPassword = "Lab-" + UUID.randomUUID() + "-Aa1!";
		String smbConf = Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent().resolve("etc/smb.conf")
			.toString();
		run("samba-tool", "computer", "add", computer, "-s", smbConf);
		// A joined node knows its machine password; the test sets one so it can sign in as that node.
		run("samba-tool", "user", "setpassword", computer + "$", "--newpassword=" + computerPassword, "-s", smbConf);

		String runId;
		try (BrowserContext context = LabServices.newContext(browser, new Browser.NewContextOptions().setViewportSize(1280, 800))) {
			Page page = signedInAtWizard(context);
			connectionsAndForest(page, "mock");

			page.locator("#gmsaName").fill(name);
			page.locator("#dnsHostName").fill(name + ".lab.test");
			page.locator("#spns").fill("HTTP/" + name + ".lab.test\nHTTP/" + name);
			page.locator("#groupName").fill(name + "-hosts");
			page.locator("input[name=hostMode][value=DOMAIN_JOINED]").check();
			// The admin finds the node by searching the lab DC, as in production, and adds it from the results.
			page.locator("#computerSearch").fill(computer.substring(0, computer.length() - 2));
			page.locator("#computer-search-button").click();
			page.locator("button.add-computer[data-account='" + computer + "$']").click();
			assertThat(page.locator("#computerAccounts")).hasValue(computer + "$");
			page.locator("#next").click();

			// Domain-joined nodes use their own accounts: the credspec names no plug-in.
			assertThat(page.locator("#credspec-json")).containsText("\"DnsName\": \"lab.test\"");
			assertThat(page.locator("#credspec-json")).not().containsText("HostAccountConfig");
			page.locator("#next").click();

			cluster(page, "app-ns", "webapp-sa", name + "-spec");

			assertThat(page.locator("#plan-steps")).containsText(computer + "$ in " + name + "-hosts");
			runId = runAndAwaitSuccess(page);
			assertThat(page.locator("#password-waiting")).hasCount(0);
		}

		// The group holds the computer, and the gMSA lets exactly that group retrieve its password.
		String group = "(sAMAccountName=" + name + "-hosts)";
		assertThat(ldb(group, "distinguishedName")).containsExactly("CN=" + name + "-hosts,CN=Users,DC=lab,DC=test");
		assertThat(ldb(group, "member")).containsExactly("CN=" + computer + ",CN=Computers,DC=lab,DC=test");
		String groupSid = ldb(group, "objectSid").get(0);
		String gmsa = "(sAMAccountName=" + name + "$)";
		assertThat(ldb(gmsa, "objectClass")).contains("msDS-GroupManagedServiceAccount");
		assertThat(ldb(gmsa, "dNSHostName")).containsExactly(name.toLowerCase() + ".lab.test");
		// Samba adds host/ SPNs of its own for the DNS host name; the requested ones must be among them.
		assertThat(ldb(gmsa, "servicePrincipalName")).contains("HTTP/" + name + ".lab.test", "HTTP/" + name);
		// ldbsearch shows the security descriptor as SDDL: an allow ACE for the group's SID.
		assertThat(ldb(gmsa, "msDS-GroupMSAMembership")).singleElement().asString()
			.containsPattern("\\(A;[^)]*;;;" + groupSid + "\\)");
		// The node, signed in with its own machine password, reads the managed password as ccg.exe would.
		assertThat(this.directory.proveRetrieval("lab", name, computer + "$", SecretValue.of(computerPassword), null)
			.result()).isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);

		GenericKubernetesResource spec = CLUSTER.client.genericKubernetesResources("windows.k8s.io/v1", "GMSACredentialSpec")
			.withName(name + "-spec").get();
		assertThat(spec).isNotNull();
		assertThat(spec.getMetadata().getLabels()).containsEntry(ClusterLabels.RUN_ID, runId);
		Map<String, Object> credspec = map(spec.getAdditionalProperties().get("credspec"));
		Map<String, Object> ad = map(credspec.get("ActiveDirectoryConfig"));
		assertThat(ad).doesNotContainKey("HostAccountConfig");
		assertThat(ad.get("GroupManagedServiceAccounts").toString()).contains("Name=" + name);
		assertThat(credspec.get("CmsPlugins")).isEqualTo(List.of("ActiveDirectory"));
		ClusterRole role = CLUSTER.client.rbac().clusterRoles().withName(name + "-spec-gmsa-use").get();
		assertThat(role.getRules()).singleElement().satisfies((rule) -> {
			assertThat(rule.getVerbs()).containsExactly("use");
			assertThat(rule.getResourceNames()).containsExactly(name + "-spec");
		});
		RoleBinding binding = CLUSTER.client.rbac().roleBindings().inNamespace("app-ns")
			.withName("allow-webapp-sa-use-" + name + "-spec").get();
		assertThat(binding.getSubjects()).singleElement().satisfies((s) -> assertThat(s.getName()).isEqualTo("webapp-sa"));
		assertThat(binding.getRoleRef().getName()).isEqualTo(name + "-spec-gmsa-use");
		// No portable identity: no secret anywhere carries this run's label.
		assertThat(CLUSTER.client.secrets().inAnyNamespace().withLabel(ClusterLabels.RUN_ID, runId).list().getItems())
			.isEmpty();

		RunView run = this.provisioning.run(runId).orElseThrow();
		List<AuditRow> events = eventsOf(runId);
		for (RunView.StepView step : run.steps()) {
			assertThat(step.state()).as("%s", step.kind()).isIn(StepState.SUCCEEDED, StepState.SKIPPED);
			assertThat(events).as("events of step %s", step.kind())
				.anyMatch((e) -> e.action().equals(step.kind().auditAction())
						&& e.details().contains("\"" + step.state().name() + "\""));
		}
		assertThat(events).extracting(AuditRow::action)
			.contains("directory.group.ensure", "directory.gmsa.ensure", "directory.group-membership.ensure",
					"cluster.object.apply", "provisioning.run.succeeded")
			.doesNotContain("directory.user.ensure");
		assertThat(this.auditLog.verify().intact()).isTrue();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
