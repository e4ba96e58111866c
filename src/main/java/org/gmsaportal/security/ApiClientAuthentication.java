package org.gmsaportal.security;

import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.audit.Actor;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API client authenticated by its bearer token: named after the client, with the API_CLIENT kind and
 * one authority per scope. It holds no credentials: the token is not kept past the lookup.
 */
final class ApiClientAuthentication extends AbstractAuthenticationToken {

	private final ApiClient client;

	ApiClientAuthentication(ApiClient client) {
		super(authorities(client));
		this.client = client;
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(ApiClient client) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority(Actor.API_CLIENT_AUTHORITY));
		client.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
		return authorities;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public ApiClient getPrincipal() {
		return this.client;
	}

	@Override
	public String getName() {
		return this.client.name();
	}

}
