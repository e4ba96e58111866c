package org.gmsaportal.web.wizard;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import org.gmsaportal.cluster.ClusterConnections;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.DirectoryConnection;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.provisioning.EncryptionType;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.KdsRootKeyChoice;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttributes;

/**
 * The wizard's form pages, one GET/POST pair per step: Next validates and saves the draft, Back saves what was
 * typed without judging it.
 */
@Controller
@RequestMapping("/wizard")
@SessionAttributes("wizard")
class WizardController {

	private final WizardDrafts drafts;

	private final DirectoryConnections directories;

	private final ClusterConnections clusters;

	WizardController(WizardDrafts drafts, DirectoryConnections directories, ClusterConnections clusters) {
		this.drafts = drafts;
		this.directories = directories;
		this.clusters = clusters;
	}

	@ModelAttribute("wizard")
	WizardState wizard(Authentication user) {
		return this.drafts.find(user.getName()).orElseGet(WizardState::new);
	}

	/** Where the admin left off, at the same address, so a bookmark of the wizard always works. */
	@GetMapping
	String resume(@ModelAttribute(name = "wizard", binding = false) WizardState wizard) {
		return "forward:/wizard/" + wizard.currentStep();
	}

	@GetMapping("/connections")
	String initConnectionsForm(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, Model model) {
		return show("connections", wizard.getConnections(), model);
	}

	@PostMapping("/connections")
	String processConnectionsForm(@Valid @ModelAttribute("form") ConnectionsStep form, BindingResult errors,
			@ModelAttribute(name = "wizard", binding = false) WizardState wizard, @RequestParam(defaultValue = "next") String go,
			Authentication user, Model model) {
		wizard.setConnections(form);
		if (!errors.hasFieldErrors("directoryConnection")
				&& this.directories.find(String.valueOf(form.getDirectoryConnection())).isEmpty()) {
			errors.rejectValue("directoryConnection", "wizard.connection.unknown");
		}
		Set<String> clusterNames = this.clusters.all().stream().map(ClusterConnections.Summary::name)
			.collect(Collectors.toSet());
		if (!errors.hasFieldErrors("clusterConnection") && !form.exportOnly()
				&& !clusterNames.contains(form.getClusterConnection())) {
			errors.rejectValue("clusterConnection", "wizard.connection.unknown");
		}
		return advance("connections", form, errors, wizard, go, user, model);
	}

	@GetMapping("/forest")
	String initForestForm(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, Model model) {
		return wizard.mayOpen("forest") ? show("forest", wizard.getForest(), model) : back(wizard);
	}

	@PostMapping("/forest")
	String processForestForm(@Valid @ModelAttribute("form") ForestStep form, BindingResult errors,
			@ModelAttribute(name = "wizard", binding = false) WizardState wizard, @RequestParam(defaultValue = "next") String go,
			Authentication user, Model model) {
		wizard.setForest(form);
		return advance("forest", form, errors, wizard, go, user, model);
	}

	@GetMapping("/identity")
	String initIdentityForm(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, Model model) {
		return wizard.mayOpen("identity") ? show("identity", wizard.getIdentity(), model) : back(wizard);
	}

	@PostMapping("/identity")
	String processIdentityForm(@Valid @ModelAttribute("form") IdentityStep form, BindingResult errors,
			@ModelAttribute(name = "wizard", binding = false) WizardState wizard, @RequestParam(defaultValue = "next") String go,
			Authentication user, Model model) {
		wizard.setIdentity(form);
		form.validate(errors);
		if (!errors.hasErrors()) {
			engineRules("identity", wizard, errors, true);
		}
		return advance("identity", form, errors, wizard, go, user, model);
	}

	@GetMapping("/cluster")
	String initClusterForm(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, Model model) {
		return wizard.mayOpen("cluster") ? show("cluster", wizard.getCluster(), model) : back(wizard);
	}

	@PostMapping("/cluster")
	String processClusterForm(@Valid @ModelAttribute("form") ClusterStep form, BindingResult errors,
			@ModelAttribute(name = "wizard", binding = false) WizardState wizard, @RequestParam(defaultValue = "next") String go,
			Authentication user, Model model) {
		wizard.setCluster(form);
		if (!errors.hasErrors()) {
			engineRules("cluster", wizard, errors, false);
		}
		return advance("cluster", form, errors, wizard, go, user, model);
	}

	/** The engine's own rules, shown on this page's field, or as a page error naming the page it belongs to. */
	private static void engineRules(String step, WizardState wizard, BindingResult errors, boolean pendingTarget) {
		try {
			WizardRequests.request(wizard, pendingTarget);
		}
		catch (InvalidRequestException ex) {
			WizardRequests.FieldError where = WizardRequests.locate(ex, wizard);
			if (where.step().equals(step) && where.field() != null) {
				errors.rejectValue(where.field(), "wizard.engine", where.message());
			}
			else {
				errors.reject("wizard.engine.elsewhere", new Object[] { where.step(), where.message() }, where.message());
			}
		}
	}

	private String advance(String step, Object form, BindingResult errors, WizardState wizard, String go,
			Authentication user, Model model) {
		int index = WizardState.STEPS.indexOf(step);
		if (go.equals("back")) {
			// Kept as typed, errors and all: the admin fixes it on the way forward again.
			this.drafts.save(user.getName(), wizard);
			return "redirect:/wizard/" + WizardState.STEPS.get(Math.max(0, index - 1));
		}
		if (errors.hasErrors()) {
			return show(step, form, model);
		}
		wizard.passed(step);
		this.drafts.save(user.getName(), wizard);
		return "redirect:/wizard/" + WizardState.STEPS.get(index + 1);
	}

	private String show(String step, Object form, Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", form);
		}
		model.addAttribute("section", "wizard");
		model.addAttribute("step", step);
		model.addAttribute("steps", WizardState.STEPS);
		switch (step) {
			case "connections" -> {
				model.addAttribute("directories", this.directories.all().stream().map(DirectoryConnection::name).toList());
				model.addAttribute("directoryConnections", this.directories.all());
				model.addAttribute("clusters", this.clusters.all());
			}
			case "forest" -> model.addAttribute("kdsChoices", KdsRootKeyChoice.values());
			case "cluster" -> model.addAttribute("exportOnly", wizard(model).getConnections().exportOnly());
			case "identity" -> {
				model.addAttribute("encryptionTypes", EncryptionType.values());
				model.addAttribute("hostModes", IdentityStep.HostMode.values());
				model.addAttribute("plugins", KnownPlugin.values());
			}
			default -> {
			}
		}
		return "wizard/" + step;
	}

	private static WizardState wizard(Model model) {
		return (WizardState) java.util.Objects.requireNonNull(model.getAttribute("wizard"));
	}

	private static String back(WizardState wizard) {
		return "redirect:/wizard/" + wizard.currentStep();
	}

}
