package org.gmsaportal.web;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every page whose action could not be audited answers 503 with a page saying that nothing was changed and what
 * to check, as the API does; not a 500. The portal acts only when the action's event is written in the same
 * transaction, so an action refused here changed nothing (directory writes run in runs, which say for themselves
 * what was done).
 */
@ControllerAdvice(basePackages = "org.gmsaportal.web")
class AuditOutagePage {

	private static final Logger logger = LoggerFactory.getLogger(AuditOutagePage.class);

	@ExceptionHandler(AuditUnavailableException.class)
	ModelAndView auditUnavailable(AuditUnavailableException ex) {
		// The message may quote what was being written: only its kind is logged here, the writer logged the cause.
		logger.error("A page's action was refused: the audit trail is not writable");
		ModelAndView page = new ModelAndView("error/audit-unavailable", HttpStatus.SERVICE_UNAVAILABLE);
		page.addObject("correlationId", MDC.get(AuditTrail.CORRELATION_MDC_KEY));
		return page;
	}

}
