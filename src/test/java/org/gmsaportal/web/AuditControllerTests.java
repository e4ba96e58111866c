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
 * The audit log's pages and exports as {@link AuditController} serves them: the filter's validation, its time zone,
 * the exports' refusal of a bad filter and their download headers. The services are mocks: this slice tests the
 * controller's HTTP translation; {@link PortalHttpTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module); only its sign-in manager and audit trail are mocks.
 */
@WebMvcTest(controllers = AuditController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
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

}
