package org.gmsaportal.web;

import java.util.List;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts what the layout needs into every page's model: the signed-in user and their roles, for the header
 * and the menu, and the request's correlation id, for error pages.
 */
@ControllerAdvice
class LayoutAdvice {

	/**
	 * The viewer as the layout shows them.
	 *
	 * @param name account name
	 * @param roles roles without the {@code ROLE_} prefix
	 */
	record CurrentUser(String name, List<String> roles) {

		public boolean isAdmin() {
			return this.roles.contains("ADMIN");
		}

	}

	@ModelAttribute("correlationId")
	@Nullable String correlationId() {
		return MDC.get(AuditTrail.CORRELATION_MDC_KEY);
	}

	@ModelAttribute("currentUser")
	@Nullable CurrentUser currentUser(@Nullable Authentication authentication) {
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return new CurrentUser(authentication.getName(), Actor.of(authentication, null).roles());
	}

}
