package org.gmsaportal.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The principal an audit event is attributed to.
 *
 * @param name user name, API client id or {@code system}
 * @param kind what sort of principal it is
 * @param roles the roles it held when it acted
 * @param sourceAddress the client address, when the action came over the network
 */
public record Actor(String name, ActorKind kind, List<String> roles, @Nullable String sourceAddress) {

	/**
	 * Authority an API client's authentication carries, so that events it causes name it as actor kind
	 * {@link ActorKind#API_CLIENT}; the API module grants it and guards API-client-only paths with it.
	 */
	public static final String API_CLIENT_AUTHORITY = "KIND_API_CLIENT";

	public Actor {
		roles = List.copyOf(roles);
	}

	/**
	 * The principal of an authentication: an API client when it carries {@link #API_CLIENT_AUTHORITY}, a
	 * person otherwise, with its roles without the {@code ROLE_} prefix, sorted so that events and pages list
	 * them the same way whatever order the authentication holds them in.
	 * @param authentication who signed in
	 * @param sourceAddress the client address, when the action came over the network
	 * @return the actor the authentication's events are attributed to
	 */
	public static Actor of(Authentication authentication, @Nullable String sourceAddress) {
		List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
			.toList();
		ActorKind kind = authorities.contains(API_CLIENT_AUTHORITY) ? ActorKind.API_CLIENT : ActorKind.PERSON;
		List<String> roles = authorities.stream().filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5))
			.sorted().toList();
		return new Actor(authentication.getName(), kind, roles, sourceAddress);
	}

	/**
	 * Who is acting on this thread now: the actor of the background work it does ({@link OnBehalfOf}), else the
	 * signed-in principal with the request's client address, else {@link #system()}. An approval captures it so that
	 * the run it starts acts on behalf of the approver.
	 */
	public static Actor current() {
		return CurrentActor.resolve();
	}

	/** The portal acting on its own: start-up, recovery, sweeps, the auto-approve policy. */
	public static Actor system() {
		return new Actor("system", ActorKind.SYSTEM, List.of(), null);
	}

}
