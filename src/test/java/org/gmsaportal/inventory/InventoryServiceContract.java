package org.gmsaportal.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.ActorKind;
import org.gmsaportal.audit.OnBehalfOf;
import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.WebhookCertificate;
import org.gmsaportal.provisioning.InventoryEntry;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Refresh, keeping and reading back snapshots, on each database the portal runs on (H2 here, PostgreSQL in the
 * subclass), with the same Flyway migrations. Cluster-only configuration: cluster connection {@code mock} is
 * fabric8's mock API server in CRUD mode (a real API server cannot run on these machines) with the cluster module's
 * {@code inventory-cluster.yaml} and every SubjectAccessReview allowed; connection {@code gone} names a kubeconfig
 * context that does not exist, so it cannot be read at all. No directory is configured. The schedule is off; the
 * tests refresh themselves.
 */
@SpringBootTest(properties = { "gmsa.inventory.snapshot-interval=0",
		"gmsa.inventory.keep=3" })
abstract class InventoryServiceContract {

	// One for the JVM, shared by the H2 and PostgreSQL subclasses (whose contexts may both be cached): it ends with
	// the JVM rather than after the first class.
	static final MockCluster cluster = MockCluster.start().with("gmsa-crd.yaml").with("inventory-cluster.yaml")
		.answerAccessReviews(true);

	private static final ResourceDefinitionContext CREDSPECS = new ResourceDefinitionContext.Builder()
		.withGroup("windows.k8s.io").withVersion("v1").withKind("GMSACredentialSpec").withPlural("gmsacredentialspecs")
		.withNamespaced(false).build();

	@Autowired
	Inventory inventory;

	@Autowired
	InventorySnapshots snapshots;

	@Autowired
	ScheduleClaims claims;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void clusters(DynamicPropertyRegistry registry) {
		registry.add("gmsa.cluster.connections.mock.kubeconfig", () -> cluster.kubeconfig().toString());
		registry.add("gmsa.cluster.connections.mock.context", () -> "mock");
		registry.add("gmsa.cluster.connections.gone.kubeconfig", () -> cluster.kubeconfig().toString());
		registry.add("gmsa.cluster.connections.gone.context", () -> "decommissioned");
	}

	@BeforeEach
	void noSnapshots() {
		this.jdbc.sql("DELETE FROM inventory_snapshot").update();
		cluster.client.genericKubernetesResources(CREDSPECS).withName("gmsa-spare").delete();
	}

