package org.gmsaportal.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@link #MAX_BODY} bytes with 413 before anything reads them: every endpoint of the
 * portal takes small bodies (API filings, decisions, forms, the sign-in form), and a body read whole before its
 * size is checked lets one client exhaust the heap.
 *
 * <p>
 * A declared {@code Content-Length} over the limit is refused without reading a byte. A body without one
 * (chunked) is read here up to one byte past the limit and, if it fits, handed on from memory; a form body is
 * parsed by the container, whose form limit ({@code server.tomcat.max-http-form-post-size}) is the same. The
 * API answers an RFC 9457 problem document, the pages the 413 error page. Runs ahead of Spring Security, so
 * nothing (CSRF check, sign-in, audit) touches the body first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodyLimitFilter extends OncePerRequestFilter {

	/** 64 KiB: the largest filing is a few KiB; keep server.tomcat.max-http-form-post-size equal to it. */
	static final int MAX_BODY = 64 * 1024;

	private final JsonMapper json;

	BodyLimitFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > MAX_BODY) {
			refuse(request, response);
			return;
		}
		if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			if (isForm(request)) {
				if (formTooLarge(request)) {
					refuse(request, response);
					return;
				}
			}
			else {
				byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
				if (body.length > MAX_BODY) {
					refuse(request, response);
					return;
				}
				chain.doFilter(new BufferedBodyRequest(request, body), response);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean isForm(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(java.util.Locale.ROOT)
			.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
	}

	/** Has the container parse the form now, within its form limit, so that a chunked form over it is caught here. */
	private static boolean formTooLarge(HttpServletRequest request) {
		try {
			request.getParameterMap();
			return false;
		}
		catch (InvalidParameterException ex) {
			if (ex.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
				return true;
			}
			throw ex;
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// the rest of the body is not read: the connection is closed after the answer
		response.setHeader(HttpHeaders.CONNECTION, "close");
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/api/")) {
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
			return;
		}
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", "Content Too Large");
		problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
		problem.put("detail", "The request body is larger than " + MAX_BODY + " bytes; it was not read and nothing "
				+ "was changed.");
		problem.put("instance", request.getRequestURI());
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
