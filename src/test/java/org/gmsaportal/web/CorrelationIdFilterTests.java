package org.gmsaportal.web;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request gets a correlation id in the logging context and the response; callers may pass a
 * well-formed one of their own.
 */
class CorrelationIdFilterTests {

	private final CorrelationIdFilter filter = new CorrelationIdFilter();

	@Test
	void aCallersWellFormedIdIsKeptForLogsAndResponse() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.addHeader("X-Correlation-Id", "RITM0012345:step-2");
		assertThat(run(request)).isEqualTo("RITM0012345:step-2");
	}

	@Test
	void aMalformedIdIsReplacedSoItCannotForgeLogLines() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.addHeader("X-Correlation-Id", "x\n{\"level\":\"ERROR\"}");
		assertThat(run(request)).matches("[0-9a-f-]{36}");
	}

	@Test
	void theIdLeavesTheLoggingContextAfterTheRequest() throws Exception {
		run(new MockHttpServletRequest("GET", "/"));
		assertThat(MDC.get("correlationId")).isNull();
	}

	/** Runs the filter and returns the id seen inside the chain, checking the response carries it too. */
	private String run(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<String> seen = new AtomicReference<>();
		this.filter.doFilter(request, response, new MockFilterChain() {
			@Override
			public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
				seen.set(MDC.get("correlationId"));
			}
		});
		assertThat(response.getHeader("X-Correlation-Id")).isEqualTo(seen.get());
		return seen.get();
	}

}
