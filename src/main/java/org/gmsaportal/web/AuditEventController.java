package org.gmsaportal.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One audit event on a page of its own, for admins and auditors: every field, its details as key/value rows with
 * nothing truncated, its place in the chain, and a way back to the list it was opened from (the list's filter rides
 * along in the query string).
 */
@Controller
class AuditEventController {

	private final AuditLog auditLog;

	AuditEventController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping("/audit/events/{seq}")
	String event(@PathVariable String seq, Model model, HttpServletRequest request) {
		if (!seq.matches("[1-9][0-9]{0,17}")) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		long wanted = Long.parseLong(seq);
		// A keyset read along the primary key: the one event at this position, whatever the trail's length.
		List<AuditRow> rows = this.auditLog.before(AuditQuery.all(), wanted + 1, 1);
		AuditRow row = rows.stream().filter((r) -> r.seq() == wanted).findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		String query = ServletUriComponentsBuilder.fromRequest(request).build().getQuery();
		model.addAttribute("section", "audit");
		model.addAttribute("event", AuditDetails.of(List.of(row)).get(0));
		model.addAttribute("newest", this.auditLog.size());
		model.addAttribute("filterQuery", (query != null) ? query : "");
		return "audit/event";
	}

}
