package org.gmsaportal.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Drops component schemas no API operation refers to, directly or through other schemas: springdoc also
 * computes the models of the browser pages' JSON endpoints, whose paths the document leaves out.
 */
final class OpenApiSchemas {

	private static final Pattern REF = Pattern.compile("#/components/schemas/([A-Za-z0-9._-]+)");

	private OpenApiSchemas() {
	}

	static void keepReferenced(OpenAPI openApi) {
		if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
			return;
		}
		Set<String> kept = new HashSet<>();
		Deque<String> pending = new ArrayDeque<>(references(openApi.getPaths()));
		while (!pending.isEmpty()) {
			String name = pending.pop();
			Schema<?> schema = openApi.getComponents().getSchemas().get(name);
			if (kept.add(name) && schema != null) {
				pending.addAll(references(schema));
			}
		}
		openApi.getComponents().getSchemas().keySet().retainAll(kept);
	}

	private static Set<String> references(Object part) {
		Set<String> names = new HashSet<>();
		Matcher matcher = REF.matcher(Json31.pretty(part));
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
