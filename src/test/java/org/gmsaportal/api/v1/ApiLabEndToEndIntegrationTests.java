package org.gmsaportal.api.v1;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.credspec.HostAccountConfig;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.AccountMaintenance;
import org.gmsaportal.directory.DirectoryConnection;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API end to end over real HTTP against the Samba lab DC and fabric8's mock API server (see
 * {@link ApiLabSupport}): one client files, a second approves, the request is polled to SUCCEEDED, the
 * signed callbacks are verified by a receiver like an integrator's, the credential spec is the wizard's,
 * and LDAP, the cluster and the audit trail are checked, through decommission.
 */
class ApiLabEndToEndIntegrationTests extends ApiLabSupport {

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	AccountMaintenance accounts;

	@Test
	void aPortableRequestFiledApprovedAndDecommissionedThroughTheApi() throws Exception {
		String name = "e" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		String ticket = "RITM" + name.substring(1, 8).toUpperCase();
		String pluginInput = "app-ns:" + name + "-ccg";
		String body = """
				{ "directory": "lab",
				  "account": { "name": "%1$s", "servicePrincipalNames": ["HTTP/%1$s.lab.test"], "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "portable", "portableUser": "%1$s-ccg",
				             "plugin": { "type": "kubernetesSecret", "input": "%2$s" } },
				  "cluster": { "connection": "mock", "namespace": "app-ns", "serviceAccount": "webapp-sa",
				               "credentialSpecName": "%1$s-spec" },
				  "ticket": { "system": "servicenow", "key": "%3$s", "url": "https://sn.example.com/ritm/%3$s" },
				  "callbackUrl": "%4$s" }
				""".formatted(name, pluginInput, ticket, this.receiver.url());

		ApiHttp.Answer filed = this.http.post("/api/v1/provisioning-requests", this.filer.token(), "k-" + name, body);
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
		JsonNode request = filed.json();
		String id = request.get("id").asString();
		assertThat(request.get("status").asString()).isEqualTo("PENDING_APPROVAL");
		assertThat(request.get("plan").get("steps").findValuesAsString("description"))
			.anyMatch(d -> d.contains("CN=" + name + ",CN=Managed Service Accounts,DC=lab,DC=test"));
		String self = "/api/v1/provisioning-requests/" + id;
		// The poller sends the status it finds when it looks, so a status that lasts less than one poll may be
		// passed over: the integrator sees PENDING_APPROVAL before the approval only if a poll came between them.
		awaitCallback(id, "PENDING_APPROVAL");

		ApiHttp.Answer approved = this.http.post(self + "/approval", this.approver.token(), null,
				"{\"planHash\":\"" + request.get("planHash").asString() + "\",\"reason\":\"CAB approved\"}");
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		String runId = approved.json().get("runId").asString();

		JsonNode done = awaitStatus(self, this.filer.token(), "SUCCEEDED");
		assertThat(done.get("steps").findValuesAsString("state")).isSubsetOf("SUCCEEDED", "SKIPPED");
		awaitCallback(id, "SUCCEEDED");
		List<String> statuses = this.receiver.statuses(id);
		assertThat(statuses).first().isEqualTo("PENDING_APPROVAL");
		assertThat(statuses).last().isEqualTo("SUCCEEDED");
		assertThat(statuses).doesNotHaveDuplicates().isSubsetOf(RequestStatus.ALL.stream().map(Enum::name).toList());
		assertThat(this.receiver.rejected).as("every delivery carried a valid signature").isZero();
		assertThat(this.receiver.events(id)).allSatisfy(e -> assertThat(e.get("ticket").get("key").asString())
			.isEqualTo(ticket));

		// The credential spec is exactly what the wizard's generator writes from the DC's live facts.
		ApiHttp.Answer spec = this.http.get(self + "/credential-spec", this.filer.token());
		assertThat(spec.status()).isEqualTo(200);
		HostAccountPreset preset = HostAccountPreset.from(new HostAccountConfig(HostAccountConfig.PORTABLE_CCG_VERSION,
				KnownPlugin.KUBERNETES_SECRET.clsid(), pluginInput));
		assertThat(spec.body()).isEqualTo(expectedCredentialSpec(name, preset));
		assertThat(spec.body()).isEqualTo(this.provisioning.run(runId).orElseThrow().steps().stream()
			.filter(s -> s.kind() == StepKind.GENERATE_CREDSPEC).findFirst().orElseThrow().artifact());

		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		assertThat(this.accounts.find(lab, "group", "GmsaHosts-" + name)).as("the wizard's default group").isPresent();
		assertThat(this.accounts.find(lab, "gMSA", name)).isPresent();
		assertThat(this.accounts.find(lab, "user", name + "-ccg")).isPresent();
		assertThat(cluster.client.genericKubernetesResources("windows.k8s.io/v1", "GMSACredentialSpec")
			.withName(name + "-spec").get()).isNotNull();
		assertThat(cluster.client.rbac().clusterRoles().list().getItems())
			.anyMatch(r -> r.getRules().stream().anyMatch(rule -> rule.getVerbs().contains("use")
					&& rule.getResourceNames().contains(name + "-spec")));
		assertThat(cluster.client.rbac().roleBindings().inNamespace("app-ns").list().getItems())
			.anyMatch(b -> b.getSubjects().stream().anyMatch(s -> "webapp-sa".equals(s.getName()))
					&& b.getRoleRef().getName().contains(name));
		assertThat(cluster.client.secrets().inNamespace("app-ns").withName(name + "-ccg").get()).isNotNull();

		assertAudited(id, runId, ticket);

		ApiHttp.Answer removal = this.http.post(self + "/decommission", this.filer.token(), null, null);
		assertThat(removal.status()).as(removal.body()).isEqualTo(201);
		assertThat(removal.json().get("status").asString()).as("a decommission waits for approval too")
			.isEqualTo("PENDING_APPROVAL");
		String removalSelf = "/api/v1/provisioning-requests/" + removal.json().get("id").asString();
		ApiHttp.Answer removalApproved = this.http.post(removalSelf + "/approval", this.approver.token(), null,
				"{\"planHash\":\"" + removal.json().get("planHash").asString() + "\"}");
		assertThat(removalApproved.status()).as(removalApproved.body()).isEqualTo(200);
		awaitStatus(removalSelf, this.filer.token(), "SUCCEEDED");
		assertThat(this.http.get(self, this.filer.token()).json().get("status").asString()).isEqualTo("DECOMMISSIONED");
		awaitCallback(id, "DECOMMISSIONED");

		assertThat(this.accounts.find(lab, "gMSA", name)).isEmpty();
		assertThat(this.accounts.find(lab, "user", name + "-ccg")).isEmpty();
		assertThat(this.accounts.find(lab, "group", "GmsaHosts-" + name)).isEmpty();
		assertThat(cluster.client.genericKubernetesResources("windows.k8s.io/v1", "GMSACredentialSpec")
			.withName(name + "-spec").get()).isNull();
		assertThat(cluster.client.secrets().inNamespace("app-ns").withName(name + "-ccg").get()).isNull();
		assertThat(cluster.client.rbac().roleBindings().inNamespace("app-ns").list().getItems())
			.noneMatch(b -> b.getRoleRef().getName().contains(name));
		assertThat(cluster.client.rbac().clusterRoles().list().getItems())
			.noneMatch(r -> r.getRules().stream().anyMatch(rule -> rule.getResourceNames().contains(name + "-spec")));
		assertChainValid();
	}

