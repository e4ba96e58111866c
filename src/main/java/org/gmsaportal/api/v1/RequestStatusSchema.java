package org.gmsaportal.api.v1;

import java.util.List;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents the request statuses as an enum in the OpenAPI document, from the one list the API checks the
 * {@code status} filter against, so the document and the code cannot drift apart.
 */
@Configuration(proxyBeanMethods = false)
class RequestStatusSchema {

	@Bean
	OpenApiCustomizer requestStatusEnum() {
		return openApi -> {
			if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
				Schema<?> view = openApi.getComponents().getSchemas().get("RequestView");
				if (view != null && view.getProperties() != null && view.getProperties().get("status") != null) {
					statuses(view.getProperties().get("status"));
				}
			}
			if (openApi.getPaths() != null && openApi.getPaths().get("/api/v1/provisioning-requests") != null
					&& openApi.getPaths().get("/api/v1/provisioning-requests").getGet() != null) {
				List<Parameter> parameters = openApi.getPaths().get("/api/v1/provisioning-requests").getGet()
					.getParameters();
				if (parameters != null) {
					parameters.stream().filter(p -> "status".equals(p.getName()) && p.getSchema() != null)
						.forEach(p -> statuses(p.getSchema()));
				}
			}
		};
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void statuses(Schema schema) {
		schema.setEnum(List.copyOf(RequestViewer.STATUSES));
	}

}
