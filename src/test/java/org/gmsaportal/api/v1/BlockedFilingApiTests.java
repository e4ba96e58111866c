package org.gmsaportal.api.v1;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A filing the plan already blocks is refused at filing (409, nothing filed), each blocker on its body field:
 * a gMSA name a portal run owns names that run, its ticket and its page. The directory is {@code FakeDirectory}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class BlockedFilingApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	FakeDirectory directory;

	@Test
	void aFilingForANameAPortalRunOwnsIsRefusedNamingTheRunAndItsTicket() throws Exception {
		String name = "blk" + UUID.randomUUID().toString().substring(0, 8);
		ProvisioningRequest first = new ProvisioningRequest("lab", name, name + ".contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "GmsaHosts-" + name,
				new Hosts.DomainJoined(List.of("NODE1$")), new Target.ExportOnly("web", "default", name + "-spec"),
				"RITM0400");
		Plan plan = this.provisioning.plan(first);
		String owner = this.provisioning.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		assertThat(Waiting.forRun(this.provisioning, owner).state()).isEqualTo(RunState.SUCCEEDED);

		MockHttpServletResponse refused = file(name, "hosts-ok");
		assertThat(refused.getStatus()).isEqualTo(409);
		JsonNode problem = this.json.readTree(refused.getContentAsString());
		assertThat(problem.get("errors")).singleElement().satisfies(error -> {
			assertThat(error.get("field").asString()).isEqualTo("account.name");
			assertThat(error.get("rule").asString()).contains("portal run " + owner, "ticket RITM0400");
		});
		assertThat(problem.get("ownerRun").get("id").asString()).isEqualTo(owner);
		assertThat(problem.get("ownerRun").get("href").asString()).isEqualTo("/runs/" + owner);
		assertThat(problem.get("ownerRun").get("ticket").asString()).isEqualTo("RITM0400");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM api_request WHERE idempotency_key = ?").param("hosts-ok")
			.query(Long.class).single()).isZero();
	}

	@Test
	void aFurtherGmsaTheHostsCannotRetrieveIsRefusedOnItsField() throws Exception {
		String name = "add" + UUID.randomUUID().toString().substring(0, 8);
		this.directory.gmsas.put("logok", new Directory.GmsaSpec("LogOk", "logok.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), "GmsaHosts-" + name));
		MockHttpServletResponse refused = filing(name, "additional-" + name, """
				{ "directory": "lab", "account": { "name": "%s", "additionalAccounts": ["LogOk", "NoSuchGmsa"] },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] } }
				""".formatted(name));

		assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(409);
		assertThat(this.json.readTree(refused.getContentAsString()).get("errors")).singleElement()
			.satisfies(error -> {
				assertThat(error.get("field").asString()).isEqualTo("account.additionalAccounts[1]");
				assertThat(error.get("rule").asString()).contains("Further gMSA NoSuchGmsa does not exist");
			});
	}

	@Test
	void aDockerHostsFilingAndAPlatformBundleArePlannedAsTheirTargetsNeed() throws Exception {
		String name = "dck" + UUID.randomUUID().toString().substring(0, 8);
		MockHttpServletResponse docker = filing(name, "docker-" + name, """
				{ "directory": "lab", "account": { "name": "%s" },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] }, "docker": {} }
				""".formatted(name));
		assertThat(docker.getStatus()).as(docker.getContentAsString()).isEqualTo(201);
		assertThat(docker.getContentAsString()).contains("PLACE_ON_DOCKER_HOSTS").doesNotContain("EXPORT_BUNDLE");

		String aks = "aks" + UUID.randomUUID().toString().substring(0, 8);
		MockHttpServletResponse bundle = filing(aks, "aks-" + aks, """
				{ "directory": "lab", "account": { "name": "%s" },
				  "hosts": { "mode": "portable", "portableUser": "%s-ccg", "secretDelivery": "manual", "plugin": {
				    "type": "azureKeyVault", "input":
				    "ObjectId=11111111-2222-3333-4444-555555555555;SecretUri=https://kv1.vault.azure.net/secrets/ccg" } },
				  "cluster": { "exportOnly": true, "platform": "aks" } }
				""".formatted(aks, aks));
		assertThat(bundle.getStatus()).as(bundle.getContentAsString()).isEqualTo(201);
		assertThat(bundle.getContentAsString()).contains("with the steps of platform AKS");
	}

	private MockHttpServletResponse file(String name, String key) throws Exception {
		return filing(name, key, """
				{ "directory": "lab", "account": { "name": "%s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" },
				  "ticket": { "system": "servicenow", "key": "RITM0500" } }
				""".formatted(name));
	}

	private MockHttpServletResponse filing(String name, String key, String body) throws Exception {
		String token = "Bearer " + this.clients.create("c-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of()).token();
		return this.mvc.perform(post("/api/v1/provisioning-requests").header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON).content(body).header(HttpHeaders.AUTHORIZATION, token))
			.andReturn().getResponse();
	}

}
