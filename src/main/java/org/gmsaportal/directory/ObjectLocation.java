package org.gmsaportal.directory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a group, gMSA or user is, or would be created by its ensure, and where it came from: what a resumed
 * provisioning run needs to recognise an object that an earlier, cut-off attempt created.
 *
 * @param distinguishedName the object's DN, or the DN its ensure would create (the default container)
 * @param exists whether the object exists
 * @param createdByPortal whether it carries the portal's marker
 * @param whenCreated when the DC created it ({@code whenCreated}, whole seconds), if it exists
 * @param dcTime the answering DC's clock (whole seconds), to compare with {@code whenCreated} without the skew
 * between the portal's clock and the DC's
 * @param kind what holds the name, in words ({@link Accounts#kind}), {@code null} if nothing does
 */
record ObjectLocation(String distinguishedName, boolean exists, boolean createdByPortal,
		@Nullable Instant whenCreated, Instant dcTime, @Nullable String kind) {
}
