package org.gmsaportal.web.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.KeptSnapshot;
import org.gmsaportal.inventory.SnapshotSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Picks the snapshot a page shows (the newest, or the one "as of" a time) and puts what every inventory page shows
 * around its table into the model: the snapshot's header (time, counts), the "as of" choices, and each part that was
 * not read whole. It reads the header only; each page reads the part it shows.
 */
@Component
class SnapshotPicker {

	static final int HISTORY = 30;

	private final Inventory inventory;

	SnapshotPicker(Inventory inventory) {
		this.inventory = inventory;
	}

	Optional<KeptSnapshot> pick(@Nullable Instant asOf) {
		return this.inventory.kept(asOf);
	}

	List<SnapshotSummary> history() {
		return this.inventory.history(HISTORY);
	}

	/** The snapshot and its surroundings for a page of the {@code tab}; empty when there is no snapshot yet. */
	Optional<KeptSnapshot> show(Model model, String tab, @Nullable Instant asOf) {
		Optional<KeptSnapshot> snapshot = pick(asOf);
		model.addAttribute("section", "inventory");
		model.addAttribute("tab", tab);
		model.addAttribute("asOf", asOf);
		model.addAttribute("snapshot", snapshot.map(KeptSnapshot::header).orElse(null));
		model.addAttribute("history", history());
		model.addAttribute("gaps", snapshot.map((s) -> s.header().gaps()).orElse(List.of()));
		return snapshot;
	}

}
