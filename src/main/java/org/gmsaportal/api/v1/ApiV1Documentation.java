package org.gmsaportal.api.v1;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.gmsaportal.provisioning.RequestKind;
import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.provisioning.StepState;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the v1 operations in the OpenAPI document: what each does and answers, the filing and approval
 * bodies ({@link FilingSchema}, since the controller reads raw JSON for its field-path errors), the
 * {@code Idempotency-Key} header, the query parameters' real types, and the status enums. The scope of
 * each operation is added afterwards by the api module from the routes it enforces.
 */
@Configuration(proxyBeanMethods = false)
class ApiV1Documentation {

	private static final String REQUESTS = "/api/v1/provisioning-requests";

	private static final String ONE = REQUESTS + "/{id}";

	// Keyed by handler (controller.method): springdoc applies OpenApiCustomizers in no set order, so the
	// operations are described while springdoc builds them, before the api module adds their scopes.
	private static final List<Doc> OPERATIONS = List.of(
			new Doc("ProvisioningRequestsController.file",
					REQUESTS, "fileProvisioningRequest", "File a provisioning request",
					"Plans the request against the live directory and answers the plan; the request waits for "
							+ "approval unless the client is auto-approved. The same Idempotency-Key with the same body "
							+ "answers the first response again.",
					"201", List.of("400", "409", "422", "503")),
			new Doc("ProvisioningRequestsController.list",
					REQUESTS, "listProvisioningRequests", "List requests, oldest first, a page at a time",
					"Clients see the requests they filed; clients with requests:approve see all.", "200", List.of("400")),
			new Doc("ProvisioningRequestsController.get",
					ONE, "getProvisioningRequest", "A request with its status, steps and links", null, "200",
					List.of("404")),
			new Doc("ProvisioningRequestsController.approve",
					ONE + "/approval", "approveProvisioningRequest", "Approve the current plan and start the run",
					"Another client than the one that filed it must approve (separation of duties).", "200",
					List.of("400", "404", "409")),
			new Doc("ProvisioningRequestsController.reject",
					ONE + "/rejection", "rejectProvisioningRequest", "Reject a pending request for good",
					"The status becomes REJECTED, with the reason. Another client than the one that filed it must "
							+ "reject (separation of duties).", "200", List.of("400", "404", "409")),
			new Doc("ProvisioningRequestsController.decommission",
					ONE + "/decommission", "decommissionProvisioningRequest",
					"File the removal of a succeeded request's objects",
					"Answers a new DECOMMISSION request that needs approval like any request. It keeps the source "
							+ "request's callbackUrl only when the client that filed the source files the "
							+ "decommission; filed by another client, it has no callbackUrl (callbacks are signed with "
							+ "the filer's secret and checked against the filer's allowed hosts).", "201",
					List.of("404", "409")),
			new Doc("ProvisioningRequestsController.rotation",
					ONE + "/rotation", "rotateProvisioningRequestIdentity",
					"File the rotation of a succeeded request's portable identity",
					"Answers a new ROTATION request that needs approval like any request (the auto-approve policy "
							+ "applies). Its run sets a new generated password on the portable user the source run "
							+ "created, writes a new version of the secret that run wrote to the store, and proves "
							+ "retrieval through the store; the source request stays SUCCEEDED. 409 when the source "
							+ "run wrote no identity to a secret store (manual delivery, domain-joined hosts) or a "
							+ "rotation of it is still open.", "201", List.of("404", "409")),
			new Doc("ProvisioningRequestsController.credentialSpec",
					ONE + "/credential-spec", "getCredentialSpec", "The credential spec JSON the run generated",
					null, "200", List.of("404")),
			new Doc("ProvisioningRequestsController.manifests",
					ONE + "/manifests", "getManifests", "The YAML bundle, or the objects applied to the cluster",
					null, "200", List.of("404")),
			new Doc("AuditEventsController.list",
					"/api/v1/audit-events", "listAuditEvents", "Audit events after the cursor, oldest first",
					"Pass nextCursor back as cursor until it is null.", "200", List.of("400")),
			new Doc("AuditEventsController.verification",
					"/api/v1/audit-events/verification", "verifyAuditChain", "Walk and verify the hash chain",
					null, "200", List.of()));

	private static final Map<String, String> PROBLEMS = Map.of("400", "Bad input: errors[] names each field and rule.",
			"404", "No such request, or not one this client may see.", "409",
			"Conflict: the Idempotency-Key is still being processed, the request is not in a state that allows this, "
					+ "or the plan changed.",
			"422", "The Idempotency-Key was used before with a different body.", "503",
			"The directory, the cluster or the audit trail is unavailable; nothing was changed.");

