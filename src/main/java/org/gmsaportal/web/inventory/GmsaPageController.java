package org.gmsaportal.web.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.InventoryGmsa;
import org.gmsaportal.inventory.KeptSnapshot;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunFilter;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.TrailLinks;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * One gMSA of a snapshot: everything the directory held about it, who may retrieve its password (as granted and as
 * resolved through nested groups), its drift and findings, the portal's runs of its name and their audit events and
 * the events that name its DN. Reads the snapshot and the portal's database only.
 */
@Controller
class GmsaPageController {

	static final int RUN_LIMIT = 50;

	static final int EVENT_LIMIT = 100;

	private final SnapshotPicker snapshots;

	private final Inventory inventory;

	private final RunOverview overview;

	private final ProvisioningService provisioning;

	private final AuditLog auditLog;

	private final TrailLinks links;

	GmsaPageController(SnapshotPicker snapshots, Inventory inventory, RunOverview overview,
			ProvisioningService provisioning, AuditLog auditLog, TrailLinks links) {
		this.snapshots = snapshots;
		this.inventory = inventory;
		this.overview = overview;
		this.provisioning = provisioning;
		this.auditLog = auditLog;
		this.links = links;
	}

	@GetMapping("/inventory/gmsas/{connection}/{name}")
	String gmsa(@PathVariable String connection, @PathVariable String name,
			@RequestParam(required = false) @Nullable Instant asOf, Model model) {
		if (!connection.matches("[A-Za-z0-9_.-]{1,64}") || !name.matches("[A-Za-z0-9_.$-]{1,64}")) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		KeptSnapshot snapshot = this.snapshots.show(model, "gmsas", asOf)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		InventoryGmsa gmsa = snapshot.gmsa(this.overview.inventory(), connection, name)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<RunView> runs = runs(gmsa);
		model.addAttribute("g", gmsa);
		model.addAttribute("runs", runs);
		model.addAttribute("events", events(gmsa, runs));
		model.addAttribute("path", "/inventory/gmsas/" + connection + "/" + name);
		model.addAttribute("asOfQuery", (asOf != null) ? "asOf=" + asOf : "");
		return "inventory/gmsa";
	}

	/** The portal's runs of exactly this name in this domain, newest first. */
	private List<RunView> runs(InventoryGmsa gmsa) {
		String bare = gmsa.name().endsWith("$") ? gmsa.name().substring(0, gmsa.name().length() - 1) : gmsa.name();
		return this.provisioning.runs(new RunFilter(null, bare, null), RUN_LIMIT).stream()
			.filter(r -> r.gmsaName().equalsIgnoreCase(bare) && r.domain().equalsIgnoreCase(gmsa.domain()))
			.toList();
	}

	/**
	 * The events of its runs (and the requests linked to them) and the events that name its DN (a change recorded
	 * outside a run), newest first, without repeats.
	 */
	private List<AuditRow> events(InventoryGmsa gmsa, List<RunView> runs) {
		Map<Long, AuditRow> events = new LinkedHashMap<>();
		if (!runs.isEmpty()) {
			Set<String> ids = runs.stream().map(RunView::id).collect(Collectors.toSet());
			AuditQuery query = this.links.link(new AuditQuery(null, null, null, null, null, null, runs.get(0).id()));
			Set<String> all = new java.util.LinkedHashSet<>(query.correlationLinks());
			all.addAll(ids);
			this.auditLog.search(query.linked(all, Set.of()), 0, EVENT_LIMIT).events()
				.forEach(e -> events.put(e.seq(), e));
		}
		this.auditLog.search(new AuditQuery(null, null, null, null, null, gmsa.gmsa().distinguishedName(), null), 0,
				EVENT_LIMIT).events().forEach(e -> events.putIfAbsent(e.seq(), e));
		List<AuditRow> sorted = new ArrayList<>(events.values());
		sorted.sort(Comparator.comparingLong(AuditRow::seq).reversed());
		return sorted.subList(0, Math.min(EVENT_LIMIT, sorted.size()));
	}

}
