package org.gmsaportal.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An anonymous client cannot grow the audit trail without bound (issue 17, item 4): denials it can repeat at will
 * are recorded once per window and then counted into one summary event. A context of its own, so the lock and
 * the open windows do not leak into other tests.
 */
@SpringBootTest(properties = { "gmsa.security.throttle.max-failures-per-address=3",
		"gmsa.security.throttle.max-failures-per-user=100" })
@AutoConfigureMockMvc
class AuditFloodingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RepeatedDenials denials;

	@Test
	void threeHundredSignInsFromALockedOutAddressWriteOneEventThenOneSummaryWithTheCount() throws Exception {
		long start = lastSeq();
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(formLogin("/login").user("flooder").password("wrong-" + i))
				.andExpect(redirectedUrl("/login?error"));
		}
		for (int i = 0; i < 300; i++) {
			this.mvc.perform(formLogin("/login").user("flooder-" + i).password("wrong"))
				.andExpect(redirectedUrl("/login?locked"));
		}
		// 3 failures and the lockout as before, then one event for the 300 refused attempts so far
		assertThat(events(start)).containsExactly("auth.login FAILURE", "auth.login FAILURE", "auth.login FAILURE",
				"auth.lockout DENIED", "auth.login DENIED");
		this.denials.closeAll();
		assertThat(events(start)).hasSize(6).last().isEqualTo("auth.login DENIED");
		assertThat(lastDetails()).contains("\"repeated\":\"299\"").contains("firstRepeat").contains("lastRepeat");
	}

	@Test
	void threeHundredApiCallsWithoutATokenWriteOneEventThenOneSummaryWithTheCount() throws Exception {
		long start = lastSeq();
		for (int i = 0; i < 300; i++) {
			this.mvc.perform(get("/api/v1/audit-events")).andExpect(status().isUnauthorized());
		}
		assertThat(events(start)).containsExactly("api.auth.rejected DENIED");
		this.denials.closeAll();
		assertThat(events(start)).containsExactly("api.auth.rejected DENIED", "api.auth.rejected DENIED");
		assertThat(lastDetails()).contains("\"repeated\":\"299\"").contains("no_token");
	}

	private long lastSeq() {
		return this.jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_event").query(Long.class).single();
	}

	private List<String> events(long after) {
		return this.jdbc.sql("SELECT action, outcome FROM audit_event WHERE seq > ? ORDER BY seq")
			.param(after)
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2))
			.list();
	}

	private String lastDetails() {
		return this.jdbc.sql("SELECT details FROM audit_event ORDER BY seq DESC LIMIT 1").query(String.class).single();
	}

}
