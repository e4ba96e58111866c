package org.gmsaportal.api.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * {@code GET /api/v1/provisioning-requests?status=} (issue 18, item 6): the status, which a request's run decides
 * once it has one, is filtered in SQL, and the cursor pages through the matching requests only.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class ProvisioningRequestListTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	JsonMapper json;

	@Test
	void aStatusFilterPagesThroughTheMatchingRequestsAsTheirRunsDecideThem() throws Exception {
		// A filer that may not approve lists only its own requests: these five.
		String filer = token(Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ));
		String approver = token(Set.of(ApiScope.REQUESTS_APPROVE, ApiScope.REQUESTS_READ));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(read(send(post("/api/v1/provisioning-requests").header("Idempotency-Key", "k-" + UUID.randomUUID())
				.contentType(MediaType.APPLICATION_JSON).content(ProvisioningRequestsApiTests.body(
						ProvisioningRequestsApiTests.name())), filer)).get("id").asString());
		}
		for (int i : new int[] { 1, 3 }) {
			assertThat(send(post("/api/v1/provisioning-requests/" + ids.get(i) + "/rejection")
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"no\"}"), approver).getStatus())
				.isEqualTo(200);
		}
		MockHttpServletResponse approved = send(post("/api/v1/provisioning-requests/" + ids.get(4) + "/approval"),
				approver);
		assertThat(approved.getStatus()).as(approved.getContentAsString()).isEqualTo(200);
		Waiting.forRun(this.provisioning, read(approved).get("runId").asString());

		assertThat(pages(filer, "REJECTED", 1)).containsExactly(List.of(ids.get(1)), List.of(ids.get(3)));
		assertThat(pages(filer, "PENDING_APPROVAL", 1)).containsExactly(List.of(ids.get(0)), List.of(ids.get(2)));
		assertThat(pages(filer, "SUCCEEDED", 2)).as("the run decides").containsExactly(List.of(ids.get(4)));
		assertThat(pages(filer, "APPROVED", 2)).as("stored APPROVED, but its run succeeded").isEmpty();
		assertThat(pages(filer, null, 2)).containsExactly(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 5));
	}

	/** Every page of the filtered list, following the cursor until there is none. */
	private List<List<String>> pages(String bearer, String status, int limit) throws Exception {
		List<List<String>> pages = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = read(send(get("/api/v1/provisioning-requests?limit=" + limit
					+ ((status != null) ? "&status=" + status : "") + ((cursor != null) ? "&cursor=" + cursor : "")),
					bearer));
			List<String> items = page.get("items").findValuesAsString("id");
			if (!items.isEmpty()) {
				pages.add(items);
			}
			JsonNode next = page.get("nextCursor");
			cursor = (next == null || next.isNull()) ? null : next.asString();
		}
		while (cursor != null);
		return pages;
	}

	private String token(Set<ApiScope> scopes) {
		return "Bearer " + this.clients.create("c-" + UUID.randomUUID(), scopes, null, List.of()).token();
	}

	private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String bearer) throws Exception {
		return this.mvc.perform(request.header(HttpHeaders.AUTHORIZATION, bearer)).andReturn().getResponse();
	}

	private JsonNode read(MockHttpServletResponse response) throws Exception {
		return this.json.readTree(response.getContentAsString());
	}

}
