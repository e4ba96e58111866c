package org.gmsaportal.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

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

	/** The portal acting on its own (start-up, background runs). */
	public static Actor system() {
		return new Actor("system", ActorKind.SYSTEM, List.of(), null);
	}

}
