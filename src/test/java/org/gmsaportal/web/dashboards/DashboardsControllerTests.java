package org.gmsaportal.web.dashboards;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.InventoryFixtures;
import org.gmsaportal.inventory.SnapshotHeader;
import org.gmsaportal.provisioning.PendingRequests;
import org.gmsaportal.provisioning.PortableRotations;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The dashboards page as {@link DashboardsController} assembles it from the portal's own records. The services are
 * mocks: this slice tests the controller's HTTP translation; {@link DashboardsHttpTests} covers it against the real
 * engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module); only its sign-in manager and audit trail are mocks.
 */
@WebMvcTest(controllers = DashboardsController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class DashboardsControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RunOverview runs;

	@MockitoBean
	ProvisioningRequests requests;

	@MockitoBean
	AuditLog auditLog;

	@MockitoBean
	PortableRotations rotations;

	/** The inventory's service is tested in its module; here it answers snapshots built from its records. */
	@MockitoBean
	Inventory liveInventory;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	private final Map<RunState, Long> counts = new EnumMap<>(RunState.class);

	@BeforeEach
	void anEmptyPortal() {
		for (RunState state : RunState.values()) {
			this.counts.put(state, 0L);
		}
		given(this.runs.countsByState()).willReturn(this.counts);
		given(this.runs.inventory(any(), anyInt())).willReturn(new RunOverview.InventoryPage(List.of(), null));
		given(this.runs.needingAttention(DashboardsController.ATTENTION_LIMIT)).willReturn(List.of());
		given(this.requests.pending()).willReturn(new PendingRequests(0, null));
		given(this.auditLog.before(any(), anyLong(), eq(1))).willReturn(List.of());
	}

	@Test
	void theRunCountsAndTheApprovalQueueComeFromThePortalsRecords() {
		this.counts.put(RunState.FAILED, 2L);
		given(this.requests.pending()).willReturn(new PendingRequests(3, Instant.parse("2026-01-01T10:00:00Z")));
		assertThat(this.mvc.get().uri("/dashboards").with(user("reader").roles("AUDITOR"))).hasStatusOk()
			.hasViewName("dashboards/index")
			.model()
			.containsEntry("section", "dashboards")
			.containsEntry("counts", this.counts)
			.containsEntry("pending", new PendingRequests(3, Instant.parse("2026-01-01T10:00:00Z")))
			.containsEntry("pendingLink", "/api-requests?status=PENDING_APPROVAL")
			.containsEntry("attentionLimit", 50);
		verify(this.runs).needingAttention(50);
	}

	@Test
	void theProvisionedGmsasShowOnePageAndLinkToTheNextAndBackToTheFirst() throws Exception {
		given(this.runs.inventory(null, DashboardsController.INVENTORY_PAGE))
			.willReturn(new RunOverview.InventoryPage(List.of(), "run-50"));
		String first = this.mvc.get().uri("/dashboards").with(user("reader").roles("AUDITOR")).exchange().getResponse()
			.getContentAsString();
		assertThat(first).contains("By domain and name, 50 at a time.")
			.contains("id=\"inventory-next\" href=\"/dashboards?after=run-50#inventory-title\">Next 50<")
			.doesNotContain("id=\"inventory-first\"");

		given(this.runs.inventory("run-50", DashboardsController.INVENTORY_PAGE))
			.willReturn(new RunOverview.InventoryPage(List.of(), null));
		String last = this.mvc.get().uri("/dashboards?after=run-50").with(user("reader").roles("AUDITOR")).exchange()
			.getResponse().getContentAsString();
		assertThat(last).contains("id=\"inventory-first\" href=\"/dashboards#inventory-title\">First page<")
			.doesNotContain("id=\"inventory-next\"");
		verify(this.runs, never()).inventory();
	}

	@Test
	void theRefusalsOfTheLastDayLinkToTheAuditListFilteredToExactlyThem() {
		given(this.auditLog.countUpTo(argThat(q -> q != null && q.outcome() == AuditOutcome.DENIED),
				eq(AuditSummary.DENIED_CAP))).willReturn(4L);
		assertThat(this.mvc.get().uri("/dashboards").with(user("reader").roles("AUDITOR"))).hasStatusOk()
			.model()
			.extractingByKey("audit")
			.isInstanceOfSatisfying(AuditSummary.class, summary -> {
				assertThat(summary.denied()).isEqualTo(4);
				assertThat(summary.deniedLink()).startsWith("/audit?outcome=DENIED&from=").endsWith("&tz=UTC");
				assertThat(summary.deniedSince()).isBefore(Instant.now().minus(AuditSummary.DENIED_WINDOW).plusSeconds(1));
			});
	}

	@Test
	void theDashboardsCountNoAuditTableAndShowMoreThanTheCapOfRefusals() {
		given(this.auditLog.size()).willReturn(1_000_000L);
		given(this.auditLog.before(any(), anyLong(), eq(1))).willReturn(List.of(new AuditRow(1_000_000,
				Instant.parse("2026-01-01T10:00:00Z"), "admin", "PERSON", "ADMIN", null, "auth.login", "admin",
				"SUCCESS", "{}", null, null, "0".repeat(64), "e".repeat(64))));
		given(this.auditLog.countUpTo(any(), eq(AuditSummary.DENIED_CAP))).willReturn(AuditSummary.DENIED_CAP + 1);
		assertThat(this.mvc.get().uri("/dashboards").with(user("reader").roles("AUDITOR"))).hasStatusOk()
			.bodyText()
			.contains("id=\"audit-events\">1000000<")
			.containsPattern("id=\"audit-denied\"[^>]*>more than 1,000<");
		verify(this.auditLog, never()).search(any(), anyInt(), anyInt());
	}

	@Test
	void theNewestVerificationSaysWhetherTheChainWasIntact() {
		AuditRow broken = new AuditRow(9, Instant.parse("2026-01-01T10:00:00Z"), "admin", "PERSON", "ADMIN", null,
				"audit.verify", "audit_event", "FAILURE", "{}", null, null, "0".repeat(64), "e".repeat(64));
		given(this.auditLog.before(new AuditQuery(null, null, null, "audit.verify", null, null, null), Long.MAX_VALUE,
				1)).willReturn(List.of(broken));
		assertThat(this.mvc.get().uri("/dashboards").with(user("reader").roles("AUDITOR"))).hasStatusOk()
			.model()
			.extractingByKey("audit")
			.isInstanceOfSatisfying(AuditSummary.class, summary -> {
				assertThat(summary.lastVerification()).isEqualTo(broken);
				assertThat(summary.lastVerificationIntact()).isFalse();
			});
	}

	@Test
	void theLiveSectionCountsTheNewestSnapshotsDriftAndFindingsAndLinksToThem() throws Exception {
		// the header alone: the dashboards read no gMSA, drift or finding row
		given(this.liveInventory.header(null)).willReturn(Optional.of(SnapshotHeader.of(InventoryFixtures.many(3))));
		String page = this.mvc.get().uri("/dashboards").with(user("reader").roles("AUDITOR")).exchange().getResponse()
			.getContentAsString();
		assertThat(page).contains("From inventory snapshot 7")
			.contains("id=\"live-drift\" href=\"/inventory/findings\">1<")
			.contains("id=\"live-findings-HIGH\" href=\"/inventory/findings?finding=HIGH\">1<")
			.contains("id=\"live-findings-MEDIUM\" href=\"/inventory/findings?finding=MEDIUM\">0<")
			.doesNotContain("Nothing on this page is read live");
	}

	@Test
	void withoutASnapshotTheLiveSectionSaysSo() throws Exception {
		given(this.liveInventory.header(null)).willReturn(Optional.empty());
		String page = this.mvc.get().uri("/dashboards").with(user("reader").roles("AUDITOR")).exchange().getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"live-none\"").contains("No inventory snapshot yet.");
	}

	@Test
	void anAnonymousVisitorIsSentToSignInAndNothingIsRead() {
		assertThat(this.mvc.get().uri("/dashboards")).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
		verifyNoInteractions(this.runs, this.requests, this.auditLog);
	}

}
