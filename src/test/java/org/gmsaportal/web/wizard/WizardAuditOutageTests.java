package org.gmsaportal.web.wizard;

import java.util.UUID;

import org.gmsaportal.support.FakeDirectoryConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The wizard's approval while the audit trail cannot be written, for real: the chain head table is renamed away
 * in this context's private database, so the trail's own writes fail as they would with a lost table. The page is
 * a 503 saying nothing was changed and what to check (not a 500), no run is stored, and health says the audit
 * trail is DOWN with the reason, until a write works again. The directory is the stand-in {@code FakeDirectory}:
 * the outage is the database's, not the DC's.
 */
@SpringBootTest(properties = { "gmsa.directory.connections.lab.urls=ldaps://dc1.lab.test:636",
		"gmsa.directory.connections.lab.domain=lab.test", "management.endpoint.health.cache.time-to-live=0" })
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class WizardAuditOutageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	private final MockHttpSession session = new MockHttpSession();

	private final String name = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	@Test
	void anApprovalThatCannotBeAuditedIsA503PageSayingNothingChangedAndHealthSaysWhy() throws Exception {
		assertThat(auditHealth().get("status").asString()).isEqualTo("UP");
		toReview();
		String review = send(get("/wizard/review")).getContentAsString();
		MockHttpServletRequestBuilder approve = post("/wizard/run")
			.param("planHash", review.replaceAll("(?s).*id=\"plan-hash\">([0-9a-f]{64})<.*", "$1"))
			.param("reviewToken", review.replaceAll("(?s).*name=\"reviewToken\" value=\"([0-9a-f-]{36})\".*", "$1"));
		long runs = runCount();

		this.jdbc.sql("ALTER TABLE audit_chain_head RENAME TO audit_chain_head_away").update();
		try {
			MockHttpServletResponse refused = send(approve);
			assertThat(refused.getStatus()).isEqualTo(503);
			assertThat(refused.getContentAsString()).contains("id=\"audit-unavailable\"")
				.contains("Nothing was changed: the audit trail cannot be written")
				.contains("so nothing was changed")
				.contains("Check that the portal&#39;s database is reachable and writable")
				.doesNotContainIgnoringCase("exception").doesNotContain("AUDIT_CHAIN_HEAD");
			assertThat(runCount()).isEqualTo(runs);

			assertThat(health().getStatus()).isEqualTo(503);
			JsonNode down = auditHealth();
			assertThat(down.get("status").asString()).isEqualTo("DOWN");
			assertThat(down.get("details").get("reason").asString()).startsWith("the audit trail cannot be written (")
				.contains("check that the database is reachable and writable");
		}
		finally {
			this.jdbc.sql("ALTER TABLE audit_chain_head_away RENAME TO audit_chain_head").update();
		}

		// The table is back, but no write has worked since the failure: health still says so, with the cause.
		JsonNode stillDown = auditHealth();
		assertThat(stillDown.get("status").asString()).isEqualTo("DOWN");
		assertThat(stillDown.get("details").get("reason").asString()).contains("the last audit event could not be written (");
		MockHttpServletResponse started = send(approve);
		assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(302);
		assertThat(started.getRedirectedUrl()).startsWith("/runs/");
		assertThat(runCount()).isEqualTo(runs + 1);
		assertThat(auditHealth().get("status").asString()).isEqualTo("UP");
	}

	private void toReview() throws Exception {
		redirects(post("/wizard/connections").param("directoryConnection", "lab").param("clusterConnection", ""));
		redirects(post("/wizard/forest").param("kdsRootKey", "USE_EXISTING"));
		redirects(post("/wizard/identity").param("gmsaName", this.name)
			.param("dnsHostName", this.name + ".contoso.com")
			.param("encryptionTypes", "AES256_CTS_HMAC_SHA1_96")
			.param("groupName", this.name + "-hosts")
			.param("hostMode", "DOMAIN_JOINED")
			.param("computerAccounts", "NODE1$"));
		redirects(post("/wizard/credspec"));
		redirects(post("/wizard/cluster").param("namespace", "apps").param("serviceAccount", "webapp")
			.param("credSpecName", this.name + "-spec"));
	}

	private void redirects(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = send(request);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(302);
	}

	private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.session(this.session).with(user("admin-outage").roles("ADMIN")).with(csrf()))
			.andReturn()
			.getResponse();
	}

	private MockHttpServletResponse health() throws Exception {
		return this.mvc.perform(get("/actuator/health").with(user("auditor-outage").roles("AUDITOR"))).andReturn()
			.getResponse();
	}

	/** The audit trail's part of health (the stand-in directory's connection is DOWN here, so the whole is too). */
	private JsonNode auditHealth() throws Exception {
		return this.json.readTree(health().getContentAsString()).get("components").get("auditTrail");
	}

	private long runCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run").query(Long.class).single();
	}

}
