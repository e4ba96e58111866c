package org.gmsaportal.web;

import org.gmsaportal.provisioning.LiveChecks;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page, the overview and the connections page.
 */
@Controller
class PortalController {

	private final LiveChecks connections;

	PortalController(LiveChecks connections) {
		this.connections = connections;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String overview(Model model) {
		model.addAttribute("directoryCount", this.connections.directoryConnections().size());
		return "overview";
	}

	@GetMapping("/connections")
	String connections(Model model) {
		model.addAttribute("directories", this.connections.directoryConnections());
		model.addAttribute("clusters", this.connections.clusterConnections());
		model.addAttribute("section", "connections");
		return "connections";
	}

}
