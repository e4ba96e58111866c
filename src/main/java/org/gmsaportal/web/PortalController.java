package org.gmsaportal.web;

import org.gmsaportal.provisioning.LiveChecks;
import org.gmsaportal.security.SignInOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page and the connections page (the overview is {@code web.overview}'s).
 */
@Controller
class PortalController {

	private final LiveChecks connections;

	private final SignInOptions signIn;

	PortalController(LiveChecks connections, ObjectProvider<SignInOptions> signIn) {
		this.connections = connections;
		// slices without the security module's beans show the password form, as the portal does by default
		this.signIn = signIn.getIfAvailable(() -> new SignInOptions(true, null, ""));
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("signIn", this.signIn);
		return "login";
	}

	@GetMapping("/connections")
	String connections(Model model) {
		model.addAttribute("directories", this.connections.directoryConnections());
		model.addAttribute("clusters", this.connections.clusterConnections());
		model.addAttribute("section", "connections");
		return "connections";
	}

}
