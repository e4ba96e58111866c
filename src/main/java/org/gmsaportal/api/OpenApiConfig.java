package org.gmsaportal.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document at {@code /v3/api-docs}: the REST API only (never the browser pages), with its
 * bearer-token scheme.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	private static final String BEARER = "apiClientToken";

	@Bean
	OpenAPI portalOpenApi() {
		return new OpenAPI()
			.info(new Info().title("gMSA Portal API")
				.version("v1")
				.description("REST API for ticketing systems. Authenticate with an API client's token: "
						+ "Authorization: Bearer gmsap_...; each endpoint needs the scope it names."))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("gmsap_ token")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	/** Keeps only /api/ paths, whatever other controllers answer JSON. */
	@Bean
	OpenApiCustomizer apiPathsOnly() {
		return openApi -> {
			if (openApi.getPaths() != null) {
				openApi.getPaths().keySet().removeIf(path -> !path.startsWith("/api/"));
			}
		};
	}

}
