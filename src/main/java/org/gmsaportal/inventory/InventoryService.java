package org.gmsaportal.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunView;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory: a refresh reads every connection ({@link ConnectionReads}) outside any transaction, runs every
 * {@link Assessor}, carries each drift's and finding's first-seen time over from the previous snapshot, and keeps
 * the snapshot with its audit event in one transaction, then deletes the snapshots beyond {@code gmsa.inventory.keep}.
 */
@Service
class InventoryService implements Inventory {

	private final ConnectionReads reads;

	private final RunOverview records;

	private final ProvisioningService provisioning;

	private final List<Assessor> assessors;

	private final InventorySnapshots snapshots;

	private final SnapshotGmsas gmsas;

	private final SnapshotParts parts;

	// a kept snapshot's header never changes: read once per snapshot (a few, the newest and those asked "as of")
	private final Map<Long, SnapshotHeader> headers = new ConcurrentHashMap<>();

	// snapshots whose gMSA rows have the list columns (V32): checked once per snapshot, filled if kept before it
	private final Set<Long> listable = ConcurrentHashMap.newKeySet();

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final InventorySettings settings;

	private final Clock clock;

	private static final int HEADERS = 64;

	private final AtomicReference<@Nullable InventorySnapshot> newest = new AtomicReference<>();

