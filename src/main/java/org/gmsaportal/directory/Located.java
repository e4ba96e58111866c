package org.gmsaportal.directory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An object's place and origin.
 *
 * @param distinguishedName its DN, or the DN its ensure would create
 * @param exists whether it exists
 * @param createdByPortal whether it carries the portal's marker
 * @param whenCreated when the DC created it, if it exists
 * @param dcTime the DC's clock when it answered, comparable with {@code whenCreated}
 * @param kind what the account under that name is, in words ({@code gMSA}, {@code computer account},
 * {@code user account}, {@code group}, ...), {@code null} if none exists or the source cannot say
 */
public record Located(String distinguishedName, boolean exists, boolean createdByPortal, @Nullable Instant whenCreated,
		Instant dcTime, @Nullable String kind) {

	public Located(String distinguishedName, boolean exists, boolean createdByPortal, @Nullable Instant whenCreated,
			Instant dcTime) {
		this(distinguishedName, exists, createdByPortal, whenCreated, dcTime, null);
	}

}
