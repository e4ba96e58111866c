package org.gmsaportal.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Sign-in throttling end to end. A context of its own, so the lock does not leak into other tests.
 */
@SpringBootTest(properties = "gmsa.security.throttle.max-failures-per-user=3")
@AutoConfigureMockMvc
class LoginLockoutTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Test
	void repeatedFailuresLockTheUserAndTheLockoutIsAudited() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(formLogin("/login").user("admin").password("wrong-" + i))
				.andExpect(redirectedUrl("/login?error"));
		}
		// the right password no longer helps while the lock lasts
		this.mvc.perform(formLogin("/login").user("admin").password("test-admin-password"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?locked"));
		assertThat(auditText()).contains("auth.lockout DENIED admin").contains("auth.login DENIED admin");
	}

	private String auditText() {
		return String.join("\n", this.jdbc.sql("SELECT action, outcome, actor, details FROM audit_event ORDER BY seq")
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4))
			.list());
	}

}
