package org.gmsaportal.web.wizard;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.GroupScope;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.LiveChecks;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.SecretDelivery;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttributes;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The wizard's form pages, one GET/POST pair per step: Next validates and saves the draft, Back saves what was
 * typed without judging it.
 */
@Controller
@RequestMapping("/wizard")
@SessionAttributes("wizard")
class WizardController {

	private final WizardDraftRepository drafts;

	private final LiveChecks connections;

	private final ProvisioningService provisioning;

	private final WizardLiveChecks live;

	private final WizardBlockers blockers;

	private final WorkloadPicker workloads;

	WizardController(WizardDraftRepository drafts, LiveChecks connections, ProvisioningService provisioning,
			WizardLiveChecks live, WizardBlockers blockers) {
		this.drafts = drafts;
		this.connections = connections;
		this.provisioning = provisioning;
		this.live = live;
		this.blockers = blockers;
		this.workloads = new WorkloadPicker(connections);
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
		if (go.equals("check")) {
			this.live.forgetStatus(form);
			return stay("connections", form, wizard, user, model);
		}
		if (!errors.hasFieldErrors("directoryConnection")
				&& this.connections.directoryConnections().stream()
					.noneMatch(c -> c.name().equals(form.getDirectoryConnection()))) {
			errors.rejectValue("directoryConnection", "wizard.connection.unknown");
		}
		Set<String> clusterNames = this.connections.clusterConnections().stream().map(c -> c.name())
			.collect(Collectors.toSet());
		if (!errors.hasFieldErrors("clusterConnection") && !form.exportOnly() && !form.dockerHosts()
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
			@RequestParam(defaultValue = "") String computerSearch, Authentication user, Model model,
			RedirectAttributes redirect) {
		wizard.setIdentity(form);
		// Search and Add work without script: the page comes back with the results and everything typed.
		if (go.equals("search") || go.startsWith("add:")) {
			if (go.startsWith("add:")) {
				form.addComputerAccount(go.substring("add:".length()));
			}
			model.addAttribute("computers", this.live.searchComputers(directoryConnection(wizard), computerSearch));
			return stay("identity", form, wizard, user, model);
		}
		if (!go.equals("back")) {
			PluginSecretName.fill(form);
		}
		form.validate(errors);
		PluginSecretName.check(form, errors);
		if (!errors.hasErrors()) {
			engineRules("identity", wizard, errors, true);
		}
		if (!errors.hasErrors() && !go.equals("back")) {
			WizardLiveChecks.SpnCheck spns = this.live.identityRules(wizard, errors);
			this.live.placementRules(wizard, errors);
			model.addAttribute("spnCheckError", spns.error());
			model.addAttribute("spnWarnings", spns.warnings());
			// Next goes on despite warnings: the page after it says them again, as the review plan does.
			redirect.addFlashAttribute("spnWarnings", spns.warnings());
		}
		if (!errors.hasErrors() && !go.equals("back")) {
			model.addAttribute("ownerRun", this.blockers.check(wizard, errors));
		}
		return advance("identity", form, errors, wizard, go, user, model);
	}

	@GetMapping("/credspec")
	String showCredSpec(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, Model model) {
		return wizard.mayOpen("credspec") ? show("credspec", wizard.getIdentity(), model) : back(wizard);
	}

	@PostMapping("/credspec")
	String processCredSpec(@ModelAttribute(name = "wizard", binding = false) WizardState wizard,
			@RequestParam(defaultValue = "next") String go, Authentication user, Model model) {
		if (!wizard.mayOpen("credspec")) {
			return back(wizard);
		}
		if (go.equals("back")) {
			this.drafts.save(user.getName(), wizard);
			return "redirect:/wizard/identity";
		}
		// Nothing is typed here; Next only needs a credspec that could be generated, else the page says why.
		String page = show("credspec", wizard.getIdentity(), model);
		if (model.getAttribute("credspec") == null) {
			return page;
		}
		wizard.passed("credspec");
		this.drafts.save(user.getName(), wizard);
		return "redirect:/wizard/cluster";
	}

	@GetMapping("/cluster")
	String initClusterForm(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, Model model) {
		if (!wizard.mayOpen("cluster")) {
			return back(wizard);
		}
		// Coming back to a filled-in page: the preflight for what is there, without a click.
		this.live.preflightIfFilledIn(wizard).ifPresent(preflight -> model.addAttribute("preflight", preflight));
		// Names still empty get the suggestions the page marks as such (after the preflight: a first visit filled
		// in only by suggestions asks the cluster nothing); typed names stay as they are.
		if (!wizard.getConnections().dockerHosts()) {
			ClusterSuggestions.of(wizard).fill(wizard.getCluster());
		}
		return show("cluster", wizard.getCluster(), model);
	}

	@PostMapping("/cluster")
	String processClusterForm(@Valid @ModelAttribute("form") ClusterStep form, BindingResult errors,
			@ModelAttribute(name = "wizard", binding = false) WizardState wizard, @RequestParam(defaultValue = "next") String go,
			@RequestParam(required = false) @Nullable String workloadContinue, Authentication user, Model model) {
		wizard.setCluster(form);
		boolean docker = wizard.getConnections().dockerHosts();
		if (go.equals("preflight")) {
			this.drafts.save(user.getName(), wizard);
			form.validate(errors, docker);
			if (!wizard.getConnections().exportOnly() && !errors.hasFieldErrors("namespace")
					&& !errors.hasFieldErrors("serviceAccount") && !errors.hasFieldErrors("credSpecName")) {
				model.addAttribute("preflight", this.live.preflight(wizard));
			}
			return show("cluster", form, model);
		}
		if (go.equals("workloads") || go.equals("workloads-more")) {
			// The picker: the page comes back with a page of workloads and everything typed, ticks kept.
			this.drafts.save(user.getName(), wizard);
			form.validate(errors, docker);
			if (!wizard.getConnections().exportOnly() && !errors.hasFieldErrors("namespace")) {
				model.addAttribute("workloadListing",
						this.workloads.list(wizard, go.equals("workloads-more") ? workloadContinue : null));
			}
			return show("cluster", form, model);
		}
		if (!go.equals("back")) {
			form.validate(errors, docker);
		}
		if (!errors.hasErrors()) {
			engineRules("cluster", wizard, errors, false);
		}
		if (!errors.hasErrors() && !go.equals("back") && !wizard.getConnections().exportOnly()
				&& !form.getWorkloads().isEmpty()) {
			this.workloads.check(wizard, errors);
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

	/** Saves what was typed and shows the page again without judging it, e.g. for a search or a status check. */
	private String stay(String step, Object form, WizardState wizard, Authentication user, Model model) {
		this.drafts.save(user.getName(), wizard);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", new BeanPropertyBindingResult(form, "form"));
		return show(step, form, model);
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
				model.addAttribute("directories",
						this.connections.directoryConnections().stream().map(c -> c.name()).toList());
				model.addAttribute("directoryConnections", this.connections.directoryConnections());
				model.addAttribute("clusters", this.connections.clusterConnections());
				ConnectionsStep chosen = (ConnectionsStep) java.util.Objects.requireNonNull(model.getAttribute("form"));
				this.live.directoryStatus(chosen).ifPresent(status -> model.addAttribute("directoryStatus", status));
				this.live.clusterStatus(chosen).ifPresent(status -> {
					model.addAttribute("clusterStatus", status.value());
					model.addAttribute("clusterStatusAge",
							Math.max(0, java.time.Duration.between(status.readAt(), java.time.Instant.now()).toSeconds()));
				});
			}
			case "forest" -> {
				model.addAttribute("kdsChoices", KdsRootKeyChoice.values());
				this.live.kdsStatus(wizard(model)).ifPresent(kds -> model.addAttribute("kds", kds));
			}
			case "credspec" -> CredSpecPreview.addTo(model, wizard(model), this.provisioning);
			case "cluster" -> {
				model.addAttribute("exportOnly", wizard(model).getConnections().exportOnly());
				model.addAttribute("dockerHosts", wizard(model).getConnections().dockerHosts());
				model.addAttribute("platforms", org.gmsaportal.cluster.Platform.values());
				model.addAttribute("suggested", ClusterSuggestions.of(wizard(model))
					.holding((ClusterStep) java.util.Objects.requireNonNull(model.getAttribute("form"))));
				model.addAttribute("suggestedFrom", WizardRequests.text(wizard(model).getIdentity().getGmsaName()));
			}
			case "identity" -> {
				model.addAttribute("encryptionTypes", EncryptionType.values());
				model.addAttribute("hostModes", IdentityStep.HostMode.values());
				model.addAttribute("groupScopes", GroupScope.values());
				model.addAttribute("plugins", WizardPlugin.values());
				model.addAttribute("deliveries", SecretDelivery.values());
				IdentityStep identity = (IdentityStep) java.util.Objects.requireNonNull(model.getAttribute("form"));
				model.addAttribute("secretSuggestion", PluginSecretName.suggestion(identity));
				model.addAttribute("secretSuggested", PluginSecretName.holds(identity));
			}
			default -> {
			}
		}
		return "wizard/" + step;
	}

	private static String directoryConnection(WizardState wizard) {
		return String.valueOf(wizard.getConnections().getDirectoryConnection());
	}

	private static WizardState wizard(Model model) {
		return (WizardState) java.util.Objects.requireNonNull(model.getAttribute("wizard"));
	}

	private static String back(WizardState wizard) {
		return "redirect:/wizard/" + wizard.currentStep();
	}

}
