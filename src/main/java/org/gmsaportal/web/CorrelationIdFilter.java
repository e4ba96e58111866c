package org.gmsaportal.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gmsaportal.audit.AuditTrail;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id} if well-formed), puts it in
 * the logging context and the audit events of the request, and returns it in the response.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Correlation-Id";

	// Only short, plain ids are taken from callers: they end up in logs and the audit trail.
	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// An error dispatch (the error page) keeps the id of the request that failed.
		String assigned = response.getHeader(HEADER);
		String offered = request.getHeader(HEADER);
		String id = (assigned != null) ? assigned
				: (offered != null && ACCEPTED.matcher(offered).matches()) ? offered : UUID.randomUUID().toString();
		MDC.put(AuditTrail.CORRELATION_MDC_KEY, id);
		response.setHeader(HEADER, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(AuditTrail.CORRELATION_MDC_KEY);
		}
	}

}
