package org.gmsaportal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditQuery;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The audit log for admins and auditors: filtered pages, streamed CSV and JSON exports, chain check.
 */
@Controller
class AuditController {

	private static final int PAGE_SIZE = 50;

	private final AuditLog auditLog;

	AuditController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping("/audit")
	String list(@Valid @ModelAttribute("filter") AuditFilter filter, BindingResult errors, Model model,
			HttpServletRequest request) {
		model.addAttribute("section", "audit");
		model.addAttribute("outcomes", AuditOutcome.values());
		model.addAttribute("filterQuery", filterQuery(request));
		AuditQuery query = errors.hasErrors() ? AuditQuery.all() : filter.toQuery();
		int page = errors.hasErrors() ? 0 : filter.getPage();
		model.addAttribute("result", this.auditLog.search(query, page, PAGE_SIZE));
		return "audit/list";
	}

	@GetMapping("/audit/export.csv")
	ResponseEntity<StreamingResponseBody> exportCsv(@Valid AuditFilter filter, BindingResult errors) {
		if (errors.hasErrors()) {
			return ResponseEntity.badRequest().build();
		}
		AuditLog.Export export = this.auditLog.export(filter.toQuery(), AuditLog.Export.Format.CSV);
		return download("audit-trail.csv", MediaType.parseMediaType("text/csv;charset=UTF-8"), export::writeTo);
	}

	@GetMapping("/audit/export.json")
	ResponseEntity<StreamingResponseBody> exportJson(@Valid AuditFilter filter, BindingResult errors) {
		if (errors.hasErrors()) {
			return ResponseEntity.badRequest().build();
		}
		AuditLog.Export export = this.auditLog.export(filter.toQuery(), AuditLog.Export.Format.JSON);
		return download("audit-trail.json", MediaType.APPLICATION_JSON, export::writeTo);
	}

	@GetMapping("/audit/verify")
	String verify(Model model) {
		model.addAttribute("section", "audit");
		model.addAttribute("verification", this.auditLog.verify());
		return "audit/verify";
	}

	private static ResponseEntity<StreamingResponseBody> download(String name, MediaType type,
			StreamingResponseBody body) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.contentType(type)
			.body(body);
	}

	/** The current filter as a query string without the page, for export and paging links. */
	private static String filterQuery(HttpServletRequest request) {
		String query = ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("page").build().getQuery();
		return (query != null) ? query : "";
	}

}
