package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;

/**
 * Checks a credspec tree against the {@code GMSACredentialSpec} CRD's structural schema before it is sent.
 * The API server would silently prune unknown fields and reject non-string leaves; the admin should hear
 * about both before anything is applied.
 */
final class CredSpecSchema {

	/** The v1 schema of kubernetes-sigs/windows-gmsa {@code gmsa-crd.yml}, for export-only mode. */
	static final JSONSchemaProps UPSTREAM = object(Map.of(
			"ActiveDirectoryConfig", object(Map.of(
					"GroupManagedServiceAccounts", array(object(Map.of("Name", string(), "Scope", string()))),
					"HostAccountConfig", object(Map.of("PluginGUID", string(), "PluginInput", string(),
							"PortableCcgVersion", string())))),
			"CmsPlugins", array(string()),
			"DomainJoinConfig", object(Map.of("DnsName", string(), "DnsTreeName", string(), "Guid", string(),
					"MachineAccountName", string(), "NetBiosName", string(), "Sid", string()))));

	private CredSpecSchema() {
	}

	/**
	 * @param credspecSchema the schema of the {@code credspec} property
	 * @return one message per violation, naming the field and the rule; empty when valid
	 */
	static List<String> violations(Map<String, Object> credSpec, JSONSchemaProps credspecSchema) {
		List<String> problems = new ArrayList<>();
		check("credspec", credSpec, credspecSchema, problems);
		return problems;
	}

	private static void check(String path, Object value, JSONSchemaProps schema, List<String> problems) {
		if (Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
			return;
		}
		String type = (schema.getType() != null) ? schema.getType() : "object";
		switch (type) {
			case "string" -> {
				if (!(value instanceof String)) {
					problems.add(path + " must be a string (the CRD declares it so), but is " + describe(value)
							+ (value instanceof Map ? ": give it as a JSON string, e.g. PluginInput as escaped JSON" : ""));
				}
			}
			case "array" -> {
				if (!(value instanceof List<?> list)) {
					problems.add(path + " must be a list, but is " + describe(value));
					return;
				}
				for (int i = 0; i < list.size(); i++) {
					check(path + "[" + i + "]", list.get(i), schema.getItems().getSchema(), problems);
				}
			}
			case "object" -> {
				if (!(value instanceof Map<?, ?> map)) {
					problems.add(path + " must be an object, but is " + describe(value));
					return;
				}
				map.forEach((key, child) -> {
					JSONSchemaProps childSchema = schema.getProperties().get(String.valueOf(key));
					if (childSchema == null) {
						problems.add(path + "." + key + " is not in the CRD schema: the API server would silently drop it");
					}
					else {
						check(path + "." + key, child, childSchema, problems);
					}
				});
			}
			default -> problems.add(path + " has schema type '" + type + "', which the portal does not check");
		}
	}

	private static String describe(Object value) {
		if (value == null) {
			return "null";
		}
		return (value instanceof Map) ? "an object" : (value instanceof List) ? "a list" : "a " + value.getClass().getSimpleName();
	}

	private static JSONSchemaProps object(Map<String, JSONSchemaProps> properties) {
		return new JSONSchemaPropsBuilder().withType("object").withProperties(properties).build();
	}

	private static JSONSchemaProps array(JSONSchemaProps items) {
		return new JSONSchemaPropsBuilder().withType("array").withNewItems().withSchema(items).endItems().build();
	}

	private static JSONSchemaProps string() {
		return new JSONSchemaPropsBuilder().withType("string").build();
	}

}