	InventoryService(ConnectionReads reads, RunOverview records, ProvisioningService provisioning,
			List<Assessor> assessors, InventorySnapshots snapshots, SnapshotGmsas gmsas, SnapshotParts parts,
			AuditTrail audit, TransactionTemplate transactions, InventorySettings settings, Clock clock) {
		this.reads = reads;
		this.records = records;
		this.provisioning = provisioning;
		this.assessors = List.copyOf(assessors);
		this.snapshots = snapshots;
		this.gmsas = gmsas;
		this.parts = parts;
		this.audit = audit;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Optional<InventorySnapshot> latest() {
		return this.snapshots.latestId().flatMap(this::load);
	}

	@Override
	public List<SnapshotSummary> history(int max) {
		return this.snapshots.history(max);
	}

	@Override
	public Optional<InventorySnapshot> asOf(Instant when) {
		return this.snapshots.idAsOf(when).flatMap(this::load);
	}

	@Override
	public Optional<KeptSnapshot> kept(@Nullable Instant asOf) {
		Optional<Long> id = (asOf != null) ? this.snapshots.idAsOf(asOf) : this.snapshots.latestId();
		return id.flatMap(this::header).map((header) -> {
			listable(header.id());
			return new SqlSnapshot(header, this.gmsas, this.parts);
		});
	}

	private Optional<SnapshotHeader> header(long id) {
		SnapshotHeader known = this.headers.get(id);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<SnapshotHeader> read = this.parts.header(id);
		read.ifPresent((header) -> {
			if (this.headers.size() >= HEADERS) {
				this.headers.clear();
			}
			this.headers.put(id, header);
		});
		return read;
	}

	/**
	 * The snapshot whole, for callers of {@link #latest}/{@link #asOf} (no page or API view: they read a
	 * {@link KeptSnapshot} a part at a time). A snapshot never changes once kept: the newest one read is served from
	 * memory until a newer one is read. Older snapshots ("as of") are read each time.
	 */
	private Optional<InventorySnapshot> load(long id) {
		InventorySnapshot kept = this.newest.get();
		if (kept != null && kept.id() == id) {
			return Optional.of(kept);
		}
		Optional<InventorySnapshot> loaded = this.snapshots.load(id);
		loaded.ifPresent((s) -> this.newest.accumulateAndGet(s, InventoryService::newer));
		return loaded;
	}

	private static InventorySnapshot newer(@Nullable InventorySnapshot a, InventorySnapshot b) {
		return (a == null || b.id() > a.id()) ? b : a;
	}

	@Override
	public GmsaPage gmsas(InventorySnapshot snapshot, List<InventoryEntry> records, GmsaQuery query, int page,
			int size) {
		return this.gmsas.page(listable(snapshot), records, query, page, size);
	}

	@Override
	public List<String> domains(InventorySnapshot snapshot) {
		return this.gmsas.domains(snapshot.id());
	}

	@Override
	public Optional<InventoryGmsa> gmsa(InventorySnapshot snapshot, List<InventoryEntry> records, String connection,
			String name) {
		return this.gmsas.one(listable(snapshot), records, connection, name);
	}

	/** The snapshot's id, once its rows have the list columns: a snapshot kept before V32 gets them now, once. */
	private long listable(InventorySnapshot snapshot) {
		return listable(snapshot.id());
	}

	private long listable(long id) {
		if (!this.listable.contains(id)) {
			if (!this.gmsas.filled(id)) {
				// the one time a snapshot is read whole for a page: its rows get the columns the lists read
				this.snapshots.load(id).ifPresent((whole) -> this.transactions
					.executeWithoutResult((status) -> this.gmsas.fill(whole)));
			}
			this.listable.add(id);
		}
		return id;
	}

	@Override
	public InventorySnapshot refresh() {
		String takenBy = Actor.current().name();
		// The databases keep microseconds: the snapshot returned is the one read back later.
		Instant takenAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<InventoryEntry> records = this.records.inventory();
		List<DirectoryListing> directories = this.reads.directories(records);
		List<ClusterListing> clusters = this.reads.clusters();
		InventoryData data = new InventoryData(directories, clusters, records);
		List<Drift> drift = new ArrayList<>();
		List<Finding> findings = new ArrayList<>();
		for (Assessor assessor : this.assessors) {
			drift.addAll(assessor.drift(data));
			findings.addAll(assessor.findings(data));
		}
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			Optional<Long> previous = this.snapshots.latestId();
			Map<String, Instant> driftSeen = previous.map(this.snapshots::driftFirstSeen).orElse(Map.of());
			Map<String, Instant> findingSeen = previous.map(this.snapshots::findingFirstSeen).orElse(Map.of());
			List<Drift> seenDrift = drift.stream()
				.map((d) -> d.firstSeen(driftSeen.getOrDefault(d.key(), takenAt))).toList();
			List<Finding> seenFindings = findings.stream()
				.map((f) -> f.firstSeen(findingSeen.getOrDefault(f.key(), takenAt))).toList();
			InventorySnapshot unsaved = new InventorySnapshot(0, takenAt, takenBy, directories, clusters, seenDrift,
					seenFindings);
			long id = this.snapshots.save(unsaved, driftGmsas(data, seenDrift), findingGmsas(data, seenFindings));
			InventorySnapshot saved = new InventorySnapshot(id, takenAt, takenBy, directories, clusters, seenDrift,
					seenFindings);
			this.audit.record(new AuditEvent("inventory.snapshot.taken", "inventory snapshot " + id,
					AuditOutcome.SUCCESS, details(saved), null, null, null));
			this.snapshots.prune(this.settings.keep());
			return saved;
		}));
	}

	@Override
	public List<WebhookExpiry> webhookCertificates(List<ClusterListing> clusters) {
		return WebhookExpiry.of(clusters, this.clock.instant(), this.settings.webhookCertificateWarning());
	}

	@Override
	public List<WebhookExpiry> webhookCertificatesDue() {
		List<ClusterListing> clusters = this.snapshots.latestId().map(this.snapshots::clusterListings)
			.orElse(List.of());
		return WebhookExpiry.of(clusters, this.clock.instant(), this.settings.webhookCertificateWarning()).stream()
			.filter(WebhookExpiry::due).toList();
	}

	@Override
	public Optional<Assessment> ofRun(String runId) {
		return this.snapshots.latestId().flatMap((id) -> this.snapshots.takenAt(id).map((takenAt) -> {
			String gmsa = this.provisioning.run(runId).map(RunView::gmsaName).map(SnapshotRows::gmsaKey).orElse(null);
			List<Finding> findings = (gmsa != null) ? this.snapshots.findingsOfGmsa(id, gmsa) : List.of();
			return new Assessment(id, takenAt, this.snapshots.driftOfRun(id, runId), findings);
		}));
	}

	@Override
	public Optional<Assessment> ofGmsa(String gmsaName) {
		String gmsa = Objects.requireNonNull(SnapshotRows.gmsaKey(gmsaName));
		return this.snapshots.latestId().flatMap((id) -> this.snapshots.takenAt(id)
			.map((takenAt) -> new Assessment(id, takenAt, this.snapshots.driftOfGmsa(id, gmsa),
					this.snapshots.findingsOfGmsa(id, gmsa))));
	}

	/** Drift names its run: the gMSA is the run's, else the one its subject names. */
	private static List<String> driftGmsas(InventoryData data, List<Drift> drift) {
		Map<String, String> byRun = new HashMap<>();
		data.records().forEach((r) -> byRun.putIfAbsent(r.runId(), SnapshotRows.gmsaKey(r.gmsaName())));
		Map<String, String> byCredSpec = credSpecGmsas(data);
		List<String> gmsas = new ArrayList<>();
		drift.forEach((d) -> gmsas.add(byRun.containsKey(d.runId()) ? byRun.get(d.runId())
				: SnapshotRows.gmsaOf(d.subject(), byCredSpec)));
		return gmsas;
	}

	private static List<String> findingGmsas(InventoryData data, List<Finding> findings) {
		Map<String, String> byCredSpec = credSpecGmsas(data);
		List<String> gmsas = new ArrayList<>();
		findings.forEach((f) -> gmsas.add(SnapshotRows.gmsaOf(f.subject(), byCredSpec)));
		return gmsas;
	}

	private static Map<String, String> credSpecGmsas(InventoryData data) {
		Map<String, String> byCredSpec = new HashMap<>();
		data.clusters().forEach((c) -> SnapshotRows.putCredSpecs(c, byCredSpec));
		return byCredSpec;
	}

	/** Counts and the connections read only in part; nothing from the listings themselves. */
	private static Map<String, Object> details(InventorySnapshot snapshot) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("complete", snapshot.complete());
		details.put("directories", snapshot.directories().size());
		details.put("clusters", snapshot.clusters().size());
		details.put("gmsas", snapshot.directories().stream().mapToInt((d) -> d.gmsas().size()).sum());
		details.put("credentialSpecs", snapshot.clusters().stream().mapToInt((c) -> c.credentialSpecs().size()).sum());
		details.put("drift", snapshot.drift().size());
		details.put("findings", snapshot.findings().size());
		List<String> partial = new ArrayList<>();
		snapshot.directories().stream().filter((d) -> !d.complete()).forEach((d) -> partial.add(d.connection()));
		snapshot.clusters().stream().filter((c) -> !c.complete()).forEach((c) -> partial.add(c.connection()));
		details.put("incompleteConnections", partial);
		return details;
	}

}
