package org.gmsaportal.security;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * The local bootstrap admin: generated or configured password, only its hash stored, every change and
 * sign-in audited.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LocalAdminTests {

	@Autowired
	LocalAccounts accounts;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@BeforeEach
	void noAdminYet() {
		this.jdbc.sql("DELETE FROM local_user").update();
	}

	@Test
	void aGeneratedPasswordIsReturnedOnceAndOnlyItsHashIsStored() {
		String password = this.accounts.ensureBootstrapAdmin("").orElseThrow();
		assertThat(password).hasSize(24);
		String stored = storedHash();
		assertThat(stored).doesNotContain(password).startsWith("{bcrypt}");
		assertThat(this.encoder.matches(password, stored)).isTrue();
		assertThat(this.accounts.ensureBootstrapAdmin("")).as("second start").isEmpty();
		assertThat(storedHash()).isEqualTo(stored);
		assertThat(auditText()).contains("security.local_admin.create").contains("generated").doesNotContain(password);
	}

	@Test
	void aConfiguredPasswordReplacesTheStoredOneAndIsAudited() {
		this.accounts.ensureBootstrapAdmin("");
		this.accounts.ensureBootstrapAdmin("a-configured-password-1");
		assertThat(this.encoder.matches("a-configured-password-1", storedHash())).isTrue();
		assertThat(auditText()).contains("security.local_admin.password_change")
			.doesNotContain("a-configured-password-1");
	}

	@Test
	void anUnknownUserAndAWrongPasswordAreRefusedAndTheRightOneSignsIn() {
		this.accounts.ensureBootstrapAdmin("a-configured-password-1");
		// The unknown user's comparison hash is made at the first sign-in (not at start): it must still refuse.
		assertThat(this.accounts.authenticate("nobody-here", "a-configured-password-1")).isEmpty();
		assertThat(this.accounts.authenticate("nobody-here", "")).isEmpty();
		assertThat(this.accounts.authenticate(LocalAccounts.ADMIN, "not-the-password-1")).isEmpty();
		assertThat(this.accounts.authenticate(LocalAccounts.ADMIN, "a-configured-password-1")).isPresent();
	}

	@Test
	void aTooShortConfiguredPasswordIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> this.accounts.ensureBootstrapAdmin("short"))
			.hasMessage("PORTAL_ADMIN_PASSWORD: must be at least 12 characters");
	}

	@Test
	void anAuditFailureLeavesNoAdminBehind() {
		this.jdbc.sql("ALTER TABLE audit_event RENAME TO audit_event_offline").update();
		try {
			assertThatThrownBy(() -> this.accounts.ensureBootstrapAdmin("")).hasMessageContaining("was not carried out");
		}
		finally {
			this.jdbc.sql("ALTER TABLE audit_event_offline RENAME TO audit_event").update();
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM local_user").query(Long.class).single()).isZero();
	}

	@Test
	void signInFailsClosedWhenTheAuditTrailCannotBeWritten() throws Exception {
		this.accounts.ensureBootstrapAdmin("configured-password-2");
		this.jdbc.sql("ALTER TABLE audit_event RENAME TO audit_event_offline").update();
		try {
			this.mvc.perform(formLogin("/login").user("admin").password("configured-password-2"))
				.andExpect(unauthenticated())
				.andExpect(redirectedUrl("/login?unavailable"));
		}
		finally {
			this.jdbc.sql("ALTER TABLE audit_event_offline RENAME TO audit_event").update();
		}
	}

	@Test
	void signInAndSignOutAreAudited() throws Exception {
		this.accounts.ensureBootstrapAdmin("configured-password-3");
		// the session lives in the database (Spring Session): the next request finds it by its cookie
		Cookie session = this.mvc.perform(formLogin("/login").user("admin").password("configured-password-3"))
			.andExpect(authenticated().withRoles("ADMIN"))
			.andReturn()
			.getResponse()
			.getCookie("JSESSIONID");
		assertThat(session).isNotNull();
		this.mvc.perform(post("/logout").with(csrf()).cookie(session)).andExpect(redirectedUrl("/login?logout"));
		assertThat(auditText()).contains("auth.login SUCCESS admin").contains("auth.logout SUCCESS admin");
	}

	private String storedHash() {
		return this.jdbc.sql("SELECT password_hash FROM local_user WHERE username = 'admin'").query(String.class)
			.single();
	}

	private String auditText() {
		return String.join("\n", this.jdbc.sql("SELECT action, outcome, actor, details FROM audit_event ORDER BY seq")
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4))
			.list());
	}

}
