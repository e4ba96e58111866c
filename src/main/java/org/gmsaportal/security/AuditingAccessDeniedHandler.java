package org.gmsaportal.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Records every 403 in the audit trail, then shows the 403 page.
 */
class AuditingAccessDeniedHandler implements AccessDeniedHandler {

	private final AuditTrail audit;

	private final AccessDeniedHandler page = new AccessDeniedHandlerImpl();

	AuditingAccessDeniedHandler(AuditTrail audit) {
		this.audit = audit;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		String reason = (denied instanceof CsrfException) ? "missing or invalid CSRF token" : "role not permitted";
		try {
			this.audit.record(AuditEvent.of("auth.access_denied", request.getMethod() + " " + request.getRequestURI(),
					AuditOutcome.DENIED)
				.withDetails(Map.of("reason", reason)));
		}
		catch (AuditUnavailableException ex) {
			// the request is refused either way
		}
		this.page.handle(request, response, denied);
	}

}
