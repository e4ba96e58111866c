package org.gmsaportal.audit;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting right now: the actor background work was bound to ({@link OnBehalfOf}), else the signed-in
 * principal of the current request, else the portal itself.
 */
final class CurrentActor {

	private CurrentActor() {
	}

	public static Actor resolve() {
		Actor bound = OnBehalfOf.bound();
		if (bound != null) {
			return bound;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String address = sourceAddress();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return (address != null) ? new Actor("anonymous", ActorKind.PERSON, List.of(), address) : Actor.system();
		}
		return Actor.of(authentication, address);
	}

	private static @Nullable String sourceAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
