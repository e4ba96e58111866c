package org.gmsaportal.security;

import jakarta.servlet.http.HttpServletRequest;
import org.gmsaportal.audit.Actor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The API's own filter chain, ahead of the browser one: bearer tokens only, stateless, no CSRF (no
 * cookie is ever honoured, so there is nothing to forge), and refusals as problem details.
 *
 * <p>
 * Every route needs the scope the API lists for it ({@link ApiAccess#rules()}); anything unlisted is denied,
 * so a new endpoint is closed until someone decides which scope opens it.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

	static final String PROMETHEUS = "/actuator/prometheus";

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiClients clients, ApiAccess api) throws Exception {
		http.securityMatcher(apiRequests())
			.authorizeHttpRequests(requests -> {
				api.rules()
					.forEach(rule -> requests.requestMatchers(rule.matcher()).hasAuthority(rule.scope().authority()));
				requests.requestMatchers(apiDocuments()).hasAuthority(Actor.API_CLIENT_AUTHORITY);
				requests.requestMatchers(metrics()).hasAuthority(ApiScope.METRICS_READ.authority());
				requests.anyRequest().denyAll();
			})
			.addFilterAt(new ApiTokenFilter(clients, api.refusedToken()), BasicAuthenticationFilter.class)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache(cache -> cache.disable())
			.anonymous(anonymous -> anonymous.principal("anonymous"))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(api.refusedToken()).accessDeniedHandler(api.missingScope()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}

	/**
	 * Everything under /api, and the OpenAPI document and the Prometheus scrape when a client (not a browser
	 * session) asks for them.
	 */
	private static RequestMatcher apiRequests() {
		RequestMatcher bearer = (HttpServletRequest request) -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		return new OrRequestMatcher(path("/api/**"), new AndRequestMatcher(apiDocuments(), bearer),
				new AndRequestMatcher(metrics(), bearer));
	}

	/** Prometheus scrapes with a bearer token of an API client holding {@code metrics:read}. */
	static RequestMatcher metrics() {
		return path(PROMETHEUS);
	}

	/** The OpenAPI document as JSON or YAML (springdoc serves both). */
	private static RequestMatcher apiDocuments() {
		return new OrRequestMatcher(path("/v3/api-docs"), path("/v3/api-docs/**"), path("/v3/api-docs.yaml"));
	}

	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

}
