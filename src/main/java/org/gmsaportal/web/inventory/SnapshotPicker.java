package org.gmsaportal.web.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.InventorySnapshot;
import org.gmsaportal.inventory.SnapshotSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Picks the snapshot a page shows (the newest, or the one "as of" a time) and puts what every inventory page shows
 * around its table into the model: the snapshot's time, the "as of" choices, and each part that was not read whole.
 */
@Component
class SnapshotPicker {

	static final int HISTORY = 30;

	private final Inventory inventory;

	SnapshotPicker(Inventory inventory) {
		this.inventory = inventory;
	}

	/**
	 * Why a part of the snapshot is missing.
	 *
	 * @param kind {@code directory} or {@code cluster}
	 * @param connection the connection's name
	 * @param reason what the reader said
	 */
	record Gap(String kind, String connection, String reason) {
	}

	Optional<InventorySnapshot> pick(@Nullable Instant asOf) {
		return (asOf != null) ? this.inventory.asOf(asOf) : this.inventory.latest();
	}

	List<SnapshotSummary> history() {
		return this.inventory.history(HISTORY);
	}

	/** The snapshot and its surroundings for a page of the {@code tab}; empty when there is no snapshot yet. */
	Optional<InventorySnapshot> show(Model model, String tab, @Nullable Instant asOf) {
		Optional<InventorySnapshot> snapshot = pick(asOf);
		model.addAttribute("section", "inventory");
		model.addAttribute("tab", tab);
		model.addAttribute("asOf", asOf);
		model.addAttribute("snapshot", snapshot.orElse(null));
		model.addAttribute("history", history());
		model.addAttribute("gaps", snapshot.map(SnapshotPicker::gaps).orElse(List.of()));
		return snapshot;
	}

	static List<Gap> gaps(InventorySnapshot snapshot) {
		List<Gap> gaps = new ArrayList<>();
		for (DirectoryListing listing : snapshot.directories()) {
			listing.incomplete().forEach(reason -> gaps.add(new Gap("directory", listing.connection(), reason)));
		}
		for (ClusterListing listing : snapshot.clusters()) {
			listing.incomplete().forEach(reason -> gaps.add(new Gap("cluster", listing.connection(), reason)));
		}
		return gaps;
	}

}
