package org.gmsaportal.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} requests against the API clients. A request without the
 * header passes on unauthenticated (and is refused by the rules); a presented token that is malformed,
 * unknown, expired or revoked is refused here with 401.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final ApiClients clients;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ApiTokenFilter(ApiClients clients, AuthenticationEntryPoint entryPoint) {
		this.clients = clients;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		try {
			ApiClient client = authenticate(header);
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(new ApiClientAuthentication(client));
			this.contexts.setContext(context);
			this.clients.touch(client);
		}
		catch (ApiTokenException ex) {
			this.contexts.clearContext();
			this.entryPoint.commence(request, response, ex);
			return;
		}
		chain.doFilter(request, response);
	}

	private ApiClient authenticate(String header) {
		if (header.length() < BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw new ApiTokenException("malformed", "The Authorization header is not a Bearer token.", null);
		}
		String token = header.substring(BEARER.length()).strip();
		if (!ApiTokens.wellFormed(token)) {
			throw new ApiTokenException("malformed", "The bearer token is malformed.", null);
		}
		Optional<ApiClient> found = this.clients.findByToken(token);
		if (found.isEmpty()) {
			throw new ApiTokenException("unknown", "The bearer token is not valid.", null);
		}
		ApiClient client = found.get();
		if (client.revoked()) {
			throw new ApiTokenException("revoked", "The bearer token was revoked.", client);
		}
		if (client.expired(this.clients.now())) {
			throw new ApiTokenException("expired", "The bearer token has expired.", client);
		}
		return client;
	}

}
