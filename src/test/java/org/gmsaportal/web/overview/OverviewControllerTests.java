package org.gmsaportal.web.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.cluster.WebhookCertificate;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.SnapshotSummary;
import org.gmsaportal.inventory.WebhookExpiry;
import org.gmsaportal.inventory.WebhookExpiry.Status;
import org.gmsaportal.provisioning.LiveChecks;
import org.gmsaportal.provisioning.PendingRequests;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunFilter;
import org.gmsaportal.provisioning.RunKind;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.web.wizard.ConnectionHealth;
import org.gmsaportal.web.wizard.ConnectionHealth.Health;
import org.gmsaportal.web.wizard.ConnectionHealth.State;
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
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The overview's attention items as {@link OverviewController} builds them from the portal's records: each kind
 * with the link where it is acted on, nothing when all is well, and links an auditor may open. The read models are
 * mocks (each is tested in its module); the real {@code SecurityConfig} decides who may see the page.
 */
@WebMvcTest(controllers = OverviewController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class OverviewControllerTests {

	private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	LiveChecks connections;

	@MockitoBean
	RunOverview runs;

	@MockitoBean
	ProvisioningService provisioning;

	@MockitoBean
	ProvisioningRequests requests;

	@MockitoBean
	Inventory inventory;

	@MockitoBean
	ConnectionHealth health;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	private final Map<RunState, Long> counts = new EnumMap<>(RunState.class);

	@BeforeEach
	void allIsWell() {
		given(this.runs.countsByState()).willReturn(this.counts);
		given(this.runs.needingAttention(anyInt())).willReturn(List.of());
		given(this.provisioning.runs(any(), anyInt())).willReturn(List.of(run("r-ok", RunState.SUCCEEDED, null)));
		given(this.requests.pending()).willReturn(new PendingRequests(0, null));
		given(this.inventory.history(1)).willReturn(List.of(new SnapshotSummary(7, T, "system", 3, 2, 0, 0, true)));
		given(this.health.all()).willReturn(List.of(new Health("directory", "lab", State.OK, "lab.test", T)));
	}

	@Test
	void nothingAppearsWhenAllIsWell() {
		assertThat(this.mvc.get().uri("/").with(user("admin").roles("ADMIN"))).hasStatusOk()
			.hasViewName("overview")
			.bodyText()
			.contains("id=\"attention-none\"")
			.doesNotContain("attention-item")
			.contains("href=\"/runs/r-ok\"")
			.contains("data-connection=\"directory:lab\" data-state=\"OK\"");
	}

	@Test
	void eachKindOfAttentionAppearsWithTheLinkWhereItIsActedOn() throws Exception {
		given(this.runs.needingAttention(OverviewController.RUN_LIMIT))
			.willReturn(List.of(run("r-failed", RunState.FAILED, "SPN host/web01 is already registered")));
		this.counts.put(RunState.FAILED, 3L);
		this.counts.put(RunState.INTERRUPTED, 1L);
		given(this.requests.pending()).willReturn(new PendingRequests(2, T));
		given(this.inventory.history(1)).willReturn(List.of(new SnapshotSummary(9, T, "system", 3, 2, 4, 5, false)));
		given(this.health.all()).willReturn(List.of(new Health("directory", "lab", State.DOWN,
				"Cannot reach a domain controller", T)));

		String body = this.mvc.get().uri("/").with(user("admin").roles("ADMIN")).exchange().getResponse()
			.getContentAsString();

		assertThat(item(body, "run")).contains("PROVISION run of web01@lab.test is FAILED: SPN host/web01 is already")
			.contains("href=\"/runs/r-failed\"");
		assertThat(item(body, "runs-more")).contains("3 more stopped runs").contains("href=\"/dashboards\"");
		assertThat(item(body, "connection")).contains("Directory connection lab does not answer: Cannot reach")
			.contains("href=\"/wizard/connections\"");
		assertThat(item(body, "requests")).contains("2 filed requests wait for approval")
			.contains("href=\"/api-requests?status=PENDING_APPROVAL\"");
		assertThat(item(body, "drift")).contains("4 objects drifted").contains("href=\"/inventory/findings\"");
		assertThat(item(body, "findings")).contains("5 risky settings").contains("href=\"/inventory/findings\"");
		assertThat(item(body, "snapshot-incomplete")).contains("snapshot 9 could not read everything")
			.contains("href=\"/inventory\"");
		assertThat(body).doesNotContain("id=\"attention-none\"");
	}

	@Test
	void anAuditorIsSentOnlyToPagesItMayOpen() throws Exception {
		given(this.health.all()).willReturn(List.of(new Health("cluster", "aks", State.DOWN, "refused", T)));
		given(this.runs.needingAttention(OverviewController.RUN_LIMIT))
			.willReturn(List.of(run("r-stuck", RunState.INTERRUPTED, null)));
		given(this.requests.pending()).willReturn(new PendingRequests(1, T));

		String body = this.mvc.get().uri("/").with(user("reader").roles("AUDITOR")).exchange().getResponse()
			.getContentAsString();

		assertThat(item(body, "connection")).contains("Cluster connection aks does not answer: refused")
			.contains("href=\"/connections\"");
		assertThat(item(body, "run")).contains("Open the run<").doesNotContain("resume");
		assertThat(item(body, "requests")).contains("See the requests");
		assertThat(body).doesNotContain("href=\"/wizard").doesNotContain("id=\"start-wizard\"");
	}

	@Test
	void aViewReadsOnlyBoundedListsAndTheNewestSnapshotsCountsRow() {
		assertThat(this.mvc.get().uri("/").with(user("admin").roles("ADMIN"))).hasStatusOk();
		verify(this.runs).needingAttention(OverviewController.RUN_LIMIT);
		verify(this.provisioning).runs(RunFilter.all(), OverviewController.RUN_LIMIT);
		verify(this.inventory).history(1);
		// the whole snapshot (every listing, drift and finding) is the inventory pages' to load, not the overview's
		verify(this.inventory, never()).latest();
		verify(this.connections, never()).directoryStatus(any());
		verify(this.connections, never()).clusterStatus(any());
	}

	@Test
	void eachClusterWhoseWebhookCertificateExpiredOrExpiresSoonIsListedOnceWithTheDateAndWhereToLook()
			throws Exception {
		given(this.inventory.webhookCertificatesDue()).willReturn(List.of(
				expiry("aks2", "Secret gmsa/old-tls (tls.crt)", T.minus(Duration.ofDays(1)), Status.EXPIRED, -1),
				expiry("aks1", "caBundle of MutatingWebhookConfiguration gmsa-soon", T.plus(Duration.ofDays(10)),
						Status.EXPIRING, 10),
				expiry("aks1", "Secret gmsa/gmsa-soon-tls (tls.crt)", T.plus(Duration.ofDays(10)), Status.EXPIRING,
						10)));

		String body = this.mvc.get().uri("/").with(user("reader").roles("AUDITOR")).exchange().getResponse()
			.getContentAsString();

		List<String> items = items(body, "webhook-certificate");
		assertThat(items).hasSize(2);
		assertThat(items.get(0)).contains("danger")
			.contains("The gMSA webhook certificate of cluster aks2 has expired (Secret gmsa/old-tls (tls.crt))")
			.contains("datetime=\"" + T.minus(Duration.ofDays(1)) + "\"")
			.contains("href=\"/inventory/credential-specs#webhook-certificates\"");
		assertThat(items.get(1)).contains("The gMSA webhook certificate of cluster aks1 expires in 10 days "
				+ "(caBundle of MutatingWebhookConfiguration gmsa-soon)")
			.contains("datetime=\"" + T.plus(Duration.ofDays(10)) + "\"")
			.contains("href=\"/inventory/credential-specs#webhook-certificates\"");
		assertThat(body).doesNotContain("id=\"attention-none\"");
		verify(this.inventory, never()).latest();
	}

	@Test
	void countsOfOneAreSingularAndOfTwoPlural() throws Exception {
		given(this.runs.needingAttention(OverviewController.RUN_LIMIT))
			.willReturn(List.of(run("r-failed", RunState.FAILED, "refused")));
		this.counts.put(RunState.FAILED, 2L);
		given(this.requests.pending()).willReturn(new PendingRequests(1, T));
		given(this.inventory.history(1)).willReturn(List.of(new SnapshotSummary(9, T, "system", 1, 1, 1, 1, true)));

		String one = this.mvc.get().uri("/").with(user("admin").roles("ADMIN")).exchange().getResponse()
			.getContentAsString();

		assertThat(item(one, "requests")).contains("1 filed request waits for approval.");
		assertThat(item(one, "runs-more")).contains(">1 more stopped run<");
		assertThat(item(one, "drift")).contains("1 object drifted from");
		assertThat(item(one, "findings")).contains("1 risky setting was found");
		assertThat(one).contains("Snapshot 9: 1 gMSA, 1 credential spec, taken");

		this.counts.put(RunState.FAILED, 3L);
		given(this.requests.pending()).willReturn(new PendingRequests(2, T));
		given(this.inventory.history(1)).willReturn(List.of(new SnapshotSummary(9, T, "system", 2, 2, 2, 2, true)));

		String two = this.mvc.get().uri("/").with(user("admin").roles("ADMIN")).exchange().getResponse()
			.getContentAsString();

		assertThat(item(two, "requests")).contains("2 filed requests wait for approval.");
		assertThat(item(two, "runs-more")).contains(">2 more stopped runs<");
		assertThat(item(two, "drift")).contains("2 objects drifted from");
		assertThat(item(two, "findings")).contains("2 risky settings were found");
		assertThat(two).contains("Snapshot 9: 2 gMSAs, 2 credential specs, taken");
	}

	@Test
	void withoutADirectoryThePageSaysPlanOnlyModeAndLinksToIt() {
		given(this.connections.directoryConnections()).willReturn(List.of());
		given(this.health.all()).willReturn(List.of());
		assertThat(this.mvc.get().uri("/").with(user("admin").roles("ADMIN"))).hasStatusOk()
			.bodyText()
			.contains("id=\"plan-only-mode\"")
			.contains("href=\"/wizard/plan-only\"")
			.contains("id=\"health-none\"");
	}

	/** The {@code <li>} of the attention list of the given kind. */
	private static String item(String body, String kind) {
		int start = body.indexOf("data-kind=\"" + kind + "\"");
		assertThat(start).as("attention item " + kind).isPositive();
		return body.substring(start, body.indexOf("</li>", start));
	}

	/** Every {@code <li>} of the attention list of the given kind, in order. */
	private static List<String> items(String body, String kind) {
		List<String> items = new java.util.ArrayList<>();
		for (int start = body.indexOf("data-kind=\"" + kind + "\""); start >= 0;
				start = body.indexOf("data-kind=\"" + kind + "\"", start + 1)) {
			items.add(body.substring(body.lastIndexOf("<li", start), body.indexOf("</li>", start)));
		}
		return items;
	}

	private static WebhookExpiry expiry(String cluster, String source, Instant notAfter, Status status, long days) {
		return new WebhookExpiry(cluster, new WebhookCertificate(source, "CN=" + source, notAfter, null), status,
				days);
	}

	private static RunView run(String id, RunState state, String failure) {
		return new RunView(id, RunKind.PROVISION, state, "lab.test", "web01", "h", "admin", null, null, null,
				failure, T, T, List.of());
	}

}