	@Test
	void aRefreshIsKeptWholeAndReadsBackAsTaken() {
		InventorySnapshot[] refreshed = new InventorySnapshot[1];
		OnBehalfOf.run(new Actor("auditor1", ActorKind.PERSON, List.of("AUDITOR"), null),
				() -> refreshed[0] = this.inventory.refresh());
		InventorySnapshot taken = refreshed[0];

		assertThat(taken.takenBy()).isEqualTo("auditor1");
		assertThat(taken.clusters()).extracting(ClusterListing::connection).containsExactlyInAnyOrder("mock", "gone");
		ClusterListing mock = listing(taken, "mock");
		assertThat(mock.complete()).isTrue();
		assertThat(mock.credentialSpecs()).hasSize(3);
		assertThat(taken.findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
				tuple("credspec-every-service-account", "credspec:mock/gmsa-legacyapp"),
				tuple("credspec-unused", "credspec:mock/gmsa-idle"));
		assertThat(taken.findings()).allSatisfy((f) -> assertThat(f.firstSeen()).isEqualTo(taken.takenAt()));
		assertThat(this.inventory.latest()).contains(taken);
		String[] event = this.jdbc.sql("SELECT actor, details FROM audit_event "
				+ "WHERE action = 'inventory.snapshot.taken' ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).single();
		assertThat(event[0]).isEqualTo("auditor1");
		assertThat(event[1]).contains("findings", "credentialSpecs", "incompleteConnections", "gone")
			.doesNotContain("gmsa-legacyapp");
	}

	@Test
	void aClusterThatCannotBeReachedIsListedIncompleteWithTheReason() {
		InventorySnapshot taken = this.inventory.refresh();

		ClusterListing gone = listing(taken, "gone");
		assertThat(gone.credentialSpecs()).isEmpty();
		assertThat(gone.incomplete()).singleElement().asString()
			.startsWith("Cluster: The kubeconfig for cluster connection 'gone' could not be read");
		assertThat(taken.complete()).isFalse();
		assertThat(listing(this.inventory.latest().orElseThrow(), "gone").incomplete()).isEqualTo(gone.incomplete());
	}

	@Test
	void aFindingKeepsWhenItWasFirstSeenAndANewOneStartsNow() throws InterruptedException {
		InventorySnapshot first = this.inventory.refresh();
		Thread.sleep(20);
		cluster.client.genericKubernetesResources(CREDSPECS).resource(new GenericKubernetesResourceBuilder()
			.withApiVersion("windows.k8s.io/v1").withKind("GMSACredentialSpec").withNewMetadata().withName("gmsa-spare")
			.endMetadata().addToAdditionalProperties("credspec", Map.of()).build()).create();

		InventorySnapshot second = this.inventory.refresh();

		assertThat(second.id()).isGreaterThan(first.id());
		assertThat(second.findings()).filteredOn((f) -> f.subject().equals("credspec:mock/gmsa-idle"))
			.singleElement().extracting(Finding::firstSeen).isEqualTo(first.takenAt());
		assertThat(second.findings()).filteredOn((f) -> f.subject().equals("credspec:mock/gmsa-spare"))
			.singleElement().extracting(Finding::firstSeen).isEqualTo(second.takenAt());
		assertThat(this.inventory.asOf(first.takenAt())).map(InventorySnapshot::id).contains(first.id());
		assertThat(this.inventory.asOf(first.takenAt().minusSeconds(1))).isEmpty();
	}

	@Test
	void theNewestSnapshotIsReadOnceAndANewerOneTakesItsPlace() {
		InventorySnapshot first = this.inventory.refresh();
		InventorySnapshot shown = this.inventory.latest().orElseThrow();

		assertThat(this.inventory.latest()).as("served from memory, not read again").containsSame(shown);
		InventorySnapshot second = this.inventory.refresh();
		assertThat(this.inventory.latest()).map(InventorySnapshot::id).contains(second.id());
		assertThat(this.inventory.asOf(first.takenAt())).map(InventorySnapshot::id).contains(first.id());
		assertThat(this.inventory.latest()).map(InventorySnapshot::id).contains(second.id());
	}

	@Test
	void onlyTheNewestSnapshotsAreKept() {
		InventorySnapshot first = this.inventory.refresh();
		for (int i = 0; i < 3; i++) {
			this.inventory.refresh();
		}

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM inventory_snapshot").query(Long.class).single()).isEqualTo(3);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM inventory_credspec WHERE snapshot_id = ?").param(first.id())
			.query(Long.class).single()).isZero();
		assertThat(this.inventory.asOf(first.takenAt())).isEmpty();
	}

	@Test
	void theHistoryListsTheKeptSnapshotsNewestFirstWithTheirCounts() {
		InventorySnapshot older = this.inventory.refresh();
		InventorySnapshot newer = this.inventory.refresh();

		List<SnapshotSummary> history = this.inventory.history(2);

		assertThat(history).extracting(SnapshotSummary::id).containsExactly(newer.id(), older.id());
		assertThat(history.get(0)).usingRecursiveComparison().ignoringFields("takenAt")
			.isEqualTo(SnapshotSummary.of(newer));
	}

	@Test
	void driftAndFindingsAreReadByRunAndByGmsa() {
		Instant seen = Instant.parse("2026-11-30T10:15:30Z");
		InventorySnapshot kept = new InventorySnapshot(0, seen, "auditor", List.of(), List.of(),
				List.of(new Drift("credspec:mock/gmsa-webapp01", DriftKind.DELETED, "gone", "run-7", seen),
						new Drift("gmsa:contoso.com/other01$", DriftKind.SPNS_CHANGED, "SPNs", "run-8", seen)),
				List.of(new Finding(Severity.HIGH, "broad-retrievers", "gmsa:contoso.com/webapp01$", "why", "fix",
						seen)));
		long id = this.snapshots.save(kept, java.util.Arrays.asList("webapp01", "other01"), List.of("webapp01"));

		Assessment run = this.inventory.ofRun("run-7").orElseThrow();
		assertThat(run.snapshotId()).isEqualTo(id);
		assertThat(run.takenAt()).isEqualTo(seen);
		assertThat(run.drift()).extracting(Drift::kind).containsExactly(DriftKind.DELETED);
		assertThat(run.findings()).as("run-7 is not in the portal's runs: its gMSA is unknown").isEmpty();
		Assessment gmsa = this.inventory.ofGmsa("WEBAPP01$").orElseThrow();
		assertThat(gmsa.drift()).extracting(Drift::runId).containsExactly("run-7");
		assertThat(gmsa.findings()).singleElement().isEqualTo(kept.findings().get(0));
		assertThat(this.inventory.ofGmsa("nobody").orElseThrow().drift()).isEmpty();
	}

	/**
	 * The gMSA list read a page at a time in SQL gives what the whole snapshot filtered, sorted and paged in memory
	 * gives (the list's semantics before V32), for every filter and sort; ties go by connection, then name.
	 */
	@Test
	void theGmsaListPagedInSqlMatchesTheSnapshotFilteredAndSortedInMemory() {
		InventorySnapshot kept = listed();
		List<InventoryEntry> records = List.of(new InventoryEntry(InventoryFixtures.RUN, "app05",
				"CORP.example.com", "app05-hosts", null, null, null, "aks1", "apps", "app05", null, "admin",
				InventoryFixtures.TAKEN, null));
		for (GmsaQuery query : List.of(GmsaQuery.all(),
				query("APP1", null, null, null, GmsaQuery.Sort.RETRIEVERS, true),
				query(null, "CORP.example.com", null, null, GmsaQuery.Sort.DOMAIN, false),
				query(null, null, Severity.LOW, null, GmsaQuery.Sort.FINDINGS, true),
				query(null, null, Severity.HIGH, null, GmsaQuery.Sort.NAME, false),
				query(null, null, null, true, GmsaQuery.Sort.DRIFT, false),
				query(null, null, null, false, GmsaQuery.Sort.OU, true), query("p0_", null, null, null,
						GmsaQuery.Sort.NAME, false))) {
			for (int page : new int[] { 0, 1, 99 }) {
				GmsaPage inMemory = GmsaPage.of(query.apply(InventoryGmsa.of(kept, records)), page, 7);
				assertThat(this.inventory.gmsas(kept, records, query, page, 7)).as("%s page %d", query, page)
					.isEqualTo(inMemory);
			}
		}
		assertThat(this.inventory.domains(kept)).containsExactly("corp.example.com", "lab.test");
		assertThat(this.inventory.gmsa(kept, records, "lab", "APP01")).get()
			.satisfies((g) -> assertThat(g.domain()).isEqualTo("lab.test"));
		assertThat(this.inventory.gmsa(kept, records, "corp", "app05$")).get()
			.satisfies((g) -> assertThat(g.portalRun()).isEqualTo(InventoryFixtures.RUN));
	}

	/** The header read without the snapshot's rows says what the whole snapshot says, newest and "as of". */
	@Test
	void theHeaderOfAKeptSnapshotHasTheWholeSnapshotsCountsAndGaps() {
		InventorySnapshot refreshed = this.inventory.refresh();
		KeptSnapshotChecks.headerMatches(this.inventory.kept(null).orElseThrow(), refreshed);
		Instant later = refreshed.takenAt().plusSeconds(60);
		long id = this.snapshots.save(KeptSnapshotChecks.withGapsAndFindings(later), List.of("app00"),
				List.of("app00", "app03", "app07", "app08", "app11"));

		InventorySnapshot whole = this.inventory.latest().orElseThrow();
		assertThat(whole.id()).isEqualTo(id);
		KeptSnapshotChecks.headerMatches(this.inventory.kept(null).orElseThrow(), whole);
		assertThat(this.inventory.header(null)).contains(SnapshotHeader.of(whole));
		KeptSnapshotChecks.headerMatches(this.inventory.kept(later.minusSeconds(1)).orElseThrow(), refreshed);
	}

	/** Each part a page, the API or an export reads in SQL equals that part of the snapshot held whole. */
	@Test
	void everyPartReadInSqlMatchesTheWholeSnapshotFilteredInMemory() {
		InventorySnapshot unsaved = KeptSnapshotChecks.withGapsAndFindings(InventoryFixtures.TAKEN);
		this.snapshots.save(unsaved, List.of("app00"), List.of("app00", "app03", "app07", "app08", "app11"));
		InventorySnapshot whole = this.inventory.latest().orElseThrow();
		List<InventoryEntry> records = List.of(new InventoryEntry(InventoryFixtures.RUN, "app05",
				"CORP.example.com", "app05-hosts", null, null, null, "aks1", "apps", "app05", null, "admin",
				InventoryFixtures.TAKEN, null));

		KeptSnapshotChecks.partsMatch(this.inventory.kept(null).orElseThrow(), whole, records);
	}

	@Test
	void aSnapshotKeptBeforeTheListColumnsGetsThemOnItsFirstList() {
		InventorySnapshot kept = listed();
		this.jdbc.sql("UPDATE inventory_gmsa SET connection = NULL, ou_key = NULL, retriever_count = NULL, "
				+ "finding_count = NULL, drift_count = NULL, worst_severity = NULL WHERE snapshot_id = ?")
			.param(kept.id()).update();
		this.jdbc.sql("UPDATE inventory_snapshot SET gmsa_columns = FALSE WHERE id = ?").param(kept.id()).update();

		GmsaPage high = this.inventory.gmsas(kept, List.of(), query(null, null, Severity.HIGH, null,
				GmsaQuery.Sort.NAME, false), 0, 50);

		assertThat(high.items()).extracting(InventoryGmsa::name).containsExactly("app00$");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM inventory_gmsa WHERE snapshot_id = ? AND connection IS NULL")
			.param(kept.id()).query(Integer.class).single()).isZero();
	}

	/** Sixty gMSAs of connection corp and three of connection lab (two of the same names), kept. */
	private InventorySnapshot listed() {
		InventorySnapshot many = InventoryFixtures.many(60);
		List<org.gmsaportal.directory.DirectoryListing> directories = new java.util.ArrayList<>(many.directories());
		directories.add(new org.gmsaportal.directory.DirectoryListing("lab", "lab.test", InventoryFixtures.TAKEN,
				List.of(InventoryFixtures.gmsa("app01", 2, "lab"), InventoryFixtures.gmsa("app02", 9, "lab"),
						InventoryFixtures.gmsa("zz_0", 1, "lab")), List.of(), List.of(), List.of()));
		InventorySnapshot unsaved = new InventorySnapshot(0, many.takenAt(), many.takenBy(), directories,
				many.clusters(), many.drift(), many.findings());
		long id = this.snapshots.save(unsaved, List.of("app00"), List.of("app00", "app03"));
		return this.inventory.latest().filter((s) -> s.id() == id).orElseThrow();
	}

	private static GmsaQuery query(String name, String domain, Severity finding, Boolean drift, GmsaQuery.Sort sort,
			boolean descending) {
		return new GmsaQuery(name, domain, finding, drift, sort, descending);
	}

	@Test
	void theWebhookCertificatesDueComeFromTheNewestSnapshotsClusterListingsAndAnOlderListingHasNone() {
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		ClusterListing aks1 = new ClusterListing("aks1", now, List.of(), List.of(),
				List.of("Webhook certificates: caBundle of MutatingWebhookConfiguration broken: no PEM"), List.of(
						new WebhookCertificate("caBundle of MutatingWebhookConfiguration soon", "CN=soon",
								now.plus(Duration.ofDays(10)), null),
						new WebhookCertificate("Secret gmsa/later-tls (tls.crt)", "CN=later",
								now.plus(Duration.ofDays(100)), null),
						new WebhookCertificate("caBundle of MutatingWebhookConfiguration broken", null, null,
								"no PEM")));
		ClusterListing aks2 = new ClusterListing("aks2", now, List.of(), List.of(), List.of(), List.of(
				new WebhookCertificate("Secret gmsa/old-tls (tls.crt)", "CN=old", now.minus(Duration.ofDays(1)),
						null)));
		long id = this.snapshots.save(new InventorySnapshot(0, now, "auditor", List.of(), List.of(aks1, aks2),
				List.of(), List.of()), List.of(), List.of());

		assertThat(this.inventory.webhookCertificatesDue())
			.extracting(WebhookExpiry::connection, (e) -> e.certificate().subject(), WebhookExpiry::status)
			.containsExactly(tuple("aks2", "CN=old", WebhookExpiry.Status.EXPIRED),
					tuple("aks1", "CN=soon", WebhookExpiry.Status.EXPIRING));
		InventorySnapshot kept = this.inventory.latest().orElseThrow();
		assertThat(listing(kept, "aks1")).isEqualTo(aks1);
		assertThat(this.inventory.webhookCertificates(kept.clusters())).extracting(WebhookExpiry::status)
			.containsExactly(
				WebhookExpiry.Status.EXPIRED, WebhookExpiry.Status.EXPIRING, WebhookExpiry.Status.VALID,
				WebhookExpiry.Status.UNREADABLE);
		// as a listing kept before the inventory read the webhook's certificates holds it
		this.jdbc.sql("UPDATE inventory_listing SET listing_json = ? WHERE snapshot_id = ? AND connection = 'aks2'")
			.params("{\"connection\":\"aks2\",\"readAt\":\"" + now + "\",\"credentialSpecs\":[],\"secrets\":[],"
					+ "\"incomplete\":[]}", id)
			.update();
		assertThat(this.inventory.webhookCertificatesDue()).extracting(WebhookExpiry::connection)
			.containsExactly("aks1");
	}

	@Test
	void ofSeveralInstancesAskingTogetherOnlyOneTakesTheDueSnapshot() {
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		this.jdbc.sql("UPDATE inventory_schedule SET next_due = ? WHERE id = 1")
			.param(SnapshotRows.utc(now.minusSeconds(1))).update();

		boolean first = this.claims.claim("a", now, now.plus(Duration.ofHours(6)));
		boolean second = this.claims.claim("b", now, now.plus(Duration.ofHours(6)));

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		assertThat(this.claims.claim("b", now.plus(Duration.ofHours(6)), now.plus(Duration.ofHours(12)))).isTrue();
	}

	private static ClusterListing listing(InventorySnapshot snapshot, String connection) {
		return snapshot.clusters().stream().filter((c) -> c.connection().equals(connection)).findFirst().orElseThrow();
	}

}
