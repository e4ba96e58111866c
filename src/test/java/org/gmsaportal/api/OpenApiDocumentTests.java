package org.gmsaportal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The OpenAPI document lists exactly the API's endpoints, as the handler mappings serve them, and is
 * readable by signed-in users and by API clients only.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiDocumentTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	JsonMapper json;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theDocumentListsExactlyTheApiEndpoints() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/v3/api-docs").with(user("docs").roles("AUDITOR")))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		JsonNode document = this.json.readTree(response.getContentAsString());
		assertThat(document.get("openapi").asString()).startsWith("3.");
		Set<String> documented = new TreeSet<>();
		for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
			path.getValue().propertyNames().forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
		}
		assertThat(documented).isEqualTo(served()).contains("GET /api/v1/audit-events",
				"GET /api/v1/audit-events/verification");
		assertThat(document.get("components").get("securitySchemes").get("apiClientToken").get("scheme").asString())
			.isEqualTo("bearer");
		assertThat(documented).contains("POST /api/v1/provisioning-requests/{id}/rejection");
		List<String> statuses = List.of("PENDING_APPROVAL", "APPROVED", "RUNNING", "SUCCEEDED", "FAILED",
				"DECOMMISSIONED", "REJECTED");
		JsonNode status = document.get("components").get("schemas").get("RequestView").get("properties").get("status");
		assertThat(status.get("enum").valueStream().map(JsonNode::asString).toList()).isEqualTo(statuses);
		JsonNode filter = document.get("paths").get("/api/v1/provisioning-requests").get("get").get("parameters")
			.valueStream().filter(p -> p.get("name").asString().equals("status")).findFirst().orElseThrow();
		assertThat(filter.get("schema").get("enum").valueStream().map(JsonNode::asString).toList()).isEqualTo(statuses);
	}

	@Test
	void apiClientsMayReadTheDocumentAndAnonymousVisitorsMayNot() throws Exception {
		String token = this.clients.create("docs-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_READ), null, List.of())
			.token();
		assertThat(status(get("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))).isEqualTo(200);
		assertThat(status(get("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "Bearer gmsap_" + "z".repeat(43))))
			.isEqualTo(401);
		assertThat(status(get("/v3/api-docs"))).as("to the sign-in page").isEqualTo(302);
	}

	/** Every method and path the application answers under /api/, from Spring MVC itself. */
	private Set<String> served() {
		Set<String> served = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			List<String> methods = new ArrayList<>();
			entry.getKey().getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
			entry.getKey().getPatternValues().stream().filter(p -> p.startsWith("/api/"))
				.forEach(p -> methods.forEach(m -> served.add(m + " " + p)));
		}
		return served;
	}

	private int status(RequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse().getStatus();
	}

}
