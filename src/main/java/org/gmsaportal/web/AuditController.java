package org.gmsaportal.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.provisioning.TrailLinks;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The audit log for admins and auditors: filtered pages under the chain's last recorded verification, streamed CSV
 * and JSON exports, chain check.
 */
@Controller
class AuditController {

	private static final int PAGE_SIZE = 50;

	private final AuditLog auditLog;

	private final MessageSource messages;

	private final TrailLinks links;

	AuditController(AuditLog auditLog, MessageSource messages, TrailLinks links) {
		this.auditLog = auditLog;
		this.messages = messages;
		this.links = links;
	}

	@GetMapping("/audit")
	String list(@Valid @ModelAttribute("filter") AuditFilter filter, BindingResult errors, Model model,
			HttpServletRequest request) {
		model.addAttribute("section", "audit");
		model.addAttribute("outcomes", AuditOutcome.values());
		model.addAttribute("filterQuery", filterQuery(request));
		AuditQuery query = errors.hasErrors() ? AuditQuery.all() : this.links.link(filter.toQuery());
		boolean valid = !errors.hasErrors();
		AuditListPage result = AuditListPage.read(this.auditLog, query, valid ? filter.getBefore() : null,
				valid ? filter.getAfter() : null, PAGE_SIZE);
		model.addAttribute("result", result);
		model.addAttribute("events", AuditDetails.of(result.events()));
		model.addAttribute("chain", ChainStatus.of(this.auditLog));
		// The form stays folded away until it filters something, so that a page of events fits the screen.
		model.addAttribute("filterOpen", !valid || !filter.toQuery().equals(AuditQuery.all()));
		return "audit/list";
	}

	@GetMapping("/audit/export.csv")
	ResponseEntity<StreamingResponseBody> exportCsv(@Valid AuditFilter filter, BindingResult errors) {
		if (errors.hasErrors()) {
			return badFilter(errors);
		}
		AuditLog.Export export = this.auditLog.export(this.links.link(filter.toQuery()), AuditLog.Export.Format.CSV);
		return download("audit-trail.csv", MediaType.parseMediaType("text/csv;charset=UTF-8"), export::writeTo);
	}

	@GetMapping("/audit/export.json")
	ResponseEntity<StreamingResponseBody> exportJson(@Valid AuditFilter filter, BindingResult errors) {
		if (errors.hasErrors()) {
			return badFilter(errors);
		}
		AuditLog.Export export = this.auditLog.export(this.links.link(filter.toQuery()), AuditLog.Export.Format.JSON);
		return download("audit-trail.json", MediaType.APPLICATION_JSON, export::writeTo);
	}

	@GetMapping("/audit/verify")
	String verify(Model model) {
		model.addAttribute("section", "audit");
		model.addAttribute("verification", this.auditLog.verify());
		return "audit/verify";
	}

	/** Names each rejected field and its rule, as plain text a script or a person can read. */
	private ResponseEntity<StreamingResponseBody> badFilter(BindingResult errors) {
		StringBuilder text = new StringBuilder("The export filter was not applied:\n");
		for (FieldError error : errors.getFieldErrors()) {
			text.append(error.getField()).append(": ")
				.append(this.messages.getMessage(error, LocaleContextHolder.getLocale())).append('\n');
		}
		byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
		return ResponseEntity.badRequest().contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
			.body(out -> out.write(body));
	}

	private static ResponseEntity<StreamingResponseBody> download(String name, MediaType type,
			StreamingResponseBody body) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.contentType(type)
			.body(body);
	}

	/** The current filter as a query string without the page's position, for export and paging links. */
	private static String filterQuery(HttpServletRequest request) {
		String query = ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("before")
			.replaceQueryParam("after").build().getQuery();
		return (query != null) ? query : "";
	}

}
