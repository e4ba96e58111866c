package org.gmsaportal.web.runs;

import java.time.Instant;

import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.PortableRotations;
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

/**
 * Rotating the portable identity a succeeded run wrote to a secret store: the admin reads the rotation plan and its
 * hash, gives a reason, and approves; the rotation is a run of its own. The security configuration keeps these
 * pages to admins.
 */
@Controller
class RunRotationController {

	private final ProvisioningService provisioning;

	private final PortableRotations rotations;

	private final MessageSource messages;

	RunRotationController(ProvisioningService provisioning, PortableRotations rotations, MessageSource messages) {
		this.provisioning = provisioning;
		this.rotations = rotations;
		this.messages = messages;
	}

	@GetMapping("/runs/{id}/rotation")
	String initRotationForm(@PathVariable String id, Model model) {
		return showRotation(RunsController.find(this.provisioning, id), model, null);
	}

	@PostMapping("/runs/{id}/rotation")
	String processRotationForm(@PathVariable String id, @RequestParam(defaultValue = "") String planHash,
			@RequestParam(defaultValue = "") String reason, Authentication user, Model model) {
		RunView run = RunsController.find(this.provisioning, id);
		String why = reason.strip();
		if (why.isEmpty() || why.length() > 1000) {
			return showRotation(run, model, text("runs.rotation.reasonRequired"));
		}
		if (TextRules.hasBidiControl(why)) {
			return showRotation(run, model, text("reason.bidiControls"));
		}
		String rotationId;
		try {
			rotationId = this.rotations.rotate(id, new Approval(planHash, user.getName(), Instant.now(), why));
		}
		catch (ProvisioningRefusedException ex) {
			return showRotation(run, model, ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			return showRotation(run, model, text("wizard.review.badHash"));
		}
		return "redirect:/runs/" + rotationId;
	}

	private String showRotation(RunView run, Model model, @Nullable String refusal) {
		model.addAttribute("section", "runs");
		model.addAttribute("run", run);
		model.addAttribute("refusal", refusal);
		try {
			model.addAttribute("plan", this.rotations.plan(run.id()));
		}
		catch (RuntimeException ex) {
			// Not a store-delivered identity, a rotation still open, no store adapter: the engine's message says which.
			model.addAttribute("planError", ex.getMessage());
		}
		return "runs/rotation";
	}

	private String text(String code) {
		return this.messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

}
