package org.gmsaportal.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.gmsaportal.support.KeyVaultStandIn.Request;

/**
 * The Key Vault secrets API as far as the adapter uses it (set, get, list versions, update, delete, get deleted),
 * over secrets held in memory per vault, with soft delete: a deleted name stays reserved.
 */
public final class KeyVaultStandInApi {

	/** One version of a secret as the vault holds it. */
	public record Version(String id, String value, Map<String, String> tags, String contentType, boolean enabled,
			long created) {
	}

	/** An HTTP answer. */
	record Answer(int status, Map<String, String> headers, String body) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern SECRET = Pattern.compile("/secrets/([0-9A-Za-z-]{1,127})(/versions|/[0-9a-f]{32})?/?");

	private static final Pattern DELETED = Pattern.compile("/deletedsecrets/([0-9A-Za-z-]{1,127})");

	private static final Set<String> SET_FIELDS = Set.of("value", "tags", "contentType");

	private final Map<String, List<Version>> live = new LinkedHashMap<>();

	private final Map<String, List<Version>> deleted = new LinkedHashMap<>();

	/** Seconds since the epoch, one per version, so "newest" is never a tie as it could be within a second. */
	private final AtomicLong clock = new AtomicLong(1_780_000_000);

	private final List<String> violations;

	KeyVaultStandInApi(List<String> violations) {
		this.violations = violations;
	}

	/** Puts a version there as someone else would, e.g. {@code az keyvault secret set} without tags. */
	public synchronized Version seed(String vault, String name, String value, Map<String, String> tags) {
		Version version = new Version(UUID.randomUUID().toString().replace("-", ""), value, Map.copyOf(tags),
				"", true, this.clock.incrementAndGet());
		this.live.computeIfAbsent(vault + "/" + name, (k) -> new ArrayList<>()).add(version);
		return version;
	}

	/** Soft-deletes a secret as someone else would. */
	public synchronized void delete(String vault, String name) {
		List<Version> versions = this.live.remove(vault + "/" + name);
		if (versions != null) {
			this.deleted.put(vault + "/" + name, versions);
		}
	}

	/** The live versions, oldest first; empty when none. */
	public synchronized List<Version> versions(String vault, String name) {
		return List.copyOf(this.live.getOrDefault(vault + "/" + name, List.of()));
	}

	public synchronized boolean isDeleted(String vault, String name) {
		return this.deleted.containsKey(vault + "/" + name);
	}

	synchronized Answer answer(String vault, Request request) {
		Matcher deletedPath = DELETED.matcher(request.path());
		if (request.method().equals("GET") && deletedPath.matches()) {
			List<Version> versions = this.deleted.get(vault + "/" + deletedPath.group(1));
			return (versions == null) ? error(404, "SecretNotFound")
					: json(deletedBundle(vault, deletedPath.group(1), versions));
		}
		Matcher path = SECRET.matcher(request.path());
		if (!path.matches()) {
			return unexpected(request);
		}
		String name = path.group(1);
		String key = vault + "/" + name;
		String tail = (path.group(2) != null) ? path.group(2) : "";
		List<Version> versions = this.live.get(key);
		return switch (request.method() + " " + (tail.isEmpty() ? "" : tail.equals("/versions") ? "versions" : "one")) {
			case "PUT " -> set(vault, name, request);
			case "GET versions" -> (versions == null) ? error(404, "SecretNotFound")
					: json(Map.of("value", versions.stream().map((v) -> bundle(vault, name, v, false)).toList()));
			case "GET ", "GET one" -> get(vault, name, versions, tail.isEmpty() ? null : tail.substring(1));
			case "PATCH one" -> update(vault, name, versions, tail.substring(1), request);
			case "DELETE " -> {
				if (versions == null) {
					yield error(404, "SecretNotFound");
				}
				this.deleted.put(key, this.live.remove(key));
				yield json(deletedBundle(vault, name, versions));
			}
			default -> unexpected(request);
		};
	}

