package org.gmsaportal.web.clients;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;

import jakarta.validation.Valid;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API clients in the browser: ADMINs create and revoke them and mark them auto-approve, AUDITORs see the list.
 * Token and signing secret travel once, as flash attributes, to the page after the redirect, and are never
 * shown again.
 */
@Controller
class ApiClientsController {

	private final ApiClients clients;

	private final MessageSource messages;

	ApiClientsController(ApiClients clients, MessageSource messages) {
		this.clients = clients;
		this.messages = messages;
	}

	@ModelAttribute("section")
	String section() {
		return "api-clients";
	}

	/** Whether the auto-approve mark takes effect ({@code gmsa.api.approval=per-client}). */
	@ModelAttribute("perClientPolicy")
	boolean perClientPolicy() {
		return this.clients.approvalPolicy().equals("per-client");
	}

	@GetMapping("/api-clients")
	String list(Model model) {
		model.addAttribute("clients", this.clients.list());
		model.addAttribute("now", Instant.now());
		return "api-clients/list";
	}

	@GetMapping("/api-clients/new")
	String form(Model model) {
		model.addAttribute("form", new ApiClientForm());
		model.addAttribute("allScopes", ApiScope.values());
		return "api-clients/form";
	}

	@PostMapping("/api-clients")
	String create(@Valid @ModelAttribute("form") ApiClientForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				Instant expiresAt = (form.getExpiresOn() != null)
						? form.getExpiresOn().atStartOfDay(ZoneOffset.UTC).toInstant() : null;
				NewApiClient created = this.clients.create(form.getName(), EnumSet.copyOf(form.getScopes()), expiresAt,
						form.hosts(), form.isAutoApprove());
				redirect.addFlashAttribute("token", created.token());
				redirect.addFlashAttribute("signingSecret", created.signingSecret());
				return "redirect:/api-clients/" + created.client().id() + "/created";
			}
			catch (ApiClients.DuplicateNameException ex) {
				errors.rejectValue("name", "apiClients.name.taken");
			}
		}
		model.addAttribute("allScopes", ApiScope.values());
		return "api-clients/form";
	}

	/** Shows the secrets if they just came through the redirect; a reload shows only that they are gone. */
	@GetMapping("/api-clients/{id}/created")
	String created(@PathVariable String id, Model model) {
		model.addAttribute("client", client(id));
		return "api-clients/created";
	}

	@GetMapping("/api-clients/{id}/revoke")
	String confirmRevoke(@PathVariable String id, Model model) {
		model.addAttribute("client", client(id));
		return "api-clients/revoke";
	}

	@PostMapping("/api-clients/{id}/revoke")
	String revoke(@PathVariable String id, RedirectAttributes redirect) {
		ApiClient client = client(id);
		String key = this.clients.revoke(id) ? "apiClients.revoked" : "apiClients.alreadyRevoked";
		redirect.addFlashAttribute("flash",
				this.messages.getMessage(key, new Object[] { client.name() }, LocaleContextHolder.getLocale()));
		return "redirect:/api-clients";
	}

	/** {@code enabled} is read by hand: a missing or garbled value gets a message naming it, not an error page. */
	@PostMapping("/api-clients/{id}/auto-approve")
	String autoApprove(@PathVariable String id, @RequestParam(required = false) @Nullable String enabled,
			RedirectAttributes redirect) {
		ApiClient client = client(id);
		Boolean wanted = ("true".equals(enabled)) ? Boolean.TRUE : ("false".equals(enabled)) ? Boolean.FALSE : null;
		if (wanted == null) {
			redirect.addFlashAttribute("flash", message("apiClients.autoApprove.invalid", client.name()));
			return "redirect:/api-clients";
		}
		String key = switch (this.clients.setAutoApprove(id, wanted)) {
			case CHANGED -> "apiClients.autoApprove.changed";
			case ALREADY_SO -> "apiClients.autoApprove.unchanged";
			case NOT_ACTIVE -> "apiClients.autoApprove.notActive";
		};
		String state = text(wanted ? "apiClients.autoApprove.on" : "apiClients.autoApprove.off");
		redirect.addFlashAttribute("flash", message(key, client.name(), state));
		return "redirect:/api-clients";
	}

	private String message(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	private String text(String code) {
		return this.messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

	private ApiClient client(String id) {
		return this.clients.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
