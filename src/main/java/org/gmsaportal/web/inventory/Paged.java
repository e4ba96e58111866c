package org.gmsaportal.web.inventory;

import java.util.List;

import org.gmsaportal.inventory.Finding;
import org.gmsaportal.inventory.FindingQuery;
import org.gmsaportal.inventory.GmsaPage;
import org.gmsaportal.inventory.InventoryGmsa;
import org.gmsaportal.inventory.KeptSnapshot;

/**
 * One page of a filtered list.
 *
 * @param items the rows on this page
 * @param page zero-based page number (clamped to the last page)
 * @param size page size
 * @param total how many rows matched
 */
record Paged<T>(List<T> items, int page, int size, int total) {

	static final int SIZE = 50;

	/** A page the inventory read in SQL. */
	static Paged<InventoryGmsa> of(GmsaPage page) {
		return new Paged<>(page.items(), page.page(), page.size(), page.total());
	}

	/** A page of the snapshot's findings that match, read in SQL (the total counted there). */
	static Paged<Finding> of(KeptSnapshot snapshot, FindingQuery query, int page) {
		int total = snapshot.findingCount(query);
		int pages = Math.max(1, (total + SIZE - 1) / SIZE);
		int shown = Math.min(Math.max(0, page), pages - 1);
		return new Paged<>(snapshot.findings(query, (long) shown * SIZE, SIZE), shown, SIZE, total);
	}

	static <T> Paged<T> of(List<T> all, int page, int size) {
		int pages = Math.max(1, (all.size() + size - 1) / size);
		int shown = Math.min(Math.max(0, page), pages - 1);
		int from = shown * size;
		return new Paged<>(List.copyOf(all.subList(from, Math.min(all.size(), from + size))), shown, size, all.size());
	}

	public int totalPages() {
		return Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public boolean hasNext() {
		return this.page + 1 < totalPages();
	}

}
