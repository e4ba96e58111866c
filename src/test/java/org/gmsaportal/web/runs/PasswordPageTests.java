package org.gmsaportal.web.runs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.provisioning.PortableRotations;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunKind;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunTimes;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.StepState;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The page that shows the portable user's password once (issue 12 item 11): it names the Kubernetes Secret only
 * when the run wrote one, and offers a copy button. The same slice as {@link RunsControllerTests}.
 */
@WebMvcTest(controllers = RunsController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class PasswordPageTests {

	private static final String RUN_ID = "5c0b3f1e-2a4b-4c6d-8e0f-1234567890ab";

	private static final RequestPostProcessor ADMIN = user("password-admin").roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ProvisioningService provisioning;

	@MockitoBean
	PortableRotations rotations;

	@MockitoBean
	RunTimes times;

	@MockitoBean
	AuditLog auditLog;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@Test
	void anExportOnlyRunsPasswordPageMentionsNoKubernetesSecretAndHasACopyButton() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(new RunView.StepView(1, StepKind.EXPORT_BUNDLE,
				"webapp01", StepIntent.APPLY, "export", StepState.SUCCEEDED, "exported", "exported", "yaml", 1))));
		given(this.provisioning.revealPortablePassword(anyString(), anyString()))
			.willReturn(Optional.of(SecretValue.of("Generated-Pa55-word")));
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/password").with(csrf()).with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"password-value\">Generated-Pa55-word</code>")
			.contains("id=\"copy-password\"", "data-copy=\"password-value\"")
			.contains("The run stored it nowhere")
			.doesNotContainIgnoringCase("kubernetes secret");
	}

	@Test
	void aRunThatAppliedTheSecretNamesIt() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(new RunView.StepView(1,
				StepKind.APPLY_TO_CLUSTER, "webapp01", StepIntent.APPLY, "apply", StepState.SUCCEEDED, "applied",
				"CREATED GMSACredentialSpec webapp01, CREATED Secret apps/webapp01-ccg", "[]", 1))));
		given(this.provisioning.revealPortablePassword(anyString(), anyString()))
			.willReturn(Optional.of(SecretValue.of("Generated-Pa55-word")));
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/password").with(csrf()).with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("The run wrote it into the Kubernetes Secret apps/webapp01-ccg")
			.contains("id=\"copy-password\"");
	}

	private static RunView run(RunView.StepView last) {
		return new RunView(RUN_ID, RunKind.PROVISION, RunState.SUCCEEDED, "contoso.com", "WebApp01", "a".repeat(64),
				"password-admin", "CAB 42", "CHG-7", null, null, Instant.parse("2026-01-01T10:00:00Z"),
				Instant.parse("2026-01-01T10:01:00Z"),
				List.of(new RunView.StepView(0, StepKind.ENSURE_PORTABLE_USER, "webapp01-ccg", StepIntent.CREATE,
						"create the user", StepState.SUCCEEDED, "created", "created", null, 1), last));
	}

}
