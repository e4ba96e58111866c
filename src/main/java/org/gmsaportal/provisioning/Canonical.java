package org.gmsaportal.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of requests and plans: properties sorted, no whitespace, so equal content gives equal bytes
 * and an equal hash on every instance and version of the JVM.
 */
final class Canonical {

	static final JsonMapper JSON = JsonMapper.builder()
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private Canonical() {
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	static ProvisioningRequest request(String json) {
		return JSON.readValue(json, ProvisioningRequest.class);
	}

	static String planHash(ProvisioningRequest request, String domain, List<PlannedStep> steps) {
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("version", 1);
		content.put("request", request);
		content.put("domain", domain);
		content.put("steps", steps);
		return sha256(json(content));
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
