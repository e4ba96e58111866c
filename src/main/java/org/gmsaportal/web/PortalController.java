package org.gmsaportal.web;

import org.gmsaportal.cluster.ClusterConnections;
import org.gmsaportal.directory.DirectoryConnections;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page, the overview and the connections page.
 */
@Controller
class PortalController {

	private final DirectoryConnections directories;

	private final ClusterConnections clusters;

	PortalController(DirectoryConnections directories, ClusterConnections clusters) {
		this.directories = directories;
		this.clusters = clusters;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String overview(Model model) {
		model.addAttribute("directoryCount", this.directories.all().size());
		return "overview";
	}

	@GetMapping("/connections")
	String connections(Model model) {
		model.addAttribute("directories", this.directories.all());
		model.addAttribute("clusters", this.clusters.all());
		model.addAttribute("section", "connections");
		return "connections";
	}

}
