package org.gmsaportal.directory;

import java.util.UUID;

/**
 * An object the portal created, as recorded at creation, for decommissioning exactly that object later.
 *
 * @param kind {@code gMSA}, {@code user} or {@code group}
 * @param distinguishedName the DN at creation
 * @param objectGuid the objectGUID reported by the ensure step
 * <p>
 * The engine keeps it with the step that created the object ({@link Directory.Ensured#object()}) and hands it back
 * to {@link Directory#remove}, so a decommission deletes the object the run made, found by its objectGUID.
 */
public record CreatedObject(String kind, String distinguishedName, UUID objectGuid) {

	public static CreatedObject of(EnsureResult result) {
		if (result.objectGuid() == null) {
			throw new IllegalArgumentException(result.distinguishedName() + " has no recorded objectGUID");
		}
		return new CreatedObject(result.kind(), result.distinguishedName(), result.objectGuid());
	}

}
