package org.gmsaportal.web.wizard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.EquivalentCommands;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.PortableDelivery;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunAlreadyStartedException;
import org.gmsaportal.provisioning.TextRules;
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
 * cancelling, which discards the draft. Each rendered approval form carries a one-time token that becomes the
 * run's request key, so submitting it twice starts one run and shows it.
 */
@Controller
@RequestMapping("/wizard")
@SessionAttributes("wizard")
class ReviewController {

	private final WizardDraftRepository drafts;

	private final ProvisioningService provisioning;

	private final MessageSource messages;

	ReviewController(WizardDraftRepository drafts, ProvisioningService provisioning, MessageSource messages) {
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
	String review(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, Model model,
			Authentication user) {
		if (!wizard.mayOpen("review")) {
			return "redirect:/wizard/" + wizard.currentStep();
		}
		return show(wizard, model, null, user);
	}

	@PostMapping("/run")
	String approveAndRun(@ModelAttribute(name = "wizard", binding = false) WizardState wizard, @RequestParam String planHash,
			@RequestParam(required = false) @Nullable String reviewToken,
			@RequestParam(required = false) @Nullable String reason, Authentication user, Model model,
			SessionStatus status, RedirectAttributes redirect) {
		// First: a second submission of a form that started a run (a double click, a reload) gets that run.
		Optional<String> started = (reviewToken == null || reviewToken.isBlank()) ? Optional.empty()
				: this.provisioning.runStartedWith(reviewToken);
		if (started.isPresent()) {
			return alreadyStarted(started.get(), redirect);
		}
		if (!wizard.mayOpen("review")) {
			return "redirect:/wizard/" + wizard.currentStep();
		}
		String token = wizard.getReviewToken();
		if (token == null || !token.equals(reviewToken)) {
			return show(wizard, model, text("wizard.review.staleForm"), user);
		}
		String why = (reason == null || reason.isBlank()) ? null : reason.strip();
		if (why != null && why.length() > 1000) {
			return show(wizard, model, text("wizard.review.reasonTooLong"), user);
		}
		if (why != null && TextRules.hasBidiControl(why)) {
			return show(wizard, model, text("reason.bidiControls"), user);
		}
		String runId;
		try {
			// Planned once more, here, to check the approval still binds it; the run starts from that plan. The token
			// is the run's request key: the database lets one run start with it, on any instance.
			runId = this.provisioning.start(WizardRequests.request(wizard),
					new Approval(planHash, user.getName(), Instant.now(), why), token);
		}
		catch (RunAlreadyStartedException ex) {
			// The same form submitted twice at once: the other submission started the run.
			return alreadyStarted(ex.runId(), redirect);
		}
		catch (ProvisioningRefusedException ex) {
			// Stale approval, blocked plan or name in use: the message says which and what to do.
			return show(wizard, model, ex.getMessage(), user);
		}
		catch (InvalidRequestException ex) {
			return show(wizard, model, null, user);
		}
		catch (IllegalArgumentException ex) {
			return show(wizard, model, text("wizard.review.badHash"), user);
		}
		catch (DirectoryException | ClusterOperationException ex) {
			// The DC or the cluster did not answer while the plan was checked again: nothing was started.
			return show(wizard, model, ex.getMessage(), user);
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

	private String alreadyStarted(String runId, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash", text("wizard.review.alreadyStarted"));
		return "redirect:/runs/" + runId;
	}

	private String show(WizardState wizard, Model model, @Nullable String refusal, Authentication user) {
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
			model.addAttribute("workloadReviews", WorkloadReview.of(plan));
			model.addAttribute("delivery", PortableDelivery.of(plan.request(), plan.domain()).orElse(null));
			if (plan.runnable()) {
				// A new one-time token per rendered form; the draft keeps it, as the session does.
				wizard.setReviewToken(UUID.randomUUID().toString());
				this.drafts.save(user.getName(), wizard);
				model.addAttribute("reviewToken", wizard.getReviewToken());
			}
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
