package org.gmsaportal.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.cluster.ClusterLabels;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole wizard in Debian's Chromium for non-domain-joined hosts, export only: the Samba lab DC gets the
 * identity, no cluster is touched (the mock API server of the other walks is configured and must see no request),
 * and the admin downloads the credential spec, the YAML bundle and the run report, none holding the password.
 */
class WizardExportOnlyLabBrowserTests extends LabWizardSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	DirectoryConnections connections;

	@Autowired
	Directory directory;

	@Autowired
	ProvisioningService provisioning;

	@Test
	void anAdminProvisionsAPortableIdentityExportOnlyAndDownloadsTheArtifacts() throws IOException {
		String name = freshName("ex");
		int clusterRequests = CLUSTER.server.getRequestCount();
		String runId;
		String password;
		String credSpec;
		String bundle;
		String report;
		try (BrowserContext context = LabServices.newContext(browser, new Browser.NewContextOptions().setViewportSize(1280, 800)
			.setAcceptDownloads(true))) {
			Page page = signedInAtWizard(context);
			connectionsAndForest(page, "");

			page.locator("#gmsaName").fill(name);
			page.locator("#dnsHostName").fill(name + ".lab.test");
			page.locator("#groupName").fill(name + "-hosts");
			page.locator("input[name=hostMode][value=PORTABLE]").check();
			page.locator("#portableUser").fill(name + "-ccg");
			page.locator("#plugin").selectOption("KUBERNETES_SECRET");
			page.locator("#pluginInput").fill("apps:" + name + "-ccg");
			// An export: the Secret goes into the bundle for a person to apply.
			page.locator("input[name=secretDelivery][value=MANUAL]").check();
			page.locator("#next").click();
			assertThat(page.locator("#credspec-json")).containsText("\"PluginInput\": \"apps:" + name + "-ccg\"");
			page.locator("#next").click();

			exportTarget(page, "apps", "webapp", name + "-spec");
			assertThat(page.locator("#plan-steps")).containsText("EXPORT_BUNDLE");
			assertThat(page.locator("#plan-steps")).not().containsText("APPLY_TO_CLUSTER");
			runId = runAndAwaitSuccess(page);

			page.locator("#reveal-password").click();
			password = page.locator("#password-value").textContent().strip();
			page.navigate(url("/runs/" + runId));
			// One name per download: New-CredentialSpec's own for the spec, the resource name's for the bundle.
			credSpec = download(page, "#artifact-GENERATE_CREDSPEC", "lab_" + name.toLowerCase() + ".json");
			bundle = download(page, "#artifact-EXPORT_BUNDLE", name + "-spec-bundle.yaml");
			report = download(page, "#run-report", name + "-run-report.json");
		}

		// The credential spec names the lab domain and the gMSA, and the plug-in that reads the Secret.
		JsonNode spec = JSON.readTree(credSpec);
		assertThat(spec.at("/DomainJoinConfig/DnsName").asString()).isEqualTo("lab.test");
		assertThat(spec.at("/DomainJoinConfig/NetBiosName").asString()).isEqualTo("LAB");
		assertThat(spec.at("/DomainJoinConfig/MachineAccountName").asString()).isEqualTo(name);
		assertThat(spec.at("/ActiveDirectoryConfig/GroupManagedServiceAccounts/0/Name").asString()).isEqualTo(name);
		assertThat(spec.at("/ActiveDirectoryConfig/HostAccountConfig/PluginInput").asString())
			.isEqualTo("apps:" + name + "-ccg");

		// The bundle parses as Kubernetes objects; the identity Secret carries placeholders, not the password.
		List<HasMetadata> objects = CLUSTER.client.load(new ByteArrayInputStream(bundle.getBytes())).items();
		assertThat(objects).extracting(HasMetadata::getKind).contains("GMSACredentialSpec", "ClusterRole", "RoleBinding",
				"Secret");
		GenericKubernetesResource exported = (GenericKubernetesResource) objects.stream()
			.filter((o) -> o.getKind().equals("GMSACredentialSpec")).findFirst().orElseThrow();
		assertThat(exported.getMetadata().getName()).isEqualTo(name + "-spec");
		assertThat(((Map<?, ?>) exported.getAdditionalProperties().get("credspec")).toString()).contains("lab.test");
		Secret secret = (Secret) objects.stream().filter((o) -> o.getKind().equals("Secret")).findFirst().orElseThrow();
		// The password is a placeholder; the user and the domain are filled in, as they are no secret.
		assertThat(secret.getStringData()).containsExactlyInAnyOrderEntriesOf(
				Map.of("username", name + "-ccg", "password", "REPLACE-ME", "domainName", "lab.test"));
		assertThat(List.of(credSpec, bundle, report)).noneMatch((text) -> text.contains(password));

		JsonNode run = JSON.readTree(report);
		assertThat(run.get("runId").asString()).isEqualTo(runId);
		assertThat(run.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(run.get("steps").size()).isEqualTo(this.provisioning.run(runId).orElseThrow().steps().size());

		// The lab DC holds the identity, and the portable user can read the managed password.
		String group = "(sAMAccountName=" + name + "-hosts)";
		assertThat(ldb(group, "member")).containsExactly("CN=" + name + "-ccg,CN=Users,DC=lab,DC=test");
		String groupSid = ldb(group, "objectSid").get(0);
		assertThat(ldb("(sAMAccountName=" + name + "$)", "msDS-GroupMSAMembership")).singleElement().asString()
			.containsPattern("\\(A;[^)]*;;;" + groupSid + "\\)");
		assertThat(this.directory.proveRetrieval("lab", name, name + "-ccg", SecretValue.of(password), null).result())
			.isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);

		// No cluster was touched: the configured mock API server saw no request and holds nothing of this run.
		assertThat(CLUSTER.server.getRequestCount()).isEqualTo(clusterRequests);
		assertThat(CLUSTER.client.secrets().inAnyNamespace().withLabel(ClusterLabels.RUN_ID, runId).list().getItems())
			.isEmpty();
		RunView view = this.provisioning.run(runId).orElseThrow();
		assertThat(view.steps()).extracting(RunView.StepView::kind).contains(StepKind.EXPORT_BUNDLE)
			.doesNotContain(StepKind.CLUSTER_PREFLIGHT, StepKind.APPLY_TO_CLUSTER, StepKind.VERIFY_WORKLOAD);
		List<AuditRow> events = eventsOf(runId);
		assertThat(events).extracting(AuditRow::action).noneMatch((a) -> a.startsWith("cluster."));
		for (RunView.StepView step : view.steps()) {
			assertThat(events).as("events of step %s", step.kind())
				.anyMatch((e) -> e.action().equals(step.kind().auditAction())
						&& e.details().contains("\"" + step.state().name() + "\""));
		}
		assertThat(events).extracting(AuditRow::details).noneMatch((d) -> d.contains(password));
		assertThat(this.auditLog.verify().intact()).isTrue();
	}

	/** Clicks a download link and returns the file's text, checking the name the portal suggests. */
	private static String download(Page page, String link, String fileName) throws IOException {
		Download download = page.waitForDownload(() -> page.locator(link).click());
		assertThat(download.suggestedFilename()).isEqualTo(fileName);
		return Files.readString(download.path());
	}

}
