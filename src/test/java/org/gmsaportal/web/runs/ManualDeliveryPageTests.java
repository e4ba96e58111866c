package org.gmsaportal.web.runs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditPage;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.PortableRotations;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunKind;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunTimes;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.SecretDelivery;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.StepState;
import org.gmsaportal.provisioning.Target;
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
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The run's pages for a portable identity (issue 13 items 1 and 5): with manual delivery the one showing of the
 * password also shows the store's command with the password left to paste, each with a copy button; with the
 * portal writing the store no command sits beside a password; the run page gives the platform's commands. The same
 * slice as {@link PasswordPageTests}.
 */
@WebMvcTest(controllers = RunsController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class ManualDeliveryPageTests {

	private static final String RUN_ID = "6d1c4f2e-3b5c-4d7e-8f10-234567890abc";

	private static final String PASSWORD = "Generated-Pa55-word";

	private static final String KV_INPUT = "ObjectId=5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d;"
			+ "SecretUri=https://contoso-kv.vault.azure.net/secrets/gmsa-web01";

	private static final RequestPostProcessor ADMIN = user("delivery-admin").roles("ADMIN");

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
	void aManualDeliveryShowsTheStoresCommandWithThePasswordLeftToPasteAndCopyButtons() {
		given(this.provisioning.request(RUN_ID)).willReturn(request(SecretDelivery.MANUAL));
		String page = revealed();
		assertThat(page).contains("id=\"password-value\">" + PASSWORD + "</code>")
			.contains("Store it in Azure Key Vault contoso-kv, secret gmsa-web01 with this command")
			.contains("id=\"store-command\">az keyvault secret set --vault-name contoso-kv --name gmsa-web01 --value "
					+ "&#39;contoso.com\\web01-ccg:&lt;password&gt;&#39;</code>")
			.contains("id=\"copy-command\"", "data-copy=\"store-command\"", "id=\"copy-password\"");
		// The password itself is in its one box only, never in the command.
		assertThat(page.split(PASSWORD, -1)).hasSize(2);
	}

	@Test
	void whenThePortalWritesTheStoreNoCommandSitsBesideAPassword() {
		given(this.provisioning.request(RUN_ID)).willReturn(request(SecretDelivery.STORE));
		assertThat(revealed()).doesNotContain("id=\"store-command\"", "id=\"copy-command\"");
	}

	@Test
	void theRunPageGivesTheStoreAndThePlatformsCommands() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run()));
		given(this.provisioning.request(RUN_ID)).willReturn(request(SecretDelivery.STORE));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 200, 0));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"delivery-mode\" data-delivery=\"STORE\"")
			.contains("id=\"delivery-destination\">Azure Key Vault contoso-kv, secret gmsa-web01<")
			.contains("id=\"platform-aks-gmsa\">az aks update --resource-group &lt;resource-group&gt; --name "
					+ "&lt;aks-cluster&gt; --enable-windows-gmsa --gmsa-dns-server 10.0.0.4 --gmsa-root-domain-name "
					+ "contoso.com</pre>")
			.contains("id=\"platform-keyvault-policy\">az keyvault set-policy --name contoso-kv --object-id "
					+ "5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d --secret-permissions get</pre>")
			.contains("id=\"platform-keyvault-rbac\">az role assignment create --role "
					+ "&quot;Key Vault Secrets User&quot;");
	}

	private String revealed() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run()));
		given(this.provisioning.revealPortablePassword(anyString(), anyString()))
			.willReturn(Optional.of(SecretValue.of(PASSWORD)));
		try {
			return this.mvc.post().uri("/runs/" + RUN_ID + "/password").with(csrf()).with(ADMIN).exchange()
				.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ProvisioningRequest request(SecretDelivery delivery) {
		return new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts",
				new Hosts.Portable("web01-ccg", KnownPlugin.AZURE_KEY_VAULT.clsid(), KV_INPUT, delivery),
				new Target.Cluster("aks", "apps", "webapp", "web01-spec", List.of("10.0.0.4"), null), null);
	}

	private static RunView run() {
		return new RunView(RUN_ID, RunKind.PROVISION, RunState.SUCCEEDED, "contoso.com", "web01", "a".repeat(64),
				"delivery-admin", null, null, null, null, Instant.parse("2026-01-01T10:00:00Z"),
				Instant.parse("2026-01-01T10:01:00Z"),
				List.of(new RunView.StepView(0, StepKind.ENSURE_PORTABLE_USER, "web01-ccg", StepIntent.CREATE,
						"create the user", StepState.SUCCEEDED, "created", "created", null, 1)));
	}

}
