package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.zjsonpatch.JsonDiff;
import org.jspecify.annotations.Nullable;

/**
 * Compares what the cluster has with what a dry run says it would have, ignoring fields the server owns.
 */
final class ObjectDiff {

	private static final List<String> SERVER_METADATA = List.of("resourceVersion", "generation", "managedFields",
			"uid", "creationTimestamp", "selfLink");

	private ObjectDiff() {
	}

	/** Readable lines, empty when nothing would change. Secret values never appear. */
	static List<String> between(@Nullable HasMetadata current, HasMetadata proposed) {
		JsonNode before = (current != null) ? comparable(current) : Serialization.jsonMapper().createObjectNode();
		JsonNode after = comparable(proposed);
		boolean secret = "Secret".equals(proposed.getKind());
		List<String> lines = new ArrayList<>();
		for (JsonNode op : JsonDiff.asJson(before, after)) {
			String path = op.path("path").asText();
			String verb = op.path("op").asText();
			String value = (secret && (path.startsWith("/data") || path.startsWith("/stringData"))) ? "(redacted)"
					: op.path("value").toString();
			lines.add(switch (verb) {
				case "add" -> "+ " + path + ": " + value;
				case "remove" -> "- " + path;
				default -> "~ " + path + ": " + value;
			});
		}
		return lines;
	}

	static JsonNode comparable(HasMetadata object) {
		ObjectNode node = Serialization.jsonMapper().valueToTree(object);
		node.remove("status");
		if (node.get("metadata") instanceof ObjectNode metadata) {
			SERVER_METADATA.forEach(metadata::remove);
			if (metadata.path("annotations").isEmpty()) {
				metadata.remove("annotations");
			}
		}
		return node;
	}

}
