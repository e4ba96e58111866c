package org.gmsaportal.provisioning;

/**
 * A filed request was approved, rejected or put back to pending: listeners (callbacks) look at it again.
 *
 * @param requestId the request
 */
public record RequestChanged(String requestId) {
}
