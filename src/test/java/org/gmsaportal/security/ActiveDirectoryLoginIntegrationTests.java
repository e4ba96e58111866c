package org.gmsaportal.security;

import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gmsaportal.support.LabServices.dc;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Sign-in of Active Directory users against the Samba lab DC over LDAPS, groups mapped to roles.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ActiveDirectoryLoginIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void requireLabDc() {
		dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectory(registry);
	}

	@Test
	void anAuditorGroupMemberGetsAuditor() throws Exception {
		this.mvc.perform(formLogin("/login").user(dc("GMSA_LAB_AUDITOR")).password(dc("GMSA_LAB_AUDITOR_PASSWORD")))
			.andExpect(authenticated().withUsername("lab.auditor").withRoles("AUDITOR"))
			.andExpect(redirectedUrl("/"));
		assertThat(lastLogin("lab.auditor")).isEqualTo("SUCCESS AUDITOR {\"source\":\"lab\"}");
	}

	@Test
	void aMemberOfANestedAdminGroupGetsAdmin() throws Exception {
		this.mvc
			.perform(formLogin("/login").user(dc("GMSA_LAB_PORTAL_ADMIN")).password(dc("GMSA_LAB_PORTAL_ADMIN_PASSWORD")))
			.andExpect(authenticated().withUsername("lab.admin").withRoles("ADMIN"));
	}

	@Test
	void aWrongPasswordFailsAndIsAudited() throws Exception {
		this.mvc.perform(formLogin("/login").user("lab.auditor@lab.test").password("Wrong-password-1"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		assertThat(lastLogin("lab.auditor@lab.test")).startsWith("FAILURE").contains("invalid credentials")
			.doesNotContain("Wrong-password-1");
	}

	@Test
	void aUserInNeitherGroupIsRefused() throws Exception {
		this.mvc.perform(formLogin("/login").user(dc("GMSA_LAB_OUTSIDER")).password(dc("GMSA_LAB_OUTSIDER_PASSWORD")))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		assertThat(lastLogin("lab.outsider")).startsWith("DENIED").contains("none of the groups");
	}

	@Test
	void theLocalAdminStillSignsInWhenADirectoryIsConfigured() throws Exception {
		this.mvc.perform(formLogin("/login").user("admin").password("test-admin-password"))
			.andExpect(authenticated().withUsername("admin").withRoles("ADMIN"));
	}

	@Test
	void guessesAtTheLocalAdminsPasswordNeverReachTheDirectory() throws Exception {
		this.mvc.perform(formLogin("/login").user("admin").password("a-guess-1"))
			.andExpect(unauthenticated());
		assertThat(lastLogin("admin")).startsWith("FAILURE").contains("invalid credentials for the local account admin");
	}

	private String lastLogin(String actor) {
		return this.jdbc
			.sql("SELECT outcome, actor_roles, details FROM audit_event WHERE action = 'auth.login' AND actor = ? "
					+ "ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
			.param(actor)
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
			.single()
			.replace("  ", " ");
	}

}
