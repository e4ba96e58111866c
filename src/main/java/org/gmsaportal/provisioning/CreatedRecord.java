package org.gmsaportal.provisioning;

import java.util.Map;
import java.util.UUID;

import org.gmsaportal.directory.CreatedObject;
import org.gmsaportal.directory.Directory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What an ensure step keeps of the object it created (its artifact): the DN and the objectGUID, so that the
 * decommission of the run deletes that very object. The name alone could find another object, made after the run's
 * was deleted outside the portal. Neither value is a secret.
 */
final class CreatedRecord {

	private CreatedRecord() {
	}

	/** The record of an ensure that created its object; {@code null} for one that found it already there. */
	static @Nullable String of(Directory.Ensured ensured) {
		CreatedObject object = ensured.object();
		if (ensured.result() != Directory.Result.CREATED || object == null) {
			return null;
		}
		return Canonical.json(Map.of("distinguishedName", object.distinguishedName(), "objectGuid",
				object.objectGuid().toString()));
	}

	/** The object a removal step deletes; {@code null} for runs recorded before the objectGUID was kept. */
	static @Nullable CreatedObject read(@Nullable String record) {
		if (record == null) {
			return null;
		}
		JsonNode node = Canonical.JSON.readTree(record);
		// The kind is the removal step's, which DirectoryFacade sets; the record names the object only.
		return new CreatedObject("", node.required("distinguishedName").asString(),
				UUID.fromString(node.required("objectGuid").asString()));
	}

}
