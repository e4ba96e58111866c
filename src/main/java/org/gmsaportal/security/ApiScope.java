package org.gmsaportal.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API client may do; each scope becomes a {@code SCOPE_<value>} authority.
 */
public enum ApiScope {

	REQUESTS_WRITE("requests:write"), REQUESTS_READ("requests:read"), REQUESTS_APPROVE("requests:approve"),
	AUDIT_READ("audit:read"), INVENTORY_READ("inventory:read"),
	/** Scrapes {@code /actuator/prometheus} (a monitoring system, not a ticketing one). */
	METRICS_READ("metrics:read");

	private final String value;

	ApiScope(String value) {
		this.value = value;
	}

	/** The scope as integrators write it, e.g. {@code audit:read}. */
	public String value() {
		return this.value;
	}

	/** The Spring Security authority an authenticated client holds for this scope. */
	public String authority() {
		return "SCOPE_" + this.value;
	}

	public static Optional<ApiScope> of(String value) {
		return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
	}

}
