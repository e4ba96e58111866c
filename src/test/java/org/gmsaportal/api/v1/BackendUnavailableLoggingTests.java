package org.gmsaportal.api.v1;

import java.net.SocketTimeoutException;

import org.gmsaportal.directory.DirectoryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every 503 the API answers because the directory or a cluster did not answer is logged with its cause (issue 18:
 * under load, filings answered 503 "cannot reach a domain controller" with nothing in the log).
 */
@ExtendWith(OutputCaptureExtension.class)
class BackendUnavailableLoggingTests {

	@Test
	void aDirectory503IsLoggedWithItsRequestAndCause(CapturedOutput output) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/provisioning-requests");
		var ex = new DirectoryException("Cannot reach a domain controller of lab.test at [ldaps://dc1:636]: "
				+ "Read timed out", new IllegalStateException("wrapped", new SocketTimeoutException("Read timed out")));

		var response = new ApiExceptionHandler().backendUnavailable(ex, new ServletWebRequest(request));

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(output).contains("answered 503", "/api/v1/provisioning-requests",
				"Cannot reach a domain controller of lab.test", "java.net.SocketTimeoutException: Read timed out");
	}

}
