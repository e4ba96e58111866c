package org.gmsaportal.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.ActorKind;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Single sign-on's ends: a sign-in is audited like a password one ({@code auth.login}, source {@code oidc}) and
 * refused if that cannot be recorded; a refusal (no portal role, or the provider said no) is audited and shown on
 * the sign-in page, never as an error page.
 */
class OidcSignIn {

	static final String SOURCE = "oidc";

	/** Where the sign-in page's "Sign in with ..." link points. */
	static final String START = "/oauth2/authorization/" + OidcRegistrations.REGISTRATION_ID;

	private final AuditTrail audit;

	OidcSignIn(AuditTrail audit) {
		this.audit = audit;
	}

	AuthenticationSuccessHandler success() {
		SavedRequestAwareAuthenticationSuccessHandler landing = new SavedRequestAwareAuthenticationSuccessHandler();
		landing.setDefaultTargetUrl("/");
		return (request, response, authentication) -> {
			try {
				this.audit.record(event(authentication.getName(), Actor.of(authentication, request.getRemoteAddr()),
						AuditOutcome.SUCCESS, Map.of("source", SOURCE)));
			}
			catch (AuditUnavailableException ex) {
				// fail closed, as the password sign-in does: no session without its record
				SecurityContextHolder.clearContext();
				request.getSession().invalidate();
				response.sendRedirect(request.getContextPath() + "/login?unavailable");
				return;
			}
			landing.onAuthenticationSuccess(request, response, authentication);
		};
	}

	AuthenticationFailureHandler failure() {
		return (request, response, exception) -> {
			boolean noRole = exception instanceof OidcRoles.NotAPortalUser;
			String user = noRole ? ((OidcRoles.NotAPortalUser) exception).user() : "unknown";
			try {
				this.audit.record(event(user, new Actor(user, ActorKind.PERSON, List.of(), request.getRemoteAddr()),
						noRole ? AuditOutcome.DENIED : AuditOutcome.FAILURE,
						Map.of("source", SOURCE, "reason", reason(exception))));
			}
			catch (AuditUnavailableException ex) {
				// refused anyway; the audit writer has logged the failure
			}
			response.sendRedirect(request.getContextPath() + "/login?" + (noRole ? "sso-refused" : "sso-failed"));
		};
	}

	/** The provider's error code, or our own refusal in words; never a token or the provider's free text. */
	private static String reason(AuthenticationException exception) {
		if (exception instanceof OidcRoles.NotAPortalUser) {
			return exception.getMessage();
		}
		if (exception instanceof OAuth2AuthenticationException oauth) {
			return oauth.getError().getErrorCode();
		}
		return exception.getClass().getSimpleName();
	}

	private static AuditEvent event(String user, Actor actor, AuditOutcome outcome, Map<String, String> details) {
		return new AuditEvent("auth.login", user, outcome, details, actor, null, null);
	}

	/**
	 * Answers the "Sign in with ..." link with the sign-in page and a message when the provider's discovery document
	 * cannot be read, where Spring Security's redirect filter would answer 500.
	 */
	static final class Unavailable extends OncePerRequestFilter {

		private final OidcRegistrations registrations;

		Unavailable(OidcRegistrations registrations) {
			this.registrations = registrations;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (START.equals(request.getRequestURI().substring(request.getContextPath().length()))
					&& this.registrations.findByRegistrationId(OidcRegistrations.REGISTRATION_ID) == null) {
				response.sendRedirect(request.getContextPath() + "/login?sso-unavailable");
				return;
			}
			chain.doFilter(request, response);
		}

	}

}
