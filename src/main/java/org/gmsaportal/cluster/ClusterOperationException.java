package org.gmsaportal.cluster;

/**
 * A cluster operation failed; the message says what the admin should do and never carries secret data.
 */
public class ClusterOperationException extends RuntimeException {

	private final boolean unreachable;

	public ClusterOperationException(String message) {
		this(message, false);
	}

	ClusterOperationException(String message, boolean unreachable) {
		super(message);
		this.unreachable = unreachable;
	}

	/** Whether the API server could not be reached at all (network, DNS, TLS, timeout). */
	public boolean isUnreachable() {
		return this.unreachable;
	}

}
