package org.gmsaportal.web.clients;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The API clients pages: an ADMIN creates a client and sees its secrets once, and revokes it after a
 * confirmation; an AUDITOR sees the list and nothing secret, and cannot change anything.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApiClientsPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdminCreatesAClientAndSeesTheTokenExactlyOnce() throws Exception {
		String name = "jira-" + UUID.randomUUID();
		MvcResult created = this.mvc.perform(post("/api-clients").with(admin()).with(csrf())
			.param("name", name).param("scopes", "REQUESTS_WRITE", "AUDIT_READ").param("expiresOn", "2099-12-31")
			.param("callbackHosts", "hooks.example.com\nJira.Example.com")).andReturn();
		assertThat(created.getResponse().getStatus()).isEqualTo(302);
		String token = (String) created.getFlashMap().get("token");
		assertThat(token).startsWith("gmsap_");
		ApiClient client = this.clients.list().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
		assertThat(client.scopes()).containsExactlyInAnyOrder(ApiScope.REQUESTS_WRITE, ApiScope.AUDIT_READ);
		assertThat(client.callbackHosts()).containsExactly("hooks.example.com", "jira.example.com");
		String page = "/api-clients/" + client.id() + "/created";
		assertThat(created.getResponse().getRedirectedUrl()).isEqualTo(page);

		// The token and signing secret wait for the next page in the session, which is kept in the database for every
		// instance: sealed there, never readable.
		String secret = (String) created.getFlashMap().get("signingSecret");
		Cookie session = created.getResponse().getCookie("JSESSIONID");
		assertThat(session).isNotNull();
		assertThat(this.jdbc.sql("SELECT attribute_bytes FROM spring_session_attributes").query(byte[].class).list())
			.isNotEmpty()
			.allSatisfy((bytes) -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(token)
				.doesNotContain(secret));
		String first = this.mvc.perform(get(page).with(admin()).cookie(session)).andReturn()
			.getResponse().getContentAsString();
		assertThat(first).contains(token, secret);
		MockHttpServletResponse again = this.mvc.perform(get(page).with(admin()).cookie(session)).andReturn()
			.getResponse();
		assertThat(again.getContentAsString()).doesNotContain("gmsap_").contains("no longer shown");
		assertThat(again.getHeader("Cache-Control")).contains("no-store");
		String list = this.mvc.perform(get("/api-clients").with(admin())).andReturn().getResponse().getContentAsString();
		assertThat(list).contains(name, "requests:write").doesNotContain(token);
	}

	@Test
	void badInputComesBackWithInlineErrorsAndCreatesNothing() throws Exception {
		int before = this.clients.list().size();
		MockHttpServletResponse response = this.mvc.perform(post("/api-clients").with(admin()).with(csrf())
			.param("name", "<script>").param("expiresOn", "2001-01-01").param("callbackHosts", "http://x/ bad_host"))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("correct the highlighted fields",
				"may contain only letters, digits", "choose at least one scope", "must be a date in the future",
				"must be at most 20 host names", "&lt;script&gt;").doesNotContain("<script>");
		MockHttpServletResponse unparsable = this.mvc.perform(post("/api-clients").with(admin()).with(csrf())
			.param("name", "ok-name").param("scopes", "NOT_A_SCOPE").param("expiresOn", "tomorrow"))
			.andReturn().getResponse();
		assertThat(unparsable.getStatus()).isEqualTo(200);
		assertThat(unparsable.getContentAsString()).contains("correct the highlighted fields");
		assertThat(this.clients.list()).hasSize(before);
	}

	@Test
	void aDuplicateNameIsAnInlineError() throws Exception {
		String name = "dup-" + UUID.randomUUID();
		this.clients.create(name, Set.of(ApiScope.AUDIT_READ), null, List.of());
		String body = this.mvc.perform(post("/api-clients").with(admin()).with(csrf()).param("name", name)
			.param("scopes", "AUDIT_READ")).andReturn().getResponse().getContentAsString();
		assertThat(body).contains("already exists");
	}

	@Test
	void anAdminRevokesAfterConfirming() throws Exception {
		NewApiClient client = this.clients.create("rev-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null, List.of());
		String id = client.client().id();
		String confirm = this.mvc.perform(get("/api-clients/" + id + "/revoke").with(admin())).andReturn().getResponse()
			.getContentAsString();
		assertThat(confirm).contains("revoke-form", "cannot be undone");
		assertThat(this.clients.find(id).orElseThrow().revoked()).as("a GET changes nothing").isFalse();
		MockHttpServletResponse revoked = this.mvc.perform(post("/api-clients/" + id + "/revoke").with(admin()).with(csrf()))
			.andReturn().getResponse();
		assertThat(revoked.getRedirectedUrl()).isEqualTo("/api-clients");
		assertThat(this.clients.find(id).orElseThrow().revoked()).isTrue();
	}

	@Test
	void anAdminMarksAClientAutoApproveAtCreationAndChangesItLater() throws Exception {
		String name = "auto-" + UUID.randomUUID();
		String form = this.mvc.perform(get("/api-clients/new").with(admin())).andReturn().getResponse()
			.getContentAsString();
		assertThat(form).contains("name=\"autoApprove\"", "Approval policy: required");
		this.mvc.perform(post("/api-clients").with(admin()).with(csrf()).param("name", name)
			.param("scopes", "REQUESTS_WRITE").param("autoApprove", "true")).andReturn();
		ApiClient client = this.clients.list().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
		assertThat(client.autoApprove()).isTrue();
		assertThat(audited("api.client.create", name, "%\"autoApprove\":true%")).isEqualTo(1);

		MockHttpServletResponse off = this.mvc.perform(post("/api-clients/" + client.id() + "/auto-approve")
			.param("enabled", "false").with(admin()).with(csrf())).andReturn().getResponse();
		assertThat(off.getRedirectedUrl()).isEqualTo("/api-clients");
		assertThat(this.clients.find(client.id()).orElseThrow().autoApprove()).isFalse();
		assertThat(audited("api.client.auto-approve", name, "%\"autoApprove\":false%")).isEqualTo(1);
		this.mvc.perform(post("/api-clients/" + client.id() + "/auto-approve").param("enabled", "false").with(admin())
			.with(csrf()));
		assertThat(audited("api.client.auto-approve", name, "%")).as("no change, no event").isEqualTo(1);

		this.clients.revoke(client.id());
		this.mvc.perform(post("/api-clients/" + client.id() + "/auto-approve").param("enabled", "true").with(admin())
			.with(csrf()));
		assertThat(this.clients.find(client.id()).orElseThrow().autoApprove()).as("a revoked client stays as it was")
			.isFalse();
		assertThat(status(post("/api-clients/" + client.id() + "/auto-approve").param("enabled", "true")
			.with(auditor()).with(csrf()))).isEqualTo(403);
	}

	@Test
	void anAuditorSeesTheListButCannotChangeAnything() throws Exception {
		NewApiClient client = this.clients.create("seen-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null, List.of());
		String id = client.client().id();
		MockHttpServletResponse list = this.mvc.perform(get("/api-clients").with(auditor())).andReturn().getResponse();
		assertThat(list.getStatus()).isEqualTo(200);
		assertThat(list.getContentAsString()).contains(client.client().name())
			.doesNotContain(client.token(), client.signingSecret(), "/api-clients/new", "/revoke");
		assertThat(status(post("/api-clients").with(auditor()).with(csrf()).param("name", "x").param("scopes", "AUDIT_READ")))
			.isEqualTo(403);
		assertThat(status(post("/api-clients/" + id + "/revoke").with(auditor()).with(csrf()))).isEqualTo(403);
		assertThat(status(get("/api-clients/new").with(auditor()))).isEqualTo(403);
		assertThat(status(get("/api-clients/" + id + "/revoke").with(auditor()))).isEqualTo(403);
		assertThat(this.clients.find(id).orElseThrow().revoked()).isFalse();
	}

	private long audited(String action, String target, String details) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND target = ? AND actor = 'page-admin' "
				+ "AND details LIKE ?").params(action, target, details).query(Long.class).single();
	}

	private int status(RequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private static RequestPostProcessor admin() {
		return user("page-admin").roles("ADMIN");
	}

	private static RequestPostProcessor auditor() {
		return user("page-auditor").roles("AUDITOR");
	}

}
