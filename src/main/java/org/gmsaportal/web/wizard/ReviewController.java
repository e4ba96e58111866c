package org.gmsaportal.web.wizard;

import java.time.Instant;
import java.util.List;

import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.EquivalentCommands;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttributes;
import org.springframework.web.bind.support.SessionStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The wizard's last pages: the plan with the equivalent commands, the approval that starts exactly that plan, and
 * cancelling, which discards the draft.
 */
@Controller
@RequestMapping("/wizard")
@SessionAttributes("wizard")
class ReviewController {

	private final WizardDrafts drafts;

	private final ProvisioningService provisioning;

	private final MessageSource messages;

	ReviewController(WizardDrafts drafts, ProvisioningService provisioning, MessageSource messages) {
		this.drafts = drafts;
		this.provisioning = provisioning;
		this.messages = messages;
	}

	/**
	 * One plan step with the command an admin would have typed for it.
	 *
	 * @param step the planned step
	 * @param command PowerShell or kubectl
	 */
	record Row(PlannedStep step, String command) {
	}

	@ModelAttribute("wizard")
	WizardState wizard(Authentication user) {
		return this.drafts.find(user.getName()).orElseGet(WizardState::new);
	}

	@GetMapping("/review")
	String review(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, Model model) {
		if (!wizard.mayOpen("review")) {
			return "redirect:/wizard/" + wizard.currentStep();
		}
		return show(wizard, model, null);
	}

	@PostMapping("/run")
	String approveAndRun(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, @RequestParam String planHash,
			@RequestParam(required = false) @Nullable String reason, Authentication user, Model model,
			SessionStatus status) {
		if (!wizard.mayOpen("review")) {
			return "redirect:/wizard/" + wizard.currentStep();
		}
		String why = (reason == null || reason.isBlank()) ? null : reason.strip();
		if (why != null && why.length() > 1000) {
			return show(wizard, model, text("wizard.review.reasonTooLong"));
		}
		String runId;
		try {
			Plan plan = this.provisioning.plan(WizardRequests.request(wizard));
			runId = this.provisioning.start(plan, new Approval(planHash, user.getName(), Instant.now(), why));
		}
		catch (ProvisioningRefusedException ex) {
			// Stale approval, blocked plan or name in use: the message says which and what to do.
			return show(wizard, model, ex.getMessage());
		}
		catch (InvalidRequestException ex) {
			return show(wizard, model, null);
		}
		catch (IllegalArgumentException ex) {
			return show(wizard, model, text("wizard.review.badHash"));
		}
		catch (DirectoryException | ClusterOperationException ex) {
			// The DC or the cluster did not answer while the plan was checked again: nothing was started.
			return show(wizard, model, ex.getMessage());
		}
		this.drafts.delete(user.getName());
		status.setComplete();
		return "redirect:/runs/" + runId;
	}

	@PostMapping("/cancel")
	String cancel(Authentication user, SessionStatus status, RedirectAttributes redirect) {
		this.drafts.delete(user.getName());
		status.setComplete();
		redirect.addFlashAttribute("flash", text("wizard.cancelled"));
		return "redirect:/wizard/connections";
	}

	private String show(WizardState wizard, Model model, @Nullable String refusal) {
		model.addAttribute("section", "wizard");
		model.addAttribute("step", "review");
		model.addAttribute("steps", WizardState.STEPS);
		model.addAttribute("refusal", refusal);
		ProvisioningRequest request;
		try {
			request = WizardRequests.request(wizard);
		}
		catch (InvalidRequestException ex) {
			WizardRequests.FieldError where = WizardRequests.locate(ex, wizard);
			model.addAttribute("requestError", where);
			return "wizard/review";
		}
		try {
			Plan plan = this.provisioning.plan(request);
			model.addAttribute("plan", plan);
			model.addAttribute("rows", rows(plan));
		}
		catch (InvalidRequestException ex) {
			model.addAttribute("requestError", WizardRequests.locate(ex, wizard));
		}
		catch (RuntimeException ex) {
			// The directory port's messages tell the admin what to do and hold no secret.
			model.addAttribute("planError", ex.getMessage());
		}
		return "wizard/review";
	}

	private static List<Row> rows(Plan plan) {
		return plan.steps().stream()
			.map((step) -> new Row(step, EquivalentCommands.of(step, plan.request(), plan.domain())))
			.toList();
	}

	private String text(String code) {
		return this.messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

}
