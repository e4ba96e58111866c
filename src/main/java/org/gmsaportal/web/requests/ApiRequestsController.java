package org.gmsaportal.web.requests;

import org.gmsaportal.provisioning.TextRules;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API-filed requests in the browser: ADMINs and AUDITORs see the list and each request's plan, run and callback
 * log; ADMINs approve (the plan they were shown) or reject (with a reason). POSTs need ADMIN in the security
 * configuration, so an AUDITOR's attempt is refused, and audited, before it gets here.
 */
@Controller
class ApiRequestsController {

	private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private static final int LIMIT = 200;

	private final RequestReview review;

	private final MessageSource messages;

	ApiRequestsController(RequestReview review, MessageSource messages) {
		this.review = review;
		this.messages = messages;
	}

	@ModelAttribute("section")
	String section() {
		return "api-requests";
	}

	@GetMapping("/api-requests")
	String list(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String ticket, Model model) {
		String state = blankToNull(status);
		String key = blankToNull(ticket);
		boolean invalid = false;
		if (state != null && !RequestReview.STATUSES.contains(state)) {
			state = null;
			invalid = true;
		}
		if (key != null && (key.length() > 128 || !key.matches("[A-Za-z0-9_.:#/-]+"))) {
			key = null;
			invalid = true;
		}
		model.addAttribute("statuses", RequestReview.STATUSES);
		model.addAttribute("status", state);
		model.addAttribute("ticket", (key != null) ? key : "");
		model.addAttribute("invalid", invalid);
		model.addAttribute("requests", this.review.list(state, key, LIMIT));
		return "api-requests/list";
	}

	@GetMapping("/api-requests/{id}")
	String detail(@PathVariable String id, Model model) {
		return show(id, model, null, null);
	}

	@PostMapping("/api-requests/{id}/approval")
	String approve(@PathVariable String id, @RequestParam(required = false) @Nullable String planHash,
			@RequestParam(required = false) @Nullable String reason, Authentication user, Model model,
			RedirectAttributes redirect) {
		String why = blankToNull(reason);
		if (planHash == null || !planHash.matches("[0-9a-f]{64}")) {
			return show(id, model, text("apiRequests.approve.noPlan"), null);
		}
		if (why != null && why.length() > 1000) {
			return show(id, model, text("apiRequests.reason.tooLong"), null);
		}
		if (why != null && TextRules.hasBidiControl(why)) {
			return show(id, model, text("reason.bidiControls"), null);
		}
		try {
			this.review.approve(found(id), user.getName(), planHash, why);
		}
		catch (ReviewViews.Refused refused) {
			return show(id, model, refused.getMessage(), null);
		}
		redirect.addFlashAttribute("flash", text("apiRequests.approved"));
		return "redirect:/api-requests/" + id;
	}

	@PostMapping("/api-requests/{id}/rejection")
	String reject(@PathVariable String id, @RequestParam(required = false) @Nullable String reason,
			Authentication user, Model model, RedirectAttributes redirect) {
		String why = blankToNull(reason);
		if (why == null) {
			return show(id, model, null, text("apiRequests.reason.required"));
		}
		if (why.length() > 1000) {
			return show(id, model, null, text("apiRequests.reason.tooLong"));
		}
		if (TextRules.hasBidiControl(why)) {
			return show(id, model, null, text("reason.bidiControls"));
		}
		try {
			this.review.reject(found(id), user.getName(), why);
		}
		catch (ReviewViews.Refused refused) {
			return show(id, model, refused.getMessage(), null);
		}
		redirect.addFlashAttribute("flash", text("apiRequests.rejected"));
		return "redirect:/api-requests/" + id;
	}

	private String show(String id, Model model, @Nullable String refusal, @Nullable String reasonError) {
		ReviewViews.Detail detail = this.review.find(found(id))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("request", detail);
		model.addAttribute("delivery", this.review.delivery(detail.summary().id()).orElse(null));
		model.addAttribute("refusal", refusal);
		model.addAttribute("reasonError", reasonError);
		return "api-requests/detail";
	}

	private String found(String id) {
		if (!id.matches(ID)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return id;
	}

	private String text(String code) {
		return this.messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
