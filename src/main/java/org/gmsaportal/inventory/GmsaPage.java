package org.gmsaportal.inventory;

import java.util.List;

/**
 * One page of a snapshot's gMSAs that match a {@link GmsaQuery}.
 *
 * @param items the gMSAs on this page, in the query's order
 * @param page the zero-based page shown (a page past the end shows the last one)
 * @param size gMSAs per page
 * @param total how many gMSAs of the snapshot match
 */
public record GmsaPage(List<InventoryGmsa> items, int page, int size, int total) {

	public GmsaPage {
		items = List.copyOf(items);
	}

	/** The page of an in-memory list (what the face's defaults and the tests use). */
	public static GmsaPage of(List<InventoryGmsa> matches, int page, int size) {
		int shown = clamp(page, matches.size(), size);
		int from = shown * size;
		return new GmsaPage(matches.subList(from, Math.min(matches.size(), from + size)), shown, size,
				matches.size());
	}

	/** The page shown for a requested one: at least the first, at most the last. */
	static int clamp(int page, int total, int size) {
		int pages = Math.max(1, (total + size - 1) / size);
		return Math.min(Math.max(0, page), pages - 1);
	}

}
