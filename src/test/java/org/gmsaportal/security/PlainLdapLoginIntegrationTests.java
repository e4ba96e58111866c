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
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * A directory configured with plain {@code ldap://} and no StartTLS: the portal refuses to send a
 * password over it, by default, and says which setting to change.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PlainLdapLoginIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void requireLabDc() {
		dc("GMSA_LAB_LDAP_URL");
	}

	@DynamicPropertySource
	static void plainDirectory(DynamicPropertyRegistry registry) {
		registry.add("gmsa.directory.connections.plain.urls", () -> LabServices.valueOrEmpty("GMSA_LAB_LDAP_URL"));
		registry.add("gmsa.directory.connections.plain.domain", () -> "lab.test");
		registry.add("gmsa.security.ad.connection", () -> "plain");
	}

	@Test
	void aBindWithoutTlsIsRefusedByDefault() throws Exception {
		this.mvc.perform(formLogin("/login").user(dc("GMSA_LAB_AUDITOR")).password(dc("GMSA_LAB_AUDITOR_PASSWORD")))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?unavailable"));
		String details = this.jdbc
			.sql("SELECT details FROM audit_event WHERE action = 'auth.login' AND actor = ? ORDER BY seq DESC "
					+ "FETCH FIRST 1 ROWS ONLY")
			.param(dc("GMSA_LAB_AUDITOR"))
			.query(String.class)
			.single();
		assertThat(details).contains("plain LDAP would send passwords in clear text")
			.contains("allow-plain-ldap")
			.doesNotContain(dc("GMSA_LAB_AUDITOR_PASSWORD"));
	}

}
