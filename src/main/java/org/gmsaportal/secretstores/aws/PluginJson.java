package org.gmsaportal.secretstores.aws;

import org.gmsaportal.credspec.SecretValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The value the AWS plug-in parses: a JSON object with the string fields {@code username}, {@code password} and
 * {@code domainName} (the domain's DNS name, as {@code AwsPlugin.secretFor} writes it).
 */
final class PluginJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private PluginJson() {
	}

	/** Whether the value has the plug-in's shape; a parse error is swallowed, its message would quote the value. */
	static boolean isPluginJson(SecretValue value) {
		JsonNode node;
		try {
			node = MAPPER.readTree(value.reveal());
		}
		catch (JacksonException ex) {
			return false;
		}
		return node != null && node.isObject() && isText(node, "username") && isText(node, "password")
				&& isText(node, "domainName");
	}

	private static boolean isText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value != null && value.isString() && !value.stringValue().isEmpty();
	}

}