	@Test
	void aDomainJoinedRequestPutsTheLabComputerInTheGroupAndExportsTheBundle() throws Exception {
		String name = "d" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		String computer = "N" + name.substring(1, 9).toUpperCase();
		Path labDir = Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent();
		Process add = new ProcessBuilder("samba-tool", "computer", "add", computer, "-s",
				labDir.resolve("etc/smb.conf").toString()).redirectErrorStream(true).start();
		assertThat(add.waitFor()).as(new String(add.getInputStream().readAllBytes())).isZero();
		String body = """
				{ "directory": "lab", "account": { "name": "%s", "encryptionTypes": ["AES128", "AES256"] },
				  "hosts": { "mode": "domainJoined", "group": "%s-hosts", "members": ["%s$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" },
				  "ticket": { "system": "jira", "key": "OPS-%s" } }
				""".formatted(name, name, computer, name.substring(1, 6));

		ApiHttp.Answer filed = this.http.post("/api/v1/provisioning-requests", this.filer.token(), "k-" + name, body);
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
		String self = "/api/v1/provisioning-requests/" + filed.json().get("id").asString();
		ApiHttp.Answer approved = this.http.post(self + "/approval", this.approver.token(), null, null);
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);

		JsonNode done = awaitStatus(self, this.filer.token(), "SUCCEEDED");
		assertThat(done.get("steps")).filteredOn(s -> s.get("kind").asString().equals("ENSURE_MEMBERSHIP"))
			.singleElement().satisfies(s -> assertThat(s.get("detail").asString()).contains("CN=" + computer));
		ApiHttp.Answer spec = this.http.get(self + "/credential-spec", this.filer.token());
		assertThat(spec.body()).as("domain-joined hosts: no HostAccountConfig").isEqualTo(expectedCredentialSpec(name, null));
		ApiHttp.Answer manifests = this.http.get(self + "/manifests", this.filer.token());
		assertThat(manifests.status()).isEqualTo(200);
		assertThat(manifests.body()).contains("kind: \"GMSACredentialSpec\"").contains("namespace: \"web\"");
		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		assertThat(this.accounts.find(lab, "gMSA", name)).isPresent();
		assertThat(this.accounts.find(lab, "group", name + "-hosts")).isPresent();
		assertChainValid();
	}

	/** The filing and approval name their clients; the run names its approver; every event names the ticket. */
	private void assertAudited(String requestId, String runId, String ticket) throws Exception {
		List<JsonNode> requestEvents = events(requestId);
		assertThat(requestEvents).filteredOn(e -> e.get("action").asString().equals("api.request.filed"))
			.singleElement().satisfies(e -> assertThat(actor(e)).isEqualTo(this.filer.client().name() + "/API_CLIENT"));
		assertThat(requestEvents).filteredOn(e -> e.get("action").asString().equals("api.request.approved"))
			.singleElement()
			.satisfies(e -> assertThat(actor(e)).isEqualTo(this.approver.client().name() + "/API_CLIENT"));
		assertThat(requestEvents).filteredOn(e -> e.get("action").asString().equals("api.callback.delivered"))
			.isNotEmpty();
		assertThat(requestEvents).allSatisfy(e -> assertThat(e.get("ticketRef").asString()).isEqualTo(ticket));

		List<JsonNode> runEvents = events(runId);
		assertThat(runEvents).filteredOn(e -> e.get("action").asString().equals("provisioning.run.started"))
			.singleElement().satisfies(e -> {
				assertThat(actor(e)).isEqualTo(this.approver.client().name() + "/API_CLIENT");
				assertThat(e.get("details").get("approvedBy").asString()).isEqualTo(this.approver.client().name());
			});
		assertThat(runEvents).extracting(e -> e.get("action").asString())
			.contains("directory.gmsa.ensure", "directory.user.ensure", "directory.gmsa.password-proof",
					"cluster.object.apply");
		assertThat(runEvents).allSatisfy(e -> assertThat(e.get("ticketRef").asString()).isEqualTo(ticket));
		assertChainValid();
	}

	private static String actor(JsonNode event) {
		return event.get("actor").asString() + "/" + event.get("actorKind").asString();
	}

}
