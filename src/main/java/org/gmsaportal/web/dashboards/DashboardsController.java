package org.gmsaportal.web.dashboards;

import java.time.Instant;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.provisioning.PendingRequests;
import org.gmsaportal.provisioning.PortableRotations;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboards page for ADMINs and AUDITORs. It only reads, and only the portal's database: what the portal
 * provisioned by its records, the runs by state and those that stopped, the API requests waiting for approval, the
 * audit trail's counts, and the drift and findings of the inventory's newest snapshot (what the last refresh read
 * from AD and the clusters). It reads no directory and no cluster itself.
 */
@Controller
class DashboardsController {

	static final int ATTENTION_LIMIT = 50;

	// the provisioned gMSAs shown at once: the page reads these runs, not every succeeded one
	static final int INVENTORY_PAGE = 50;

	private final RunOverview runs;

	private final ProvisioningRequests requests;

	private final AuditLog auditLog;

	private final PortableRotations rotations;

	private final Inventory liveInventory;

	DashboardsController(RunOverview runs, ProvisioningRequests requests, AuditLog auditLog,
			PortableRotations rotations, Inventory liveInventory) {
		this.runs = runs;
		this.requests = requests;
		this.auditLog = auditLog;
		this.rotations = rotations;
		this.liveInventory = liveInventory;
	}

	@GetMapping("/dashboards")
	String dashboards(@RequestParam(name = "after", required = false) @Nullable String after, Model model) {
		Instant now = Instant.now();
		model.addAttribute("section", "dashboards");
		model.addAttribute("readAt", now);
		RunOverview.InventoryPage inventory = this.runs.inventory(after, INVENTORY_PAGE);
		model.addAttribute("inventory", inventory.entries());
		model.addAttribute("inventoryNext", inventory.nextAfter());
		model.addAttribute("inventoryAfter", after);
		model.addAttribute("inventoryPage", INVENTORY_PAGE);
		model.addAttribute("states", RunState.values());
		model.addAttribute("counts", this.runs.countsByState());
		model.addAttribute("attention", this.runs.needingAttention(ATTENTION_LIMIT));
		model.addAttribute("rotations", this.rotations.statuses(ATTENTION_LIMIT));
		model.addAttribute("attentionLimit", ATTENTION_LIMIT);
		model.addAttribute("pending", this.requests.pending());
		model.addAttribute("pendingLink", PendingRequests.LIST_PATH);
		model.addAttribute("audit", AuditSummary.of(this.auditLog, now));
		model.addAttribute("live", this.liveInventory.header(null).map(LiveSummary::of).orElse(null));
		return "dashboards/index";
	}

}