	private Answer set(String vault, String name, Request request) {
		JsonNode body = JSON.readTree(request.body());
		List<String> fields = new ArrayList<>();
		body.propertyNames().forEach(fields::add);
		// The SDK sends an empty attributes object; anything in it would be a change the adapter did not mean.
		if (body.path("attributes").isObject() && body.path("attributes").isEmpty()) {
			fields.remove("attributes");
		}
		if (!request.headers().getOrDefault("content-type", "").startsWith("application/json")
				|| !SET_FIELDS.containsAll(fields) || !body.path("value").isString()
				|| !body.path("tags").isObject() || !body.path("contentType").isString()) {
			this.violations.add("set secret: unexpected body " + fields + " " + body.path("attributes"));
			return error(400, "BadParameter");
		}
		if (this.deleted.containsKey(vault + "/" + name)) {
			return error(409, "Conflict");
		}
		Map<String, String> tags = new LinkedHashMap<>();
		body.path("tags").properties().forEach((e) -> tags.put(e.getKey(), e.getValue().asString()));
		Version version = new Version(UUID.randomUUID().toString().replace("-", ""), body.path("value").asString(),
				Map.copyOf(tags), body.path("contentType").asString(), true, this.clock.incrementAndGet());
		this.live.computeIfAbsent(vault + "/" + name, (k) -> new ArrayList<>()).add(version);
		return json(bundle(vault, name, version, true));
	}

	private Answer get(String vault, String name, List<Version> versions, String id) {
		Version version = find(versions, id);
		if (version == null) {
			return error(404, "SecretNotFound");
		}
		if (!version.enabled()) {
			return new Answer(403, Map.of(), "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Operation get is not"
					+ " allowed on a disabled secret.\",\"innererror\":{\"code\":\"SecretDisabled\"}}}");
		}
		return json(bundle(vault, name, version, true));
	}

	private Answer update(String vault, String name, List<Version> versions, String id, Request request) {
		Version version = find(versions, id);
		if (version == null) {
			return error(404, "SecretNotFound");
		}
		JsonNode enabled = JSON.readTree(request.body()).path("attributes").path("enabled");
		if (!enabled.isBoolean()) {
			this.violations.add("update secret: no attributes.enabled in " + request.body());
			return error(400, "BadParameter");
		}
		Version updated = new Version(version.id(), version.value(), version.tags(), version.contentType(),
				enabled.asBoolean(), version.created());
		versions.set(versions.indexOf(version), updated);
		return json(bundle(vault, name, updated, false));
	}

	private static Version find(List<Version> versions, String id) {
		if (versions == null || versions.isEmpty()) {
			return null;
		}
		if (id == null) {
			return versions.get(versions.size() - 1);
		}
		return versions.stream().filter((v) -> v.id().equals(id)).findFirst().orElse(null);
	}

	private static Map<String, Object> bundle(String vault, String name, Version version, boolean withValue) {
		Map<String, Object> bundle = new LinkedHashMap<>();
		bundle.put("id", "https://" + vault + ".vault.azure.net/secrets/" + name + "/" + version.id());
		if (withValue) {
			bundle.put("value", version.value());
		}
		if (!version.contentType().isEmpty()) {
			bundle.put("contentType", version.contentType());
		}
		bundle.put("attributes", Map.of("enabled", version.enabled(), "created", version.created(), "updated",
				version.created(), "recoveryLevel", "Recoverable+Purgeable", "recoverableDays", 90));
		bundle.put("tags", version.tags());
		return bundle;
	}

	private static Map<String, Object> deletedBundle(String vault, String name, List<Version> versions) {
		Map<String, Object> bundle = bundle(vault, name, versions.get(versions.size() - 1), false);
		bundle.put("recoveryId", "https://" + vault + ".vault.azure.net/deletedsecrets/" + name);
		bundle.put("deletedDate", 1_780_000_000);
		bundle.put("scheduledPurgeDate", 1_787_776_000);
		return bundle;
	}

	private Answer unexpected(Request request) {
		this.violations.add("Key Vault: unexpected " + request.method() + " " + request.path());
		return error(400, "BadParameter");
	}

	static Answer error(int status, String code) {
		return new Answer(status, Map.of(), "{\"error\":{\"code\":\"" + code + "\",\"message\":\"stand-in: "
				+ code + "\"}}");
	}

	private static Answer json(Object body) {
		return new Answer(200, Map.of(), JSON.writeValueAsString(body));
	}

}
