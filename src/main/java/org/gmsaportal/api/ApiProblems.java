package org.gmsaportal.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.ActorKind;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.ApiTokenException;
import org.gmsaportal.security.RepeatedDenials;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers refused API requests: 401 and 403 as RFC 9457 problem details with an RFC 6750
 * {@code WWW-Authenticate: Bearer} challenge, never a redirect to the sign-in page, and audits each one.
 */
final class ApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final String REALM = "Bearer realm=\"gmsa-portal\"";

	private final AuditTrail audit;

	private final RepeatedDenials denials;

	private final JsonMapper json;

	ApiProblems(AuditTrail audit, RepeatedDenials denials, JsonMapper json) {
		this.audit = audit;
		this.denials = denials;
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
			throws IOException {
		if (refused instanceof ApiTokenException invalid) {
			ApiClient client = invalid.client();
			@Nullable Actor actor = (client != null)
					? new Actor(client.name(), ActorKind.API_CLIENT, List.of(), request.getRemoteAddr()) : null;
			rejected(request, invalid.reason(), actor);
			write(request, response, HttpStatus.UNAUTHORIZED,
					REALM + ", error=\"invalid_token\", error_description=\"" + invalid.getMessage() + "\"",
					invalid.getMessage(), "invalid_token");
			return;
		}
		rejected(request, "no_token", null);
		write(request, response, HttpStatus.UNAUTHORIZED, REALM,
				"This endpoint needs an API client token: Authorization: Bearer <token>.", null);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		Optional<ApiScope> scope = ApiRoutes.requiredScope(request);
		String needed = scope.map(ApiScope::value).orElse("");
		record(request, "api.access_denied", Map.of("requiredScope", needed), null);
		String challenge = REALM + ", error=\"insufficient_scope\"" + (scope.isPresent() ? ", scope=\"" + needed + "\"" : "");
		String detail = scope.isPresent() ? "This endpoint needs the scope " + needed + "."
				: "No API client may use this endpoint.";
		write(request, response, HttpStatus.FORBIDDEN, challenge, detail, "insufficient_scope");
	}

	/**
	 * A 401 needs no account, so anyone can send them: the first for one route (any unlisted path counting as one)
	 * and reason from an address is recorded, the rest until the window ends are counted into one summary
	 * ({@link RepeatedDenials}).
	 */
	private void rejected(HttpServletRequest request, String reason, @Nullable Actor actor) {
		AuditEvent event = AuditEvent.of("api.auth.rejected", request.getMethod() + " " + request.getRequestURI(),
				AuditOutcome.DENIED)
			.withDetails(Map.of("reason", reason));
		String client = (actor != null) ? " " + actor.name() : "";
		String route = ApiRoutes.routeOf(request).orElse("unlisted");
		this.denials.record("api.auth.rejected " + reason + client + " " + route, request.getRemoteAddr(),
				(actor != null) ? event.withActor(actor) : event);
	}

	private void record(HttpServletRequest request, String action, Map<String, String> details, @Nullable Actor actor) {
		AuditEvent event = AuditEvent.of(action, request.getMethod() + " " + request.getRequestURI(),
				AuditOutcome.DENIED)
			.withDetails(details);
		try {
			this.audit.record((actor != null) ? event.withActor(actor) : event);
		}
		catch (AuditUnavailableException ex) {
			// the request is refused either way
		}
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String challenge,
			String detail, @Nullable String error) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		if (error != null) {
			problem.put("error", error);
		}
		response.setStatus(status.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
