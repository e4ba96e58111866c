package org.gmsaportal.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Records sign-outs. Signing out is never refused, even when the trail cannot be written.
 */
class AuditingLogoutHandler implements LogoutHandler {

	private final AuditTrail audit;

	AuditingLogoutHandler(AuditTrail audit) {
		this.audit = audit;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		if (authentication == null) {
			return;
		}
		try {
			this.audit.record(new AuditEvent("auth.logout", authentication.getName(), AuditOutcome.SUCCESS, Map.of(),
					Actor.of(authentication, request.getRemoteAddr()), null, null));
		}
		catch (AuditUnavailableException ex) {
			// signing out must always work: it only reduces what the user can do
		}
	}

}
