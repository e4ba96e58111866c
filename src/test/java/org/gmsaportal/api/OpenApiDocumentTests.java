package org.gmsaportal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The OpenAPI document validates (swagger-parser), lists exactly the API's endpoints with the methods and
 * parameters the handler mappings serve, names the scope of each as the issue gives it, describes the filing
 * in full (the body schema itself is kept honest by {@code FilingSchemaTests}), and is readable by signed-in
 * users and by API clients only.
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
				"GET /api/v1/audit-events/verification", "GET /api/v1/inventory/gmsas",
				"GET /api/v1/inventory/gmsas/{name}", "GET /api/v1/findings");
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
	void theDocumentValidates() throws Exception {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(documentText(), null, options);
		assertThat(parsed.getMessages()).as("swagger-parser's validation messages").isEmpty();
		assertThat(parsed.getOpenAPI()).isNotNull();
		assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
	}

	@Test
	void everyOperationDocumentsExactlyItsHandlersParameters() throws Exception {
		JsonNode paths = document().get("paths");
		Map<String, Set<String>> served = servedParameters();
		assertThat(served).isNotEmpty();
		served.forEach((operation, parameters) -> {
			String[] methodAndPath = operation.split(" ", 2);
			JsonNode documented = paths.get(methodAndPath[1]).get(methodAndPath[0].toLowerCase(Locale.ROOT));
			Set<String> names = new TreeSet<>(documented.has("parameters")
					? documented.get("parameters").findValuesAsString("name") : List.of());
			assertThat(names).as(operation).isEqualTo(parameters);
		});
	}

	@Test
	void everyOperationNamesTheScopeTheIssueGivesIt() throws Exception {
		Map<String, String> expected = new java.util.HashMap<>(Map.of(
				"POST /api/v1/provisioning-requests", "requests:write",
				"GET /api/v1/provisioning-requests", "requests:read", "GET /api/v1/provisioning-requests/{id}",
				"requests:read", "POST /api/v1/provisioning-requests/{id}/approval", "requests:approve",
				"POST /api/v1/provisioning-requests/{id}/rejection", "requests:approve",
				"POST /api/v1/provisioning-requests/{id}/decommission", "requests:write",
				"GET /api/v1/provisioning-requests/{id}/credential-spec", "requests:read",
				"GET /api/v1/provisioning-requests/{id}/manifests", "requests:read", "GET /api/v1/audit-events",
				"audit:read", "GET /api/v1/audit-events/verification", "audit:read"));
		expected.put("POST /api/v1/provisioning-requests/{id}/rotation", "requests:write");
		expected.put("GET /api/v1/inventory/gmsas", "inventory:read");
		expected.put("GET /api/v1/inventory/gmsas/{name}", "inventory:read");
		expected.put("GET /api/v1/findings", "inventory:read");
		JsonNode document = document();
		assertThat(served()).isEqualTo(new TreeSet<>(expected.keySet()));
		Set<String> operationIds = new TreeSet<>();
		expected.forEach((operation, scope) -> {
			String[] methodAndPath = operation.split(" ", 2);
			JsonNode op = document.get("paths").get(methodAndPath[1]).get(methodAndPath[0].toLowerCase(Locale.ROOT));
			assertThat(op.get("x-required-scope").asString()).as(operation).isEqualTo(scope);
			assertThat(op.get("security").get(0).get("apiClientToken").get(0).asString()).as(operation).isEqualTo(scope);
			assertThat(op.get("description").asString()).as(operation).contains("Scope: `" + scope + "`.");
			assertThat(op.get("responses").propertyNames()).as(operation).contains("401", "403");
			assertThat(op.get("responses").get("403").get("content").has("application/problem+json")).isTrue();
			assertThat(op.get("summary").asString()).as(operation).isNotBlank();
			operationIds.add(op.get("operationId").asString());
		});
		assertThat(operationIds).as("unique operation ids").hasSize(expected.size());
	}

	@Test
	void filingDocumentsItsHeaderBodyAnswersAndEnums() throws Exception {
		JsonNode document = document();
		JsonNode file = document.get("paths").get("/api/v1/provisioning-requests").get("post");
		JsonNode key = file.get("parameters").get(0);
		assertThat(key.get("name").asString()).isEqualTo("Idempotency-Key");
		assertThat(key.get("in").asString()).isEqualTo("header");
		assertThat(key.get("required").asBoolean()).isTrue();
		assertThat(file.get("requestBody").get("required").asBoolean()).isTrue();
		assertThat(file.at("/requestBody/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/ProvisioningRequestFiling");
		assertThat(file.get("responses").propertyNames()).contains("201", "400", "409", "422").doesNotContain("200");
		assertThat(file.at("/responses/201/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/RequestView");
		JsonNode schemas = document.get("components").get("schemas");
		assertThat(schemas.get("ProvisioningRequestFiling").get("required").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("directory", "account", "hosts");
		assertThat(schemas.at("/RequestView/properties/status/enum").valueStream().map(JsonNode::asString))
			.containsExactly("PENDING_APPROVAL", "APPROVED", "RUNNING", "SUCCEEDED", "FAILED", "DECOMMISSIONED",
					"REJECTED");
		assertThat(schemas.at("/DomainJoinedHosts/properties/mode/enum/0").asString()).isEqualTo("domainJoined");
		assertThat(schemas.at("/PortableHosts/properties/mode/enum/0").asString()).isEqualTo("portable");
		assertThat(schemas.at("/KnownHostPlugin/properties/type/enum").valueStream().map(JsonNode::asString))
			.containsExactly("azureKeyVault", "aws", "kubernetesSecret");
		assertThat(schemas.at("/FilingAccount/properties/encryptionTypes/items/enum").valueStream()
			.map(JsonNode::asString)).contains("AES128", "AES256");
		assertThat(schemas.at("/RequestPage/properties/nextCursor/type").asString()).isEqualTo("string");
		assertThat(schemas.at("/Problem/properties/errors/items/$ref").asString())
			.isEqualTo("#/components/schemas/FieldError");
		assertThat(schemas.at("/Verification/properties").propertyNames()).contains("valid", "checked",
				"firstInvalidSequence");
		assertThat(schemas.at("/Event/properties/details/type").asString()).isEqualTo("object");
		assertThat(schemas.propertyNames()).as("no schema of the browser pages' JSON").doesNotContain("JsonNode",
				"Progress");
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

	private String documentText() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/v3/api-docs").with(user("docs").roles("AUDITOR")))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	private JsonNode document() throws Exception {
		return this.json.readTree(documentText());
	}

	/** The header, path and query parameters each API handler method binds, by method and path. */
	private Map<String, Set<String>> servedParameters() {
		Map<String, Set<String>> served = new TreeMap<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			Set<String> names = new TreeSet<>();
			for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
				parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
				RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
				RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
				PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
				String declared = (header != null) ? header.name() : (query != null) ? query.name()
						: (path != null) ? path.name() : null;
				if (declared != null) {
					names.add(declared.isEmpty() ? parameter.getParameterName() : declared);
				}
			}
			entry.getKey().getPatternValues().stream().filter(p -> p.startsWith("/api/"))
				.forEach(p -> entry.getKey().getMethodsCondition().getMethods()
					.forEach(m -> served.put(m.name() + " " + p, names)));
		}
		return served;
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
