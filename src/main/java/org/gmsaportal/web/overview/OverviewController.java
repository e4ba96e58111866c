package org.gmsaportal.web.overview;

import java.util.List;
import java.util.Locale;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.SnapshotSummary;
import org.gmsaportal.provisioning.LiveChecks;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunFilter;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.web.wizard.ConnectionHealth;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The landing page: what needs attention now, the last runs and each connection's health. Every view costs a few
 * bounded queries of the portal's own tables (stopped and latest runs by limit, runs counted by state, the requests
 * waiting, the newest snapshot's counts row and its cluster listings' rows) and nothing remote: no directory, no
 * cluster, no count of the audit trail. Connection health is what the wizard last read, with its age.
 */
@Controller
class OverviewController {

	static final int RUN_LIMIT = 5;

	private final LiveChecks connections;

	private final RunOverview runs;

	private final ProvisioningService provisioning;

	private final ProvisioningRequests requests;

	private final Inventory inventory;

	private final ConnectionHealth health;

	private final MessageSource messages;

	OverviewController(LiveChecks connections, RunOverview runs, ProvisioningService provisioning,
			ProvisioningRequests requests, Inventory inventory, ConnectionHealth health, MessageSource messages) {
		this.connections = connections;
		this.runs = runs;
		this.provisioning = provisioning;
		this.requests = requests;
		this.inventory = inventory;
		this.health = health;
		this.messages = messages;
	}

	@GetMapping("/")
	String overview(Model model, Authentication user, Locale locale) {
		// the roles as the layout reads them, so that the page and its menu agree on what the viewer may open
		boolean admin = Actor.of(user, null).roles().contains("ADMIN");
		List<ConnectionHealth.Health> connections = this.health.all();
		SnapshotSummary snapshot = this.inventory.history(1).stream().findFirst().orElse(null);
		List<Attention> attention = new AttentionItems(this.messages, locale, admin)
			.runs(this.runs.needingAttention(RUN_LIMIT), this.runs.countsByState())
			.connections(connections)
			.pending(this.requests.pending())
			.webhookCertificates(this.inventory.webhookCertificatesDue())
			.inventory(snapshot)
			.list();
		model.addAttribute("directoryCount", this.connections.directoryConnections().size());
		model.addAttribute("attention", attention);
		model.addAttribute("lastRuns", this.provisioning.runs(RunFilter.all(), RUN_LIMIT));
		model.addAttribute("connectionHealth", connections);
		model.addAttribute("snapshot", snapshot);
		return "overview";
	}

}
