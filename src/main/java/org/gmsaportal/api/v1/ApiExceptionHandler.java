package org.gmsaportal.api.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.gmsaportal.audit.AuditUnavailableException;
import org.gmsaportal.callbacks.CallbackUrlRefusedException;
import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.SeparationOfDutiesException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of the API controllers into RFC 9457 problem details: bad input is a 400 listing
 * each offending field and the rule it broke; anything unexpected is a 500 that reveals nothing inside.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/** {@code gmsa_api_unavailable_total} in Prometheus. */
	static final String UNAVAILABLE = "gmsa.api.unavailable";

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ObjectProvider<MeterRegistry> meters;

	ApiExceptionHandler(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters;
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach(error -> errors.add(error(error.getField(), rule(error))));
		ex.getBindingResult().getGlobalErrors().forEach(error -> errors.add(error(error.getObjectName(), rule(error))));
		return badRequest("The request body is not valid.", errors);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach(result -> result.getResolvableErrors()
				.forEach(error -> errors.add(error(result.getMethodParameter().getParameterName(), rule(error)))));
		return badRequest("The request is not valid.", errors);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		return badRequest("A parameter has the wrong type or format.", List.of(error(field, "type")));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return badRequest("A required parameter is missing.", List.of(error(ex.getParameterName(), "required")));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// the parser's message quotes the input: never echo it
		return badRequest("The request body is not readable JSON of the expected shape.",
				List.of(error("body", "malformed")));
	}

	@ExceptionHandler(ApiInputException.class)
	ResponseEntity<Object> badInput(ApiInputException ex) {
		return badRequest("The request is not valid.", List.of(error(ex.field(), ex.rule())));
	}

	@ExceptionHandler(FilingBlockedException.class)
	ResponseEntity<Object> blocked(FilingBlockedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The request cannot run as "
				+ "filed: what it names exists already or is of the wrong kind. Nothing was filed.");
		problem.setProperty("errors", ex.errors());
		if (ex.ownerRun() != null) {
			problem.setProperty("ownerRun", ex.ownerRun());
		}
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler(CallbackUrlRefusedException.class)
	ResponseEntity<Object> badCallback(CallbackUrlRefusedException ex) {
		return badRequest("The request is not valid.", List.of(error("callbackUrl", ex.rule())));
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<Object> invalidRequest(InvalidRequestException ex) {
		// a stored request that rules tightened since no longer passes: named by the engine's field
		return badRequest("The request is not valid.", List.of(error(ex.field(), ex.rule())));
	}

	@ExceptionHandler(SeparationOfDutiesException.class)
	ResponseEntity<Object> ownRequest(SeparationOfDutiesException ex) {
		return refused(new RequestProblem(HttpStatus.FORBIDDEN, String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler(ProvisioningRefusedException.class)
	ResponseEntity<Object> engineRefused(ProvisioningRefusedException ex) {
		// the engine's and the lifecycle's refusals say what to do and hold no secret
		return refused(new RequestProblem(HttpStatus.CONFLICT, String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler(RequestProblem.class)
	ResponseEntity<Object> refused(RequestProblem ex) {
		return ResponseEntity.status(ex.status())
			.body(ProblemDetail.forStatusAndDetail(ex.status(), String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler(AuditUnavailableException.class)
	ResponseEntity<Object> auditUnavailable(AuditUnavailableException ex, HttpServletRequest request) {
		// the class only: the audit trail's message may quote what was being written
		logger.error("API {} {} answered 503: the audit trail is not writable ({})", request.getMethod(),
				request.getRequestURI(), ex.getClass().getSimpleName());
		count("audit", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The audit trail cannot be written; nothing was changed."));
	}

	/**
	 * The directory or the cluster did not answer; their messages say what to do and hold no secret. Each such 503
	 * is logged with its cause and counted (issue 18: under load some filings answered 503 with nothing in the log):
	 * the route, the message (which names the DCs or the cluster), what the portal was doing, and the exception
	 * classes with the innermost cause's message; never a stack trace, which would repeat every frame per request.
	 */
	@ExceptionHandler({ DirectoryException.class, ClusterOperationException.class })
	ResponseEntity<Object> backendUnavailable(RuntimeException ex, HttpServletRequest request) {
		String backend = (ex instanceof DirectoryException) ? "directory" : "cluster";
		String operation = (ex instanceof DirectoryException directory && directory.operation() != null)
				? directory.operation() : "not known";
		logger.warn("API {} {} answered 503: {} ({} while {}; {}, cause: {})", request.getMethod(),
				request.getRequestURI(), ex.getMessage(), backend, operation, ex.getClass().getName(),
				rootCause(ex));
		count(backend, ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, String.valueOf(ex.getMessage())));
	}

	// Tagged by backend and the innermost exception's class: a bounded set, never a message or a name.
	private void count(String backend, Throwable ex) {
		MeterRegistry registry = this.meters.getIfAvailable();
		if (registry != null) {
			Counter.builder(UNAVAILABLE)
				.description("API requests answered 503 because a backend did not answer")
				.tag("backend", backend)
				.tag("exception", innermost(ex).getClass().getSimpleName())
				.register(registry)
				.increment();
		}
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		logger.error("Unexpected failure in an API request", ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"The request failed inside the portal; the administrators can find it in the logs."));
	}

	private static ResponseEntity<Object> badRequest(String detail, List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	private static Map<String, String> error(@Nullable String field, String rule) {
		return Map.of("field", (field != null) ? field : "", "rule", rule);
	}

	/** The constraint's name, e.g. {@code max} for {@code @Max}: stable for clients, unlike messages. */
	private static String rule(MessageSourceResolvable error) {
		String[] codes = error.getCodes();
		String code = (codes != null && codes.length > 0) ? codes[codes.length - 1] : "invalid";
		if (error instanceof FieldError field && field.isBindingFailure()) {
			code = "type";
		}
		return code.toLowerCase(Locale.ROOT);
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = innermost(ex);
		return (cause == ex) ? "none" : cause.getClass().getName() + ": " + cause.getMessage();
	}

	private static Throwable innermost(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
