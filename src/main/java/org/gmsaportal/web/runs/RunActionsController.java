package org.gmsaportal.web.runs;

import java.time.Instant;

import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.TextRules;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What an admin does to a run: resume or abandon a failed one, and decommission a succeeded one after reading the
 * decommission plan and typing the gMSA name. The security configuration refuses these POSTs to auditors.
 */
@Controller
class RunActionsController {

	private final ProvisioningService provisioning;

	private final MessageSource messages;

	RunActionsController(ProvisioningService provisioning, MessageSource messages) {
		this.provisioning = provisioning;
		this.messages = messages;
	}

	@PostMapping("/runs/{id}/resume")
	String resume(@PathVariable String id, RedirectAttributes redirect) {
		RunsController.find(this.provisioning, id);
		try {
			this.provisioning.resume(id);
			redirect.addFlashAttribute("flash", text("runs.resumed"));
		}
		catch (ProvisioningRefusedException ex) {
			redirect.addFlashAttribute("refusal", ex.getMessage());
		}
		return "redirect:/runs/" + id;
	}

	@PostMapping("/runs/{id}/abandon")
	String abandon(@PathVariable String id, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		RunsController.find(this.provisioning, id);
		String why = reason.strip();
		if (why.isEmpty() || why.length() > 1000) {
			redirect.addFlashAttribute("refusal", text("runs.abandon.reasonRequired"));
			return "redirect:/runs/" + id;
		}
		if (TextRules.hasBidiControl(why)) {
			redirect.addFlashAttribute("refusal", text("reason.bidiControls"));
			return "redirect:/runs/" + id;
		}
		try {
			this.provisioning.abandon(id, why);
			redirect.addFlashAttribute("flash", text("runs.abandoned"));
		}
		catch (ProvisioningRefusedException ex) {
			redirect.addFlashAttribute("refusal", ex.getMessage());
		}
		return "redirect:/runs/" + id;
	}

	@GetMapping("/runs/{id}/decommission")
	String initDecommissionForm(@PathVariable String id, Model model) {
		return showDecommission(RunsController.find(this.provisioning, id), model, null);
	}

	@PostMapping("/runs/{id}/decommission")
	String processDecommissionForm(@PathVariable String id, @RequestParam(defaultValue = "") String planHash,
			@RequestParam(defaultValue = "") String confirmName, Authentication user, Model model) {
		RunView run = RunsController.find(this.provisioning, id);
		if (!confirmName.strip().equalsIgnoreCase(run.gmsaName())) {
			return showDecommission(run, model, text("runs.decommission.confirmMismatch"));
		}
		String decommissionId;
		try {
			decommissionId = this.provisioning.decommission(id, new Approval(planHash, user.getName(), Instant.now(),
					"decommission of run " + id));
		}
		catch (ProvisioningRefusedException ex) {
			return showDecommission(run, model, ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			return showDecommission(run, model, text("wizard.review.badHash"));
		}
		return "redirect:/runs/" + decommissionId;
	}

	private String showDecommission(RunView run, Model model, @Nullable String refusal) {
		model.addAttribute("section", "runs");
		model.addAttribute("run", run);
		model.addAttribute("refusal", refusal);
		try {
			Plan plan = this.provisioning.decommissionPlan(run.id());
			model.addAttribute("plan", plan);
		}
		catch (RuntimeException ex) {
			// Not succeeded, or the directory cannot be read: the engine's message says which.
			model.addAttribute("planError", ex.getMessage());
		}
		return "runs/decommission";
	}

	private String text(String code) {
		return this.messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

}
