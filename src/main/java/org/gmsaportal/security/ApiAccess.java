package org.gmsaportal.security;

import java.util.List;

import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What the REST API tells the bearer-token filter chain about itself: the scope each of its routes needs,
 * and how a refused request is answered. The chain, its token check and its place ahead of the browser
 * chain are this module's; the routes and the shape of the answers are the API's, which provides the one
 * bean of this type.
 */
public interface ApiAccess {

	/** Each API route with the scope it requires, in the order they are tried; a route not listed is denied. */
	List<Rule> rules();

	/** Answers a request without a valid token (401); {@link ApiTokenException} says why a token was refused. */
	AuthenticationEntryPoint refusedToken();

	/** Answers a client whose token lacks the route's scope (403). */
	AccessDeniedHandler missingScope();

	/**
	 * One route and the scope it requires.
	 *
	 * @param matcher the requests the rule applies to
	 * @param scope the scope they need
	 */
	record Rule(RequestMatcher matcher, ApiScope scope) {
	}

}
