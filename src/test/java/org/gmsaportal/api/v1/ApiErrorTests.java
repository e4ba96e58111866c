package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A failure inside an API endpoint is a 500 problem detail that says nothing about the inside.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApiErrorTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@MockitoBean
	AuditLog auditLog;

	@Test
	void anUnexpectedFailureRevealsNoInternals() throws Exception {
		given(this.auditLog.after(any(AuditQuery.class), anyLong(), anyInt()))
			.willThrow(new IllegalStateException("jdbc:h2:mem:secret-internals table audit_event"));
		String token = this.clients.create("err-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null, List.of())
			.token();
		MockHttpServletResponse response = this.mvc
			.perform(get("/api/v1/audit-events").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":500")
			.doesNotContain("jdbc", "secret-internals", "IllegalStateException", "audit_event");
	}

}
