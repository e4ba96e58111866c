package org.gmsaportal.web;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.TrailLinks;
import org.gmsaportal.audit.ChainVerification;
import org.gmsaportal.audit.CheckpointRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The audit log's pages and exports as {@link AuditController} and {@link AuditEventController} serve them: the
 * filter's validation, its time zone, the exports' refusal of a bad filter and their download headers, details as
 * key/value rows, the chain status and the page of one event. The services are mocks: this slice tests the
 * controller's HTTP translation; {@link PortalHttpTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module); only its sign-in manager and audit trail are mocks.
 */
@WebMvcTest(controllers = { AuditController.class, AuditEventController.class },
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class AuditControllerTests {

	private static final RequestPostProcessor AUDITOR = user("reader").roles("AUDITOR");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	AuditLog auditLog;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	/** Links nothing here: what it links is tested on real requests and runs in AuditTrailLabIntegrationTests. */
	@MockitoBean
	TrailLinks links;

	@BeforeEach
	void linkNothing() {
		given(this.links.link(any())).willAnswer(call -> call.getArgument(0));
	}

	@Test
	void aFilterThatBreaksRulesNamesEachFieldAndTheWholeLogIsShownInstead() {
		given(this.auditLog.before(any(), anyLong(), anyInt())).willReturn(List.of());
		assertThat(this.mvc.get().uri("/audit").param("action", "DROP TABLE").param("tz", "Mars/Base")
			.param("outcome", "BOGUS").param("before", "0").with(AUDITOR)).hasStatusOk()
			.hasViewName("audit/list")
			.model()
			.extractingBindingResult("filter")
			.hasFieldErrorCode("action", "Pattern")
			.hasFieldErrorCode("tzValid", "AssertTrue")
			.hasFieldErrorCode("outcome", "typeMismatch")
			.hasFieldErrorCode("before", "Min");
		verify(this.auditLog).before(AuditQuery.all(), Long.MAX_VALUE, 51);
	}

	@Test
	void aValidFilterIsReadInTheViewersZoneAndPagingLinksKeepItWithoutThePosition() {
		given(this.auditLog.before(any(), anyLong(), anyInt())).willReturn(List.of());
		assertThat(this.mvc.get().uri("/audit?from=2026-01-01T10:00&tz=Europe/Berlin&outcome=DENIED&before=200")
			.with(AUDITOR)).hasStatusOk()
			.model()
			.doesNotHaveErrors()
			.containsEntry("filterQuery", "from=2026-01-01T10:00&tz=Europe/Berlin&outcome=DENIED");
		verify(this.auditLog).before(new AuditQuery(Instant.parse("2026-01-01T09:00:00Z"), null, null, null,
				AuditOutcome.DENIED, null, null), 200L, 51);
	}

	@Test
	void theListReadsByKeysetAndCountsNoFurtherThanItsCap() {
		List<AuditRow> rows = new java.util.ArrayList<>();
		for (long seq = 1_000_000; seq > 1_000_000 - 51; seq--) {
			rows.add(new AuditRow(seq, Instant.parse("2026-01-01T10:00:00Z"), "admin", "PERSON", "ADMIN", null,
					"auth.login", "admin", "SUCCESS", "{}", null, null, "0".repeat(64), "e".repeat(64)));
		}
		given(this.auditLog.before(any(), anyLong(), anyInt())).willReturn(rows);
		given(this.auditLog.countUpTo(any(), anyLong())).willReturn(1001L);
		assertThat(this.mvc.get().uri("/audit?outcome=SUCCESS").with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("more than 1,000 matching events")
			.contains("href=\"/audit?outcome=SUCCESS&amp;before=999951\"")
			.doesNotContain("after=");
		verify(this.auditLog, never()).search(any(), anyInt(), anyInt());
	}

	@Test
	void aBadExportFilterIsRefusedAsPlainTextNamingEachFieldAndNothingIsExported() {
		assertThat(this.mvc.get().uri("/audit/export.csv?outcome=BOGUS&action=DROP").with(AUDITOR)).hasStatus(400)
			.hasContentType("text/plain;charset=UTF-8")
			.bodyText()
			.startsWith("The export filter was not applied:")
			.contains("outcome: must be SUCCESS, FAILURE or DENIED")
			.contains("action: may contain only lower-case letters, digits, dots and underscores");
		verify(this.auditLog, never()).export(any(), any());
	}

	@Test
	void aCsvExportIsAnAttachmentOfWhatTheLogWrites() {
		given(this.auditLog.export(new AuditQuery(null, null, null, "auth.", null, null, null),
				AuditLog.Export.Format.CSV))
			.willReturn(out -> new PrintStream(out, true, StandardCharsets.UTF_8).print("seq,occurred_at,actor\n"));
		assertThat(this.mvc.get().uri("/audit/export.csv?action=auth.").with(AUDITOR)).hasStatusOk()
			.hasContentType("text/csv;charset=UTF-8")
			.hasHeader("Content-Disposition", "attachment; filename=\"audit-trail.csv\"")
			.hasBodyTextEqualTo("seq,occurred_at,actor\n");
	}

	@Test
	void theVerifyPageShowsTheLogsVerdict() {
		ChainVerification broken = new ChainVerification(false, 12, 7L, "event 7 was changed",
				Instant.parse("2026-01-01T10:00:00Z"));
		given(this.auditLog.verify()).willReturn(broken);
		assertThat(this.mvc.get().uri("/audit/verify").with(AUDITOR)).hasStatusOk()
			.hasViewName("audit/verify")
			.model()
			.containsEntry("verification", broken)
			.containsEntry("section", "audit");
	}

	@Test
	void theVerifyPageNamesTheCheckpointItComparedTheTrailWith() {
		CheckpointRef used = new CheckpointRef(5, "b".repeat(64), Instant.parse("2026-12-07T10:00:00Z"),
				"/worm/checkpoint-5.txt");
		given(this.auditLog.verify()).willReturn(new ChainVerification(false, 0, 1L, "Events 1 to 5 are missing",
				Instant.parse("2026-12-07T10:05:00Z"), used));
		assertThat(this.mvc.get().uri("/audit/verify").with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("Events 1 to 5 are missing")
			.contains("event 5, signed 2026-12-07T10:00:00Z, file /worm/checkpoint-5.txt")
			.contains("/audit/checkpoint-key.pem")
			.doesNotContain("publish-checkpoint");
	}

	@Test
	void eachEventsDetailsAreKeyValueRowsAndALongValueOpensToTheWhole() {
		String problem = "The trail no longer extends event 5: " + "y".repeat(150);
		given(this.auditLog.before(any(), anyLong(), anyInt())).willReturn(List.of(row(7, "audit.verify",
				"{\"intact\": false, \"checkpoint\": {\"seq\": 5}, \"problem\": \"" + problem + "\"}")));
		given(this.auditLog.countUpTo(any(), anyLong())).willReturn(1L);
		assertThat(this.mvc.get().uri("/audit").with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("<th scope=\"row\">intact</th>")
			.contains("<th scope=\"row\">checkpoint.seq</th>")
			.containsPattern("<details class=\"kv-long\">\\s*<summary>The trail no longer extends event 5: y+\u2026</summary>")
			.contains(problem + "</span>")
			// the one-line summary the row shows before it is opened
			.contains("<summary>intact: false \u00b7 checkpoint.seq: 5 \u00b7 problem: The trail")
			.doesNotContain("{&quot;intact&quot;");
	}

	@Test
	void eventLinksCarryTheListsFilterAndTheFormFoldsAwayWhenNothingFilters() {
		given(this.auditLog.before(any(), anyLong(), anyInt())).willReturn(List.of(row(42, "auth.login", "{}")));
		assertThat(this.mvc.get().uri("/audit?actor=admin&outcome=SUCCESS").with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("href=\"/audit/events/42?actor=admin&amp;outcome=SUCCESS\"")
			.containsPattern("<details class=\"filter-box\" id=\"audit-filter-box\" open")
			.contains("method=\"get\"");
		assertThat(this.mvc.get().uri("/audit").with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("href=\"/audit/events/42\"")
			.contains("<details class=\"filter-box\" id=\"audit-filter-box\">");
	}

	@Test
	void theChainStatusIsTheLastRecordedVerificationAndTheEventsAfterItWithoutWalkingTheChain() {
		AuditQuery verifications = new AuditQuery(null, null, null, "audit.verify", null, null, null);
		given(this.auditLog.before(any(), anyLong(), anyInt())).willReturn(List.of());
		given(this.auditLog.before(verifications, Long.MAX_VALUE, 1)).willReturn(List.of(row(41, "audit.verify",
				"{\"intact\": true, \"eventsChecked\": 40, \"problem\": \"The chain is intact.\"}")));
		given(this.auditLog.size()).willReturn(1_040L);
		assertThat(this.mvc.get().uri("/audit").with(AUDITOR)).hasStatusOk()
			.bodyText()
			.containsPattern("id=\"chain-status\" class=\"alert info\"")
			.contains("Intact: the first 40 events were verified by admin at")
			.contains("<time datetime=\"2026-01-01T10:00:00Z\">")
			.contains("1,000 events recorded since are not verified yet.");
		verify(this.auditLog, never()).verify();
	}

	@Test
	void aBrokenOrNeverVerifiedChainSaysSoAtTheTop() {
		AuditQuery verifications = new AuditQuery(null, null, null, "audit.verify", null, null, null);
		given(this.auditLog.before(any(), anyLong(), anyInt())).willReturn(List.of());
		given(this.auditLog.size()).willReturn(12L);
		assertThat(this.mvc.get().uri("/audit").with(AUDITOR)).hasStatusOk()
			.bodyText()
			.containsPattern("id=\"chain-status\" class=\"alert warning\"")
			.contains("The chain of these 12 events has never been verified");
		given(this.auditLog.before(verifications, Long.MAX_VALUE, 1)).willReturn(List.of(row(13, "audit.verify",
				"{\"intact\": false, \"eventsChecked\": 12, \"problem\": \"event 7 was changed\"}", "FAILURE")));
		assertThat(this.mvc.get().uri("/audit").with(AUDITOR)).hasStatusOk()
			.bodyText()
			.containsPattern("id=\"chain-status\" class=\"alert error\"")
			.contains("id=\"chain-problem\">event 7 was changed<");
		verify(this.auditLog, never()).verify();
	}

	@Test
	void anEventHasAPageOfItsOwnWithEveryFieldAndTheWayBackToItsList() {
		given(this.auditLog.before(AuditQuery.all(), 8L, 1)).willReturn(List.of(row(7, "provisioning.step.ensure-gmsa",
				"{\"state\": \"SUCCEEDED\", \"dn\": \"CN=web01,CN=Managed Service Accounts,DC=lab,DC=test\"}")));
		given(this.auditLog.size()).willReturn(9L);
		assertThat(this.mvc.get().uri("/audit/events/7?actor=admin").with(AUDITOR)).hasStatusOk()
			.hasViewName("audit/event")
			.bodyText()
			.contains("<title>Audit event 7 · gMSA Portal</title>")
			.contains("id=\"event-action\">provisioning.step.ensure-gmsa<")
			.contains("<th scope=\"row\">dn</th>")
			.contains("CN=web01,CN=Managed Service Accounts,DC=lab,DC=test</span>")
			.contains("id=\"event-hash\">" + "e".repeat(64) + "<")
			.contains("href=\"/audit/events/8?actor=admin\"")
			.contains("href=\"/audit/events/6?actor=admin\"")
			.contains("id=\"event-back\" href=\"/audit?actor=admin\"");
	}

	@Test
	void anEventThatIsNotInTheTrailIsNotFound() {
		given(this.auditLog.before(AuditQuery.all(), 100L, 1)).willReturn(List.of(row(98, "auth.login", "{}")));
		assertThat(this.mvc.get().uri("/audit/events/99").with(AUDITOR)).hasStatus(404);
		assertThat(this.mvc.get().uri("/audit/events/0").with(AUDITOR)).hasStatus(404);
		assertThat(this.mvc.get().uri("/audit/events/x1").with(AUDITOR)).hasStatus(404);
	}

	@Test
	void anEventsPageIsForAdminsAndAuditorsOnly() {
		given(this.auditLog.before(AuditQuery.all(), 8L, 1)).willReturn(List.of(row(7, "auth.login", "{}")));
		assertThat(this.mvc.get().uri("/audit/events/7").with(user("admin").roles("ADMIN"))).hasStatusOk();
		assertThat(this.mvc.get().uri("/audit/events/7").with(user("nobody").roles("NONE"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/audit/events/7")).hasStatus3xxRedirection();
	}

	private static AuditRow row(long seq, String action, String details) {
		return row(seq, action, details, "SUCCESS");
	}

	private static AuditRow row(long seq, String action, String details, String outcome) {
		return new AuditRow(seq, Instant.parse("2026-01-01T10:00:00Z"), "admin", "PERSON", "ADMIN", "10.0.0.5",
				action, "audit_event", outcome, details, "run-1", null, "0".repeat(64), "e".repeat(64));
	}

}