	static {
		// Audit event details are free-form JSON objects, not the bean properties of Jackson's node class.
		SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, FilingSchema.typed("object")
			.description("The event's details; secret values are redacted before they are recorded."));
	}

	/** Each v1 operation's summary, answers, parameters and body, as springdoc builds it. */
	@Bean
	OperationCustomizer apiV1Operations() {
		return (operation, handler) -> {
			String key = handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
			OPERATIONS.stream().filter(doc -> doc.handler().equals(key)).findFirst()
				.ifPresent(doc -> describe(doc, operation));
			return operation;
		};
	}

	/** The filing and approval schemas, and the values of the views' status fields. */
	@Bean
	OpenApiCustomizer apiV1Schemas() {
		return openApi -> {
			FilingSchema.components().forEach(openApi.getComponents()::addSchemas);
			enums(openApi.getComponents().getSchemas());
		};
	}

	private static void describe(Doc doc, Operation operation) {
		operation.operationId(doc.operationId()).summary(doc.summary()).description(doc.description());
		String tag = doc.path().startsWith(REQUESTS) ? "provisioning-requests" : "audit-events";
		operation.setTags(new ArrayList<>(List.of(tag)));
		ApiResponse generated = (operation.getResponses() != null) ? operation.getResponses().get("200") : null;
		ApiResponses responses = new ApiResponses();
		responses.addApiResponse(doc.success(), new ApiResponse().description(doc.summary())
			.content((generated != null) ? generated.getContent() : null));
		doc.problems().forEach(code -> responses.addApiResponse(code, problem(PROBLEMS.get(code))));
		operation.setResponses(responses);
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		parameters.forEach(ApiV1Documentation::parameter);
		if (doc.operationId().equals("fileProvisioningRequest")) {
			operation.setRequestBody(new RequestBody().required(true).content(new Content().addMediaType(
					"application/json", new MediaType().schema(FilingSchema.ref(FilingSchema.FILING))
						.examples(FilingExamples.examples()))));
		}
		if (doc.operationId().equals("approveProvisioningRequest")) {
			responses.addApiResponse("403", problem("The token lacks the scope requests:approve, or this client "
					+ "filed the request itself (separation of duties)."));
			operation.setRequestBody(new RequestBody().required(false).content(new Content().addMediaType(
					"application/json", new MediaType().schema(FilingSchema.ref(FilingSchema.APPROVAL)))));
		}
		if (doc.operationId().equals("rejectProvisioningRequest")) {
			responses.addApiResponse("403", problem("The token lacks the scope requests:approve, or this client "
					+ "filed the request itself (separation of duties)."));
			operation.setRequestBody(new RequestBody().required(true).content(new Content().addMediaType(
					"application/json", new MediaType().schema(FilingSchema.ref(FilingSchema.REJECTION)))));
		}
		if (doc.operationId().equals("getCredentialSpec")) {
			operation.getResponses().get("200").setContent(new Content().addMediaType("application/json",
					new MediaType().schema(FilingSchema.typed("object").description("The credential spec as "
							+ "New-CredentialSpec writes it (CmsPlugins, DomainJoinConfig, ActiveDirectoryConfig)."))));
		}
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
				new MediaType().schema(FilingSchema.ref("Problem"))));
	}

	/** The parameters' real types and rules, where the controller reads them as text to word its own errors. */
	private static void parameter(Parameter parameter) {
		switch (parameter.getName()) {
			case "Idempotency-Key" -> parameter.required(true).description("Unique per request to file, e.g. "
					+ "the ticket's sys_id or key; a retry sends the same key.")
				.schema(FilingSchema.typed("string").pattern("^[A-Za-z0-9._:-]{1,128}$"));
			case "id" -> parameter.description("The request id.").schema(FilingSchema.typed("string").format("uuid"));
			case "status" -> parameter.description("Only requests in this status.")
				.schema(FilingSchema.choice(names(RequestStatus.values())));
			case "ticketKey" -> parameter.description("Only requests of this ticket.")
				.schema(FilingSchema.typed("string").maxLength(128).pattern("^[A-Za-z0-9_.:#/-]*$"));
			case "cursor" -> parameter.description("The nextCursor of the previous page.")
				.schema(integer(parameter.getSchema()) ? parameter.getSchema() : integer(0, null, null));
			case "limit" -> parameter.description("Page size.")
				.schema(integer(parameter.getSchema()) ? parameter.getSchema() : integer(1, 100, 20));
			default -> {
			}
		}
	}

	/** Whether springdoc already typed the parameter as an integer (the audit events' bound parameters). */
	private static boolean integer(@Nullable Schema<?> schema) {
		return schema != null && ("integer".equals(schema.getType())
				|| (schema.getTypes() != null && schema.getTypes().contains("integer")));
	}

	private static Schema<?> integer(long min, @Nullable Integer max, @Nullable Integer fallback) {
		Schema<Object> schema = new Schema<>();
		schema.type("integer").format("int64").minimum(BigDecimal.valueOf(min));
		schema.setTypes(new LinkedHashSet<>(Set.of("integer")));
		if (max != null) {
			schema.maximum(BigDecimal.valueOf(max));
		}
		if (fallback != null) {
			schema.setDefault(fallback);
		}
		return schema;
	}

	/** The view records' status fields are plain strings in Java: publish their values. */
	@SuppressWarnings("rawtypes")
	private static void enums(Map<String, Schema> schemas) {
		property(schemas, "RequestView", "status", names(RequestStatus.values()));
		property(schemas, "RequestView", "kind", names(RequestKind.values()));
		// NEEDS_ATTENTION: a step blocked by something outside the portal; the request then reads FAILED until resumed.
		property(schemas, "StepView", "state", names(StepState.values()));
		Schema<?> links = schemas.get("RequestView");
		if (links != null && links.getProperties() != null && links.getProperties().get("links") != null) {
			links.getProperties().get("links").description("Related resources by name: self, approval and rejection (while "
					+ "pending), credentialSpec, manifests, decommission and rotation (once succeeded), "
					+ "decommissions, rotates.");
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void property(Map<String, Schema> schemas, String schema, String property, Object... values) {
		Schema<?> owner = schemas.get(schema);
		if (owner != null && owner.getProperties() != null && owner.getProperties().get(property) != null) {
			Schema target = owner.getProperties().get(property);
			target.setEnum(new ArrayList<>(List.of(values)));
		}
	}

	/** One operation as documented. */
	private record Doc(String handler, String path, String operationId, String summary,
			@Nullable String description, String success, List<String> problems) {
	}

	private static Object[] names(Enum<?>[] values) {
		return java.util.Arrays.stream(values).map(Enum::name).toArray();
	}

}
