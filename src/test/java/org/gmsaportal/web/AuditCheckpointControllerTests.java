package org.gmsaportal.web;

import java.time.Instant;

import org.gmsaportal.audit.AuditCheckpoints;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.CheckpointRef;
import org.gmsaportal.audit.CheckpointRefusedException;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Publishing a checkpoint on demand and downloading the public key, as {@link AuditCheckpointController} serves
 * them. The checkpoints are a mock here; what they sign and write is tested in the audit module's tamper tests.
 */
@WebMvcTest(controllers = AuditCheckpointController.class, includeFilters = @ComponentScan.Filter(
		type = FilterType.REGEX, pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class AuditCheckpointControllerTests {

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	private static final RequestPostProcessor AUDITOR = user("reader").roles("AUDITOR");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	AuditCheckpoints checkpoints;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@Test
	void anAdminPublishesACheckpointAndSeesWhichFileHoldsIt() {
		given(this.checkpoints.publishNow()).willReturn(new CheckpointRef(42, "a".repeat(64),
				Instant.parse("2026-12-07T10:00:00Z"), "/worm/checkpoint-42.txt"));
		assertThat(this.mvc.post().uri("/audit/checkpoints").with(ADMIN).with(csrf())).hasStatus3xxRedirection()
			.hasRedirectedUrl("/audit/verify")
			.flash()
			.containsEntry("flash", "Checkpoint of event 42 published: /worm/checkpoint-42.txt");
	}

	@Test
	void aRefusedCheckpointSaysWhy() {
		given(this.checkpoints.publishNow()).willThrow(new TestRefusal("The trail no longer extends checkpoint 5."));
		assertThat(this.mvc.post().uri("/audit/checkpoints").with(ADMIN).with(csrf())).hasStatus3xxRedirection()
			.flash()
			.containsEntry("flash", "No checkpoint was published: The trail no longer extends checkpoint 5.");
	}

	@Test
	void anAuditorMayDownloadThePublicKeyButNotPublish() {
		given(this.checkpoints.publicKeyPem()).willReturn("-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----\n");
		assertThat(this.mvc.get().uri("/audit/checkpoint-key.pem").with(AUDITOR)).hasStatusOk()
			.hasHeader("Content-Disposition", "attachment; filename=\"audit-checkpoint-key.pem\"")
			.bodyText()
			.startsWith("-----BEGIN PUBLIC KEY-----");
		assertThat(this.mvc.post().uri("/audit/checkpoints").with(AUDITOR).with(csrf())).hasStatus(403);
		verify(this.checkpoints, Mockito.never()).publishNow();
	}

	/** The exception's constructors are the audit module's own. */
	private static final class TestRefusal extends CheckpointRefusedException {

		TestRefusal(String message) {
			super(message);
		}

	}

}
