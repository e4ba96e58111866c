package org.gmsaportal.provisioning;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gmsaportal.credspec.KnownPlugin;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Read-only summaries of the runs for the dashboards: what the portal provisioned and still holds by its records,
 * the runs by state, and the runs that need someone's attention. Reads the database only, never a directory or a
 * cluster.
 */
@Service
public class RunOverview {

	// how many running, failed or interrupted runs are read at most to find a gMSA's later run
	private static final int OPEN_LIMIT = 1000;

	private final RunRepository runs;

	private final ProvisionedRuns provisioned;

	RunOverview(RunRepository runs, ProvisionedRuns provisioned) {
		this.runs = runs;
		this.provisioned = provisioned;
	}

	/**
	 * One page of {@link #inventory()}, the same entries in the same order, read in SQL: at most {@code limit} entries
	 * after the entry of run {@code afterRunId} (from the first when null or not a run).
	 *
	 * @param entries the page's entries
	 * @param nextAfter the run id the next page starts after; null on the last page
	 */
	public record InventoryPage(List<InventoryEntry> entries, @Nullable String nextAfter) {
	}

	/** A page of {@link #inventory()}, read in SQL: one query for its runs, one for their newer runs. */
	public InventoryPage inventory(@Nullable String afterRunId, int limit) {
		List<RunRepository.Provisioned> rows = this.provisioned.page(afterRunId, limit + 1);
		List<RunRepository.Provisioned> shown = rows.subList(0, Math.min(limit, rows.size()));
		List<RunView> open = this.provisioned.open(shown.stream()
			.map((row) -> row.run().gmsaName().toLowerCase(Locale.ROOT)).distinct().toList());
		List<InventoryEntry> entries = shown.stream().map((row) -> entry(row, open)).toList();
		return new InventoryPage(entries, (rows.size() > limit) ? shown.get(shown.size() - 1).run().id() : null);
	}

	/**
	 * One entry per gMSA (name and domain) and destination of its credential spec (cluster connection, namespace
	 * and resource name, or export only) that a succeeded provisioning run created or confirmed and no decommission
	 * removed, from the newest such run; sorted by domain, then name.
	 */
	public List<InventoryEntry> inventory() {
		List<RunView> open = open();
		Map<String, InventoryEntry> byDestination = new LinkedHashMap<>();
		// newest first, so the first run of a name and destination is the one that counts; a run to another
		// namespace or cluster leaves the earlier credential spec in place, so it is a row of its own
		for (RunRepository.Provisioned provisioned : this.runs.provisioned()) {
			byDestination.computeIfAbsent(key(provisioned.run()) + "\\" + destination(provisioned.request().target()),
					(k) -> entry(provisioned, open));
		}
		return byDestination.values().stream()
			.sorted(Comparator.comparing((InventoryEntry e) -> e.domain().toLowerCase(Locale.ROOT))
				.thenComparing((e) -> e.gmsaName().toLowerCase(Locale.ROOT)))
			.toList();
	}

	/** How many runs are in each state, every state present (zero if no run is in it). */
	public Map<RunState, Long> countsByState() {
		Map<RunState, Long> counts = new EnumMap<>(RunState.class);
		for (RunState state : RunState.values()) {
			counts.put(state, 0L);
		}
		counts.putAll(this.runs.countByState());
		return counts;
	}

	/**
	 * The runs started in the last {@code weeks} weeks (UTC, Monday to Sunday, the current week last), counted by
	 * state, oldest week first; a week without runs is present with zeros.
	 */
	public List<RunWeek> weekly(int weeks, Instant now) {
		LocalDate monday = LocalDate.ofInstant(now, ZoneOffset.UTC)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
			.minusWeeks(weeks - 1L);
		Instant start = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
		Map<Integer, Map<RunState, Long>> counts = this.runs.countByWeek(start, weeks);
		List<RunWeek> result = new ArrayList<>();
		for (int w = 0; w < weeks; w++) {
			Map<RunState, Long> week = new EnumMap<>(RunState.class);
			for (RunState state : RunState.values()) {
				week.put(state, counts.getOrDefault(w, Map.of()).getOrDefault(state, 0L));
			}
			result.add(new RunWeek(monday.plusWeeks(w), week));
		}
		return result;
	}

	/**
	 * Failed, interrupted and needing attention runs (a decommission whose removal was blocked among them), the
	 * latest to stop first, at most {@code limit}; without their steps.
	 */
	public List<RunView> needingAttention(int limit) {
		return this.runs.stopped(limit);
	}

	private List<RunView> open() {
		List<RunView> open = new ArrayList<>();
		for (RunState state : List.of(RunState.RUNNING, RunState.FAILED, RunState.INTERRUPTED, RunState.NEEDS_ATTENTION)) {
			open.addAll(this.runs.list(new RunFilter(state, null, null), OPEN_LIMIT));
		}
		open.sort(Comparator.comparing(RunView::createdAt).reversed());
		return open;
	}

	private static InventoryEntry entry(RunRepository.Provisioned provisioned, List<RunView> open) {
		RunView run = provisioned.run();
		ProvisioningRequest request = provisioned.request();
		String user = null;
		String guid = null;
		String plugin = null;
		if (request.hosts() instanceof Hosts.Portable portable) {
			user = portable.userName();
			guid = portable.pluginGuid();
			plugin = KnownPlugin.byGuid(guid).map(KnownPlugin::displayName).orElse(null);
		}
		Target target = request.target();
		List<String> hostAccounts = (request.hosts() instanceof Hosts.DomainJoined joined) ? joined.computerAccounts()
				: (user != null) ? List.of(user) : List.of();
		return new InventoryEntry(run.id(), run.gmsaName(), run.domain(), request.groupName(), user, guid, plugin,
				connection(target), target.namespace(), target.credSpecName(), run.ticketRef(), run.approvedBy(),
				run.updatedAt(), later(run, open), request.directoryConnection(), spns(request), hostAccounts,
				provisioned.groupCreated());
	}

	// The directory writes host/<name> and host/<dNSHostName> besides the requested ones (GmsaAccounts.plan).
	private static List<String> spns(ProvisioningRequest request) {
		List<String> spns = new ArrayList<>(List.of("host/" + request.gmsaName(), "host/" + request.dnsHostName()));
		request.spns().stream().filter((spn) -> spns.stream().noneMatch(spn::equalsIgnoreCase)).forEach(spns::add);
		return spns;
	}

	private static @Nullable RunView later(RunView run, List<RunView> open) {
		return open.stream()
			.filter((other) -> key(other).equals(key(run)) && other.createdAt().isAfter(run.createdAt()))
			.findFirst()
			.orElse(null);
	}

	private static @Nullable String connection(Target target) {
		return (target instanceof Target.Cluster cluster) ? cluster.connection() : null;
	}

	private static String destination(Target target) {
		return (connection(target) + "\\" + target.namespace() + "\\" + target.credSpecName()).toLowerCase(Locale.ROOT);
	}

	// names and domains compare case-insensitively, as AD compares them and the name claim stores them
	private static String key(RunView run) {
		return run.domain().toLowerCase(Locale.ROOT) + "\\" + run.gmsaName().toLowerCase(Locale.ROOT);
	}

}
