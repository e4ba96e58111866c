package org.gmsaportal.support;

import java.net.HttpURLConnection;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.server.mock.crud.PatchHandler;
import io.fabric8.kubernetes.client.server.mock.crud.PostHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonDiff;

/**
 * fabric8's CRUD dispatcher plus the one thing it lacks: {@code application/apply-patch+yaml} PATCHes
 * (server-side apply, fabric8 issues 5337 and 5360), so the portal's real apply path can run against it.
 * Apply of a missing object creates it, of an existing one merges into it; {@code dryRun=All} stores
 * nothing. This is not full SSA (no field ownership); the request shapes a real API server needs are
 * asserted separately in expectation mode.
 */
class ServerSideApplyCrudDispatcher extends KubernetesCrudDispatcher {

	@Override
	public synchronized MockResponse handlePatch(RecordedRequest request) {
		String contentType = request.getHeader("Content-Type");
		if (contentType == null || !contentType.startsWith("application/apply-patch")) {
			return super.handlePatch(request);
		}
		String fullPath = request.getPath();
		boolean dryRun = fullPath.contains("dryRun=All");
		String path = fullPath.contains("?") ? fullPath.substring(0, fullPath.indexOf('?')) : fullPath;
		String body = Serialization.asJson(Serialization.unmarshal(request.getBody().readUtf8(), Map.class));
		try {
			AttributeSet key = getKey(path);
			Map.Entry<AttributeSet, String> current = findResource(key);
			if (dryRun) {
				return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(wouldBe(current, body));
			}
			if (current == null) {
				String collection = path.substring(0, path.lastIndexOf('/'));
				MockResponse created = new PostHandler((KubernetesAttributesExtractor) this.attributeExtractor, this)
					.handle(collection, "application/json", body);
				return created.setResponseCode(HttpURLConnection.HTTP_OK);
			}
			JsonNode existing = asNode(current);
			JsonNode operations = JsonDiff.asJson(existing, applied(existing, body));
			return new PatchHandler(this).handle(path, "application/json-patch+json", Serialization.asJson(operations))
				.setResponseCode(HttpURLConnection.HTTP_OK);
		}
		catch (KubernetesCrudDispatcherException ex) {
			return new MockResponse().setResponseCode(ex.getCode()).setBody(ex.toStatusBody());
		}
	}

	private String wouldBe(Map.Entry<AttributeSet, String> current, String body) throws KubernetesCrudDispatcherException {
		if (current == null) {
			return body;
		}
		return Serialization.asJson(applied(asNode(current), body));
	}

	/**
	 * RFC 7386 merge: objects merge, lists and scalars are replaced. Real SSA merges keyed lists
	 * (containers by name), which gives the same result when the applied object lists every element.
	 */
	private JsonNode applied(JsonNode existing, String body) {
		JsonNode merged = mergeNodes(existing.deepCopy(), Serialization.unmarshal(body, JsonNode.class));
		preserveMetadata(existing, merged);
		return merged;
	}

	private static JsonNode mergeNodes(JsonNode target, JsonNode patch) {
		if (!(target instanceof ObjectNode targetObject) || !patch.isObject()) {
			return patch.deepCopy();
		}
		patch.fields().forEachRemaining((field) -> {
			JsonNode existing = targetObject.get(field.getKey());
			targetObject.set(field.getKey(), (existing != null) ? mergeNodes(existing, field.getValue())
					: field.getValue().deepCopy());
		});
		return targetObject;
	}

}
