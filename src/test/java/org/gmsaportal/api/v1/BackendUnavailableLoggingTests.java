package org.gmsaportal.api.v1;

import java.net.SocketTimeoutException;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.gmsaportal.directory.DirectoryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every 503 the API answers because the directory or a cluster did not answer is logged with its cause (issue 18:
 * under load, filings answered 503 "cannot reach a domain controller" with nothing in the log).
 */
@ExtendWith(OutputCaptureExtension.class)
class BackendUnavailableLoggingTests {

	@Test
	void aDirectory503IsLoggedWithItsRequestAndCauseAndCounted(CapturedOutput output) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/provisioning-requests");
		var ex = new DirectoryException("Cannot reach a domain controller of lab.test at [ldaps://dc1:636]: "
				+ "Read timed out", new IllegalStateException("wrapped", new SocketTimeoutException("Read timed out")));

		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		var handler = new ApiExceptionHandler(new StaticListableBeanFactory(Map.of("meters", meters))
			.getBeanProvider(MeterRegistry.class));

		var response = handler.backendUnavailable(ex, request);

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(output).contains("API POST /api/v1/provisioning-requests answered 503",
				"Cannot reach a domain controller of lab.test", "java.net.SocketTimeoutException: Read timed out");
		assertThat(meters.get(ApiExceptionHandler.UNAVAILABLE).tag("backend", "directory")
			.tag("exception", "SocketTimeoutException").counter().count()).isEqualTo(1.0);
	}

}
