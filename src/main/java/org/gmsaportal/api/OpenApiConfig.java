package org.gmsaportal.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.gmsaportal.security.ApiScope;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI 3 document at {@code /v3/api-docs}: the REST API only (never the browser pages), with its
 * bearer-token scheme, the RFC 9457 problem shape, and on every operation the scope that
 * {@link ApiRoutes} enforces for it, with the 401 and 403 answers of the token filter.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	/** Name of the security scheme, also used by the API modules' own documentation. */
	static final String BEARER = "apiClientToken";

	/** The extension naming an operation's scope, for tools that do not read security requirements. */
	static final String SCOPE_EXTENSION = "x-required-scope";

	@Bean
	OpenAPI portalOpenApi() {
		return new OpenAPI()
			.info(new Info().title("gMSA Portal API")
				.version("v1")
				.description("REST API for ticketing systems. Authenticate with an API client's token: "
						+ "Authorization: Bearer gmsap_...; each operation needs the scope it names. Errors are "
						+ "RFC 9457 problem details (application/problem+json); bad input lists errors[] with the "
						+ "field and the rule it broke."))
			.components(new Components()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("gmsap_ token")
					.description("An API client's token, created by an ADMIN under API clients and shown once.")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	/**
	 * After the modules described their operations (while springdoc built them): the scope each one needs,
	 * from {@link ApiRoutes};
	 * the problem schemas (springdoc keeps only the schemas it computes, so they are added here); and no
	 * schema that only the browser pages' JSON uses.
	 */
	@Bean
	OpenApiCustomizer requiredScopesAndProblems() {
		return openApi -> {
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
					scope(method, path).ifPresent(scope -> describeScope(operation, scope))));
			openApi.getComponents().addSchemas("Problem", problem()).addSchemas("FieldError", fieldError());
			OpenApiSchemas.keepReferenced(openApi);
		};
	}

	/** The scope ApiRoutes requires for an operation; a path template's {@code {id}} matches {@code *}. */
	static Optional<ApiScope> scope(PathItem.HttpMethod method, String path) {
		return ApiRoutes.ROUTES.stream()
			.filter(route -> route.method().name().equals(method.name()))
			.filter(route -> PathPatternParser.defaultInstance.parse(route.pattern()).matches(PathContainer.parsePath(path)))
			.map(ApiRoutes.Route::scope)
			.findFirst();
	}

	private static void describeScope(Operation operation, ApiScope scope) {
		operation.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER, scope.value()))));
		operation.addExtension(SCOPE_EXTENSION, scope.value());
		String description = (operation.getDescription() != null) ? operation.getDescription() + "\n\n" : "";
		operation.setDescription(description + "Scope: `" + scope.value() + "`.");
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		operation.getResponses().putIfAbsent("401", problem("No token, or a token that is unknown, expired or revoked."));
		operation.getResponses().putIfAbsent("403", problem("The token lacks the scope " + scope.value() + "."));
	}

	/** A problem-details response with the given description. */
	static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
	}

	private static Schema<?> problem() {
		return typed("object").description("RFC 9457 problem details.")
			.addProperty("type", typed("string").description("about:blank"))
			.addProperty("title", typed("string"))
			.addProperty("status", typed("integer").format("int32"))
			.addProperty("detail", typed("string").description("What went wrong and what to do, for people."))
			.addProperty("instance", typed("string"))
			.addProperty("error", typed("string").description("On 401 and 403: invalid_token or insufficient_scope."))
			.addProperty("errors", typed("array").items(new Schema<>().$ref("#/components/schemas/FieldError"))
				.description("On 400: every broken rule of the input."))
			.required(new ArrayList<>(List.of("title", "status")));
	}

	private static Schema<?> fieldError() {
		return typed("object").description("One broken rule of the input.")
			.addProperty("field", typed("string").description("Path of the field, e.g. hosts.members[0]; "
					+ "body for the body as a whole."))
			.addProperty("rule", typed("string").description("The rule, e.g. required, type, size, unknown, "
					+ "pattern, or enum: followed by the allowed values."))
			.required(new ArrayList<>(List.of("field", "rule")));
	}

	private static Schema<?> typed(String type) {
		Schema<?> schema = new Schema<>().type(type);
		schema.setTypes(new LinkedHashSet<>(Set.of(type)));
		return schema;
	}

}
