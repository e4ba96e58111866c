package org.gmsaportal.api.v1;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the inventory operations in the OpenAPI document: summaries, answers and each query parameter's real
 * type and rule (the controller reads them as text to name each bad one). The scope is added by the api module
 * from the routes it enforces, as for every operation.
 */
@Configuration(proxyBeanMethods = false)
class InventoryApiDocumentation {

	private record Doc(String operationId, String summary, String description, List<String> problems) {
	}

	private static final Map<String, Doc> OPERATIONS = Map.of("InventoryApiController.gmsas",
			new Doc("listInventoryGmsas", "The gMSAs of the newest inventory snapshot, a page at a time",
					"Every gMSA the directories held at the snapshot, whoever made it, with its drift and findings. "
							+ "Pass nextCursor back as cursor until it is null: the cursor keeps reading the same "
							+ "snapshot. snapshot.incomplete names each part that could not be read.",
					List.of("400", "404", "410")),
			"InventoryApiController.gmsa",
			new Doc("getInventoryGmsa", "One gMSA with who can retrieve its password",
					"By sAMAccountName, with or without the trailing $; connection is required when several "
							+ "directory connections hold the name.",
					List.of("400", "404")),
			"InventoryApiController.findings",
			new Doc("listFindings", "Risky settings of the newest inventory snapshot, most urgent first",
					"Each finding names its rule (code), what it is about, why it is risky and the fix.",
					List.of("400", "404", "410")));

	private static final Map<String, String> PROBLEMS = Map.of("400",
			"Bad input: errors[] names each parameter and its rule.", "404",
			"No inventory snapshot yet, or no gMSA of that name in the newest one.", "410",
			"The snapshot the cursor reads is no longer kept; start again without a cursor.");

	@Bean
	OperationCustomizer inventoryOperations() {
		return (operation, handler) -> {
			Doc doc = OPERATIONS.get(handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName());
			if (doc != null) {
				describe(doc, operation);
			}
			return operation;
		};
	}

	private static void describe(Doc doc, Operation operation) {
		operation.operationId(doc.operationId()).summary(doc.summary()).description(doc.description());
		operation.setTags(new ArrayList<>(List.of("inventory")));
		ApiResponse generated = (operation.getResponses() != null) ? operation.getResponses().get("200") : null;
		ApiResponses responses = new ApiResponses();
		responses.addApiResponse("200", new ApiResponse().description(doc.summary())
			.content((generated != null) ? generated.getContent() : null));
		doc.problems().forEach(code -> responses.addApiResponse(code, new ApiResponse().description(PROBLEMS.get(code))
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(FilingSchema.ref("Problem"))))));
		operation.setResponses(responses);
		if (operation.getParameters() != null) {
			operation.getParameters().forEach(InventoryApiDocumentation::parameter);
		}
	}

	private static void parameter(Parameter parameter) {
		switch (parameter.getName()) {
			case "name" -> parameter.description("The account name contains this (case-insensitive); in the path, "
					+ "the account name itself.")
				.schema(FilingSchema.typed("string").maxLength(64).pattern("^[A-Za-z0-9_.$-]*$"));
			case "domain" -> parameter.description("Only gMSAs of this domain (DNS name, case-insensitive).")
				.schema(FilingSchema.typed("string").maxLength(253).pattern("^[A-Za-z0-9.-]*$"));
			case "finding" -> parameter.description("Only gMSAs with a finding at least this urgent.")
				.schema(FilingSchema.choice("HIGH", "MEDIUM", "LOW"));
			case "severity" -> parameter.description("Only findings of this severity.")
				.schema(FilingSchema.choice("HIGH", "MEDIUM", "LOW"));
			case "drift" -> parameter.description("Only gMSAs with drift (true) or without (false).")
				.schema(FilingSchema.choice("true", "false"));
			case "connection" -> parameter.description("The directory connection, when several hold the name.")
				.schema(FilingSchema.typed("string").maxLength(64).pattern("^[A-Za-z0-9_.-]*$"));
			case "cursor" -> parameter.description("The nextCursor of the previous page (opaque).")
				.schema(FilingSchema.typed("string"));
			case "limit" -> {
				Schema<Object> schema = new Schema<>();
				schema.type("integer").format("int32").minimum(BigDecimal.ONE)
					.maximum(BigDecimal.valueOf(InventoryApiController.MAX_LIMIT));
				schema.setTypes(new java.util.LinkedHashSet<>(List.of("integer")));
				schema.setDefault(100);
				parameter.description("Page size.").schema(schema);
			}
			default -> {
			}
		}
	}

}
