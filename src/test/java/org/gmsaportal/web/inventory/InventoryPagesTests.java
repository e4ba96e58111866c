package org.gmsaportal.web.inventory;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditPage;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.cluster.WebhookCertificate;
import org.gmsaportal.inventory.DriftKind;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.InventoryFixtures;
import org.gmsaportal.inventory.InventorySnapshot;
import org.gmsaportal.inventory.Severity;
import org.gmsaportal.inventory.SnapshotSummary;
import org.gmsaportal.inventory.WebhookExpiry;
import org.gmsaportal.inventory.WebhookExpiry.Status;
import org.gmsaportal.provisioning.InventoryEntry;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunKind;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.TrailLinks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gmsaportal.inventory.InventoryFixtures.directory;
import static org.gmsaportal.inventory.InventoryFixtures.gmsa;
import static org.gmsaportal.inventory.InventoryFixtures.snapshot;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The inventory pages as the web module renders them from a snapshot. The inventory service is a mock answering
 * snapshots built from its records ({@link InventoryFixtures}): the service, its snapshots and the readers behind
 * them are tested in the inventory, directory and cluster modules. The browser's real {@code SecurityConfig} is in
 * the slice, so the role rules are the portal's own.
 */
@WebMvcTest(controllers = { InventoryController.class, GmsaPageController.class },
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
@Import({ SnapshotPicker.class })
class InventoryPagesTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	Inventory inventory;

	@MockitoBean
	RunOverview runs;

	@MockitoBean
	ProvisioningService provisioning;

	@MockitoBean
	AuditLog auditLog;

	@MockitoBean
	TrailLinks links;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@BeforeEach
	void aSnapshotOfSixtyGmsas() {
		InventorySnapshot snapshot = InventoryFixtures.many(60);
		given(this.inventory.latest()).willReturn(Optional.of(snapshot));
		given(this.inventory.history(anyInt())).willReturn(List.of(SnapshotSummary.of(snapshot)));
		// the face's in-memory list (the service's SQL list is held to it in InventoryServiceContract)
		// the face's in-memory answers, from latest()/asOf() (InventoryServiceContract holds the SQL ones to them)
		given(this.inventory.kept(any())).willCallRealMethod();
		given(this.inventory.gmsas(any(), any(), any(), anyInt(), anyInt())).willCallRealMethod();
		given(this.inventory.domains(any())).willCallRealMethod();
		given(this.inventory.gmsa(any(), any(), any(), any())).willCallRealMethod();
		given(this.runs.inventory()).willReturn(List.of());
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 100, 0));
		given(this.links.link(any())).willAnswer(call -> call.getArgument(0));
	}

	@Test
	void theGmsaTableShowsFiftyRowsAPageAndKeepsTheFilterInThePagerLinks() {
		String first = html("/inventory?domain=corp.example.com");
		assertThat(rows(first)).isEqualTo(50);
		assertThat(first).contains("Page 1 of 2 (60 rows)").contains("?domain=corp.example.com&amp;page=1");
		String second = html("/inventory?domain=corp.example.com&page=1");
		assertThat(rows(second)).isEqualTo(10);
		assertThat(second).contains("data-gmsa=\"app59$\"").doesNotContain("data-gmsa=\"app00$\"");
	}

	@Test
	void theNameFilterAndTheSortByRetrieversDescendingComeFromTheUrl() {
		String page = html("/inventory?name=app1&sort=RETRIEVERS&desc=true");
		// app10..app19: retrievers i % 7, so app13 (6) first and app14 (0) last
		assertThat(rows(page)).isEqualTo(10);
		assertThat(page.indexOf("data-gmsa=\"app13$\"")).isLessThan(page.indexOf("data-gmsa=\"app12$\""));
		assertThat(page.indexOf("data-gmsa=\"app12$\"")).isLessThan(page.indexOf("data-gmsa=\"app14$\""));
		assertThat(page).contains("aria-sort=\"descending\"");
		// the column header sorts the other way next, and keeps the name filter
		assertThat(page).contains("name=app1&amp;sort=RETRIEVERS&amp;desc=false");
	}

	@Test
	void findingAndDriftFiltersKeepOnlyTheFlaggedGmsaWithItsBadges() {
		String high = html("/inventory?finding=HIGH");
		assertThat(rows(high)).isEqualTo(1);
		assertThat(high).contains("data-gmsa=\"app00$\"").contains("1 finding, worst HIGH").contains("1 drift");
		assertThat(rows(html("/inventory?finding=LOW"))).isEqualTo(2);
		assertThat(rows(html("/inventory?drift=true"))).isEqualTo(1);
		assertThat(html("/inventory?drift=false")).contains("Page 1 of 2 (59 rows)");
	}

	@Test
	void aGmsaThePortalMadeLinksToItsRun() {
		given(this.runs.inventory()).willReturn(List.of(new InventoryEntry(InventoryFixtures.RUN, "app05",
				"CORP.example.com", "app05-hosts", null, null, null, "aks1", "apps", "app05", null, "admin",
				InventoryFixtures.TAKEN, null)));
		String page = html("/inventory?name=app05");
		assertThat(page).contains("href=\"/runs/" + InventoryFixtures.RUN + "\"");
	}

	@Test
	void aBadFilterIsNamedOnTheFormAndTheWholeListIsShown() {
		String page = html("/inventory?name=%3Cscript%3E");
		assertThat(page).contains("The filter was not applied").contains("may hold only letters");
		assertThat(rows(page)).isEqualTo(50);
	}

	@Test
	void anIncompleteListSaysSoWithTheReason() {
		given(this.inventory.latest()).willReturn(Optional.of(snapshot(3, List.of(directory("corp",
				List.of(gmsa("web01", 1, "web")), List.of("the DC timed out after page 3"))), List.of(), List.of())));
		String page = html("/inventory");
		assertThat(page).contains("id=\"incomplete\"").contains("This list is incomplete:")
			.contains("directory connection corp: the DC timed out after page 3");
	}

	@Test
	void withoutASnapshotThePageSaysSoAndOffersRefreshOnlyToAdmins() {
		given(this.inventory.latest()).willReturn(Optional.empty());
		given(this.inventory.history(anyInt())).willReturn(List.of());
		String admin = body(this.mvc.get().uri("/inventory").with(user("admin").roles("ADMIN")).exchange());
		assertThat(admin).contains("id=\"no-snapshot\"").contains("No inventory snapshot has been taken yet")
			.contains("action=\"/inventory/refresh\"");
		assertThat(html("/inventory")).contains("id=\"no-snapshot\"").doesNotContain("action=\"/inventory/refresh\"");
	}

	@Test
	void anAdminsRefreshTakesASnapshotAndAnAuditorsIsRefused() {
		given(this.inventory.refresh()).willReturn(InventoryFixtures.many(2));
		assertThat(this.mvc.post().uri("/inventory/refresh").with(user("reader").roles("AUDITOR")).with(csrf()))
			.hasStatus(403);
		verify(this.inventory, never()).refresh();
		assertThat(this.mvc.post().uri("/inventory/refresh").with(user("admin").roles("ADMIN")))
			.hasStatus(403);
		assertThat(this.mvc.post().uri("/inventory/refresh").with(user("admin").roles("ADMIN")).with(csrf()))
			.hasStatus3xxRedirection().redirectedUrl().isEqualTo("/inventory");
		verify(this.inventory).refresh();
	}

	@Test
	void onlyAuditorsAndAdminsSeeTheInventory() {
		assertThat(this.mvc.get().uri("/inventory").with(user("someone").roles("REQUESTER"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/inventory/gmsas/corp/app00$").with(user("someone").roles("REQUESTER")))
			.hasStatus(403);
		assertThat(this.mvc.get().uri("/inventory")).hasStatus3xxRedirection();
		verify(this.inventory, never()).latest();
	}

	@Test
	void theAsOfChoiceReadsTheSnapshotOfThatTime() {
		given(this.inventory.asOf(InventoryFixtures.TAKEN)).willReturn(Optional.of(InventoryFixtures.many(3)));
		String page = html("/inventory?asOf=2026-12-01T10:00:00Z");
		assertThat(rows(page)).isEqualTo(3);
		assertThat(page).contains("/inventory/kds-keys?asOf=2026-12-01T10:00:00Z");
		verify(this.inventory).asOf(InventoryFixtures.TAKEN);
	}

	@Test
	void theOtherTablesListKeysUsersSpecsAndFindingsBySeverity() {
		assertThat(html("/inventory/kds-keys")).contains("11111111-2222-3333-4444-555555555555").contains("usable");
		assertThat(html("/inventory/users")).contains("svc-web01").contains("40 days");
		assertThat(html("/inventory/credential-specs")).contains("webapp1").contains("every service account in batch")
			.contains("Deployment/apps/web");
		String findings = html("/inventory/findings?finding=HIGH");
		assertThat(findings).contains("broad-retrievers").doesNotContain("rc4-enabled").contains("id=\"findings-HIGH\"")
			.contains("SPNS_CHANGED");
	}

	@Test
	void theCredentialSpecPageListsEachWebhookCertificateWithWhenItExpiresAndHowItStands() {
		Instant t = InventoryFixtures.TAKEN;
		given(this.inventory.webhookCertificates(any())).willReturn(List.of(
				expiry("aks2", "Secret gmsa/old-tls (tls.crt)", t.minus(Duration.ofDays(1)), Status.EXPIRED, -1L),
				expiry("aks1", "caBundle of MutatingWebhookConfiguration soon", t.plus(Duration.ofDays(10)),
						Status.EXPIRING, 10L),
				expiry("aks1", "Secret gmsa/later-tls (tls.crt)", t.plus(Duration.ofDays(100)), Status.VALID, 100L),
				new WebhookExpiry("aks1", new WebhookCertificate("serving certificate of Service gmsa/broken", null,
						null, "no TLS Secret in gmsa holds a certificate for broken.gmsa.svc"), Status.UNREADABLE,
						null)));

		String page = html("/inventory/credential-specs");

		assertThat(page).contains("id=\"webhook-certificates\"").doesNotContain("id=\"webhook-certificates-empty\"")
			.contains("data-status=\"EXPIRED\"").contains(">expired<")
			.contains("caBundle of MutatingWebhookConfiguration soon").contains(">expires in 10 days<")
			.contains("datetime=\"" + t.plus(Duration.ofDays(10)) + "\"")
			.contains(">valid, 100 days left<")
			.contains("could not be read: no TLS Secret in gmsa holds a certificate for broken.gmsa.svc")
			.contains("webapp1");
		verify(this.inventory).webhookCertificates(InventoryFixtures.many(60).clusters());
	}

	@Test
	void aSnapshotWithoutWebhookCertificatesSaysNoneIsRecorded() {
		assertThat(html("/inventory/credential-specs")).contains("id=\"webhook-certificates-empty\"")
			.contains("No gMSA webhook certificate is recorded in this snapshot").contains("webapp1");
	}

	private static WebhookExpiry expiry(String cluster, String source, Instant notAfter, Status status, long days) {
		return new WebhookExpiry(cluster, new WebhookCertificate(source, "CN=" + source, notAfter, null), status,
				days);
	}

	@Test
	void aGmsasPageShowsItsFactsPrincipalsDriftFindingsRunsAndEvents() {
		RunView run = new RunView(InventoryFixtures.RUN, RunKind.PROVISION, RunState.SUCCEEDED, "corp.example.com",
				"app00", "a".repeat(64), "admin", null, null, null, null, InventoryFixtures.TAKEN,
				InventoryFixtures.TAKEN, List.of());
		given(this.provisioning.runs(any(), anyInt())).willReturn(List.of(run));
		AuditRow event = new AuditRow(42, InventoryFixtures.TAKEN, "admin", "PERSON", "ADMIN", null,
				"directory.gmsa.ensure", "CN=app00,OU=gMSAs,DC=corp,DC=example,DC=com", "SUCCESS", "{}",
				InventoryFixtures.RUN, null, "0".repeat(64), "1".repeat(64));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(event), 0, 100, 1));
		String page = html("/inventory/gmsas/corp/app00$");
		assertThat(page).contains("CN=app00,OU=gMSAs,DC=corp,DC=example,DC=com").contains("HTTP/app00.corp.example.com")
			.contains("app00-hosts").contains("AES256_CTS_HMAC_SHA1_96").contains("Reason for broad-retrievers.")
			.contains("SPNS_CHANGED").contains("SPNs: recorded [HTTP/a] now [HTTP/b]")
			.contains("href=\"/runs/" + InventoryFixtures.RUN + "\"").contains("data-seq=\"42\"");
	}

	@Test
	void aGmsaTheSnapshotDoesNotHoldIsNotFound() {
		assertThat(this.mvc.get().uri("/inventory/gmsas/corp/nosuch$").with(user("reader").roles("AUDITOR")))
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/inventory/gmsas/other/app00$").with(user("reader").roles("AUDITOR")))
			.hasStatus(404);
	}

	private String html(String uri) {
		return body(this.mvc.get().uri(uri).with(user("reader").roles("AUDITOR")).exchange());
	}

	static String body(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int rows(String html) {
		return html.split("data-gmsa=\"", -1).length - 1;
	}

}
