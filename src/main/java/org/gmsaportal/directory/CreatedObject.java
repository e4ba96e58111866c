package org.gmsaportal.directory;

import java.util.UUID;

/**
 * An object the portal created, as recorded at creation, for decommissioning exactly that object later.
 *
 * @param kind {@code gMSA}, {@code user} or {@code group}
 * @param distinguishedName the DN at creation
 * @param objectGuid the objectGUID reported by the ensure step
 * <p>
 * Not part of the module's face ({@link Directory}): public only because the lab tests of other modules read
 * the DC through it. Main code outside this module uses {@link Directory}.
 */
public record CreatedObject(String kind, String distinguishedName, UUID objectGuid) {

	public static CreatedObject of(EnsureResult result) {
		if (result.objectGuid() == null) {
			throw new IllegalArgumentException(result.distinguishedName() + " has no recorded objectGUID");
		}
		return new CreatedObject(result.kind(), result.distinguishedName(), result.objectGuid());
	}

}
