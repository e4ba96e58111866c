package org.gmsaportal.web.runs;

import java.time.Instant;
import java.util.List;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.provisioning.ArtifactNames;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunView;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A run as one JSON document for the change record: what was approved, how each step ended and the audit events
 * under the run id with their chain hashes. Artifacts are separate downloads; nothing here is a secret, since
 * neither step details nor audit events ever hold one.
 */
@RestController
class RunReportController {

	private static final int EVENT_LIMIT = 1000;

	private final ProvisioningService provisioning;

	private final AuditLog auditLog;

	RunReportController(ProvisioningService provisioning, AuditLog auditLog) {
		this.provisioning = provisioning;
		this.auditLog = auditLog;
	}

	@GetMapping(path = "/runs/{id}/report", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RunReport> report(@PathVariable String id) {
		RunView run = RunsController.find(this.provisioning, id);
		List<Step> steps = run.steps().stream()
			.map((s) -> new Step(s.index(), s.kind().name(), s.target(), s.intent().name(), s.description(),
					s.state().name(), s.result(), s.detail(), s.attempts(), s.budget()))
			.toList();
		List<Event> events = this.auditLog.search(new AuditQuery(null, null, null, null, null, null, run.id()), 0,
				EVENT_LIMIT).events().stream().map(Event::of).toList();
		RunReport report = new RunReport(run.id(), run.kind().name(), run.state().name(), run.gmsaName(), run.domain(),
				run.planHash(), run.approvedBy(), run.approvalReason(), run.ticketRef(), run.decommissions(), run.failure(), run.createdAt(),
				Instant.now(), steps, events);
		String name = ArtifactNames.report(run.gmsaName());
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.contentType(MediaType.APPLICATION_JSON)
			.body(report);
	}

	/** The report; times in UTC. */
	record RunReport(String runId, String kind, String state, String gmsaName, String domain, String planHash,
			String approvedBy, @Nullable String approvalReason, @Nullable String ticketRef,
			@Nullable String decommissions, @Nullable String failure, Instant startedAt, Instant generatedAt, List<Step> steps, List<Event> auditEvents) {
	}

	/** One step as the run recorded it, with what its last attempt cost in LDAP calls and milliseconds. */
	record Step(int index, String kind, String target, String intent, String description, String state,
			@Nullable String result, @Nullable String detail, int attempts, RunView.@Nullable Budget budget) {
	}

	/** One audit event under the run id, with its place in the hash chain. */
	record Event(long seq, Instant occurredAt, String actor, String action, String target, String outcome,
			String details, String hash) {

		static Event of(AuditRow row) {
			return new Event(row.seq(), row.occurredAt(), row.actor(), row.action(), row.target(), row.outcome(),
					row.details(), row.hash());
		}

	}

}
