package org.gmsaportal.api.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The audit endpoints: cursor pagination and filters over the trail, the chain verification, and 400
 * problem details for every bad query parameter.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditEventsApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	AuditTrail trail;

	@Autowired
	JsonMapper json;

	String bearer;

	@BeforeEach
	void client() {
		this.bearer = "Bearer "
				+ this.clients.create("reader-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null, List.of()).token();
	}

	@Test
	void cursorPagesWalkEveryMatchingEventOnceOldestFirst() throws Exception {
		String correlation = UUID.randomUUID().toString();
		for (int i = 0; i < 5; i++) {
			this.trail.record(AuditEvent.of("test.api.page", "t" + i, AuditOutcome.SUCCESS)
				.withCorrelation(correlation, "RITM000" + i));
		}
		List<String> targets = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = read("/api/v1/audit-events?correlationId=" + correlation + "&limit=2"
					+ ((cursor != null) ? "&cursor=" + cursor : ""));
			page.get("events").forEach(event -> targets.add(event.get("target").asString()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			pages++;
		}
		while (cursor != null);
		assertThat(targets).containsExactly("t0", "t1", "t2", "t3", "t4");
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void eventsCarryTheirDetailsAsJsonAndFiltersApply() throws Exception {
		String correlation = UUID.randomUUID().toString();
		this.trail.record(AuditEvent.of("test.api.filter", "x", AuditOutcome.SUCCESS)
			.withDetails(java.util.Map.of("answer", 42))
			.withCorrelation(correlation, null));
		JsonNode page = read("/api/v1/audit-events?action=test.api.filter&correlationId=" + correlation
				+ "&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z");
		assertThat(page.get("events")).hasSize(1);
		assertThat(page.get("events").get(0).get("details").get("answer").asInt()).isEqualTo(42);
		assertThat(page.get("nextCursor").isNull()).isTrue();
	}

	@Test
	void verificationReportsTheChain() throws Exception {
		JsonNode result = read("/api/v1/audit-events/verification");
		assertThat(result.get("valid").asBoolean()).isTrue();
		assertThat(result.get("checked").asLong()).isPositive();
		assertThat(result.has("firstInvalidSequence")).isTrue();
	}

	@ParameterizedTest(name = "?{0} -> 400 on {1} ({2})")
	@CsvSource(delimiter = '|', value = { "limit=0|limit|min", "limit=1001|limit|max", "limit=ten|limit|type",
			"cursor=-1|cursor|min", "cursor=abc|cursor|type", "from=yesterday|from|type", "to=2026-13-45|to|type",
			"action=DROP%20TABLE|action|pattern", "actor=%s|actor|size" })
	void badQueryParametersAreProblemDetails(String query, String field, String rule) throws Exception {
		String resolved = query.replace("%s", "a".repeat(201));
		MockHttpServletResponse response = this.mvc
			.perform(get("/api/v1/audit-events?" + resolved).header(HttpHeaders.AUTHORIZATION, this.bearer))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		JsonNode problem = this.json.readTree(response.getContentAsString());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("errors")).anySatisfy(error -> {
			assertThat(error.get("field").asString()).isEqualTo(field);
			assertThat(error.get("rule").asString()).isEqualTo(rule);
		});
		assertThat(response.getContentAsString()).doesNotContain("Exception", "yesterday", "DROP");
	}

	private JsonNode read(String uri) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get(uri).header(HttpHeaders.AUTHORIZATION, this.bearer))
			.andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return this.json.readTree(response.getContentAsString());
	}

}
