package org.gmsaportal.provisioning;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rotation schedule of portable identities the portal wrote to a secret store.
 *
 * @param interval how long after its last rotation (or its first write) an identity is rotated again, e.g.
 * {@code P30D}; unset (the default): no scheduled rotation, only the admin's and the API's
 * @param checkEvery how often the schedule looks for identities that are due
 */
@ConfigurationProperties("gmsa.provisioning.rotation")
record RotationSettings(@Nullable Duration interval, @DefaultValue("1h") Duration checkEvery) {

	RotationSettings {
		if (interval != null && (interval.isNegative() || interval.isZero())) {
			throw new IllegalArgumentException("gmsa.provisioning.rotation.interval must be positive, e.g. P30D");
		}
	}

}
