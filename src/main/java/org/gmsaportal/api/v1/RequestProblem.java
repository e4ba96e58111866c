package org.gmsaportal.api.v1;

import org.springframework.http.HttpStatus;

/**
 * A provisioning-request call that is well-formed but cannot be done now (404, 403, 409, 422); the detail
 * says what to do and never holds a secret.
 */
class RequestProblem extends RuntimeException {

	private final HttpStatus status;

	RequestProblem(HttpStatus status, String detail) {
		super(detail);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

	static RequestProblem notFound(String id) {
		return new RequestProblem(HttpStatus.NOT_FOUND, "There is no provisioning request " + id + " visible to this client.");
	}

}
