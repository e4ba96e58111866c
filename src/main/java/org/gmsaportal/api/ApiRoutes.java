package org.gmsaportal.api;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.gmsaportal.security.ApiScope;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which scope each API route needs: one table that both the filter chain's rules and the
 * {@code insufficient_scope} challenge read, so they cannot disagree.
 */
final class ApiRoutes {

	/** One route and the scope it requires. */
	record Route(HttpMethod method, String pattern, ApiScope scope) {

		RequestMatcher matcher() {
			return PathPatternRequestMatcher.withDefaults().matcher(this.method, this.pattern);
		}

	}

	// The provisioning-request routes are listed ahead of their controllers, so they are never open by default.
	// Each route is one method on one path: a GET rule with /** let GET reach POST-only paths (answered 405), and
	// a HEAD or OPTIONS is refused like any method the API does not map.
	static final List<Route> ROUTES = List.of(new Route(HttpMethod.GET, "/api/v1/audit-events", ApiScope.AUDIT_READ),
			new Route(HttpMethod.GET, "/api/v1/audit-events/verification", ApiScope.AUDIT_READ),
			new Route(HttpMethod.POST, "/api/v1/provisioning-requests", ApiScope.REQUESTS_WRITE),
			new Route(HttpMethod.POST, "/api/v1/provisioning-requests/*/approval", ApiScope.REQUESTS_APPROVE),
			new Route(HttpMethod.POST, "/api/v1/provisioning-requests/*/rejection", ApiScope.REQUESTS_APPROVE),
			new Route(HttpMethod.POST, "/api/v1/provisioning-requests/*/decommission", ApiScope.REQUESTS_WRITE),
			new Route(HttpMethod.POST, "/api/v1/provisioning-requests/*/rotation", ApiScope.REQUESTS_WRITE),
			new Route(HttpMethod.GET, "/api/v1/provisioning-requests", ApiScope.REQUESTS_READ),
			new Route(HttpMethod.GET, "/api/v1/provisioning-requests/*", ApiScope.REQUESTS_READ),
			new Route(HttpMethod.GET, "/api/v1/provisioning-requests/*/credential-spec", ApiScope.REQUESTS_READ),
			new Route(HttpMethod.GET, "/api/v1/provisioning-requests/*/manifests", ApiScope.REQUESTS_READ),
			new Route(HttpMethod.GET, "/api/v1/inventory/gmsas", ApiScope.INVENTORY_READ),
			new Route(HttpMethod.GET, "/api/v1/inventory/gmsas/*", ApiScope.INVENTORY_READ),
			new Route(HttpMethod.GET, "/api/v1/findings", ApiScope.INVENTORY_READ));

	private ApiRoutes() {
	}

	/** The route a request matches, e.g. {@code GET /api/v1/audit-events}; empty for a path the API does not list. */
	static Optional<String> routeOf(HttpServletRequest request) {
		return ROUTES.stream().filter(route -> route.matcher().matches(request))
			.map(route -> route.method() + " " + route.pattern()).findFirst();
	}

	static Optional<ApiScope> requiredScope(HttpServletRequest request) {
		return ROUTES.stream().filter(route -> route.matcher().matches(request)).map(Route::scope).findFirst();
	}

}
