package org.gmsaportal.inventory;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Which of a snapshot's gMSAs to list and in what order, for the inventory page and the API alike; a null field
 * does not filter.
 *
 * @param name the account name contains this (case-insensitive)
 * @param domain exactly this domain (case-insensitive)
 * @param finding only gMSAs with a finding at least this urgent
 * @param drift only gMSAs with drift ({@code true}) or without ({@code false})
 * @param sort the column to sort by
 * @param descending whether the order is reversed
 */
public record GmsaQuery(@Nullable String name, @Nullable String domain, @Nullable Severity finding,
		@Nullable Boolean drift, Sort sort, boolean descending) {

	/** What the list can be sorted by; ties fall back to connection and name. */
	public enum Sort {

		NAME(Comparator.comparing(g -> g.name().toLowerCase(Locale.ROOT))),
		DOMAIN(Comparator.comparing(g -> g.domain().toLowerCase(Locale.ROOT))),
		OU(Comparator.comparing(g -> g.ou().toLowerCase(Locale.ROOT))),
		RETRIEVERS(Comparator.comparingInt(g -> g.gmsa().retrievers().size())),
		FINDINGS(Comparator.comparingInt(g -> g.findings().size())),
		DRIFT(Comparator.comparingInt(g -> g.drift().size()));

		private final Comparator<InventoryGmsa> order;

		Sort(Comparator<InventoryGmsa> order) {
			this.order = order;
		}

	}

	/** Every gMSA, by name. */
	public static GmsaQuery all() {
		return new GmsaQuery(null, null, null, null, Sort.NAME, false);
	}

	/** The gMSAs that match, in the query's order. */
	public List<InventoryGmsa> apply(List<InventoryGmsa> all) {
		Comparator<InventoryGmsa> order = this.descending ? this.sort.order.reversed() : this.sort.order;
		order = order.thenComparing(InventoryGmsa::connection)
			.thenComparing(g -> g.name().toLowerCase(Locale.ROOT));
		return all.stream().filter(matches()).sorted(order).toList();
	}

	private Predicate<InventoryGmsa> matches() {
		Predicate<InventoryGmsa> match = g -> true;
		if (this.name != null && !this.name.isBlank()) {
			String part = this.name.strip().toLowerCase(Locale.ROOT);
			match = match.and(g -> g.name().toLowerCase(Locale.ROOT).contains(part));
		}
		if (this.domain != null && !this.domain.isBlank()) {
			match = match.and(g -> g.domain().equalsIgnoreCase(this.domain.strip()));
		}
		Severity least = this.finding;
		if (least != null) {
			match = match.and(g -> g.worst() != null && g.worst().compareTo(least) <= 0);
		}
		if (this.drift != null) {
			boolean wanted = this.drift;
			match = match.and(g -> g.drift().isEmpty() != wanted);
		}
		return match;
	}

}
