package org.gmsaportal.web;

import java.nio.charset.StandardCharsets;

import org.gmsaportal.audit.AuditCheckpoints;
import org.gmsaportal.audit.CheckpointRef;
import org.gmsaportal.audit.CheckpointRefusedException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Audit checkpoints: an ADMIN publishes one on demand (besides the interval), and anyone who may read the trail
 * downloads the public key that verifies them, for the offline verifier.
 */
@Controller
class AuditCheckpointController {

	private final AuditCheckpoints checkpoints;

	private final MessageSource messages;

	AuditCheckpointController(AuditCheckpoints checkpoints, MessageSource messages) {
		this.checkpoints = checkpoints;
		this.messages = messages;
	}

	/** ADMIN only, as every POST; the publication, or why there was none, is recorded in the trail. */
	@PostMapping("/audit/checkpoints")
	String publish(RedirectAttributes redirect) {
		try {
			CheckpointRef published = this.checkpoints.publishNow();
			redirect.addFlashAttribute("flash", text("audit.checkpoint.published", published.seq(), published.file()));
		}
		catch (CheckpointRefusedException ex) {
			redirect.addFlashAttribute("flash", text("audit.checkpoint.refused", ex.getMessage()));
		}
		return "redirect:/audit/verify";
	}

	@GetMapping("/audit/checkpoint-key.pem")
	ResponseEntity<String> publicKey() {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-checkpoint-key.pem\"")
			.contentType(new MediaType("application", "x-pem-file", StandardCharsets.US_ASCII))
			.body(this.checkpoints.publicKeyPem());
	}

	private String text(String key, Object... args) {
		return this.messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}
