package org.gmsaportal.web.wizard;

import java.util.List;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.PlanOnly;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.SecretDelivery;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.Target;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Plan-only mode as {@link PlanOnlyController} decides it: typed domain facts are checked before anything is
 * generated, an input the credspec module or the engine refuses is shown on the form field it concerns, and a
 * valid form becomes the engine's export-only request with the defaults filled in. The engine is a mock: this
 * slice tests the controller's decisions; {@link PlanOnlyHttpTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module), so the auditor's refusal is the portal's own rule; only its sign-in manager and audit trail are mocks.
 */
@WebMvcTest(controllers = PlanOnlyController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class PlanOnlyControllerTests {

	private static final String DOMAIN_SID = "S-1-5-21-1004336348-1177238915-682003330";

	private static final RequestPostProcessor ADMIN = user("plan-admin").roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	PlanOnly planOnly;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@Test
	void theFormOpensEmptyWithTheHostModesAndPlugins() {
		assertThat(this.mvc.get().uri("/wizard/plan-only").with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/plan-only")
			.model()
			.containsKeys("form", "hostModes", "plugins")
			.containsEntry("section", "wizard")
			.doesNotContainKey("artifacts");
		verifyNoInteractions(this.planOnly);
	}

	@Test
	void aMissingDomainFactIsAnInlineErrorAndNothingIsGenerated() {
		MultiValueMap<String, String> form = form();
		form.remove("domainGuid");
		assertThat(this.mvc.post().uri("/wizard/plan-only").params(form).with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/plan-only")
			.model()
			.doesNotContainKey("artifacts")
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("domainGuid")
			.hasFieldErrorCode("domainGuid", "NotBlank");
		verifyNoInteractions(this.planOnly);
	}

	@Test
	void anAccountSidTheCredSpecModuleRefusesIsShownOnTheDomainSidFieldAndNothingIsGenerated() {
		MultiValueMap<String, String> form = form();
		form.set("domainSid", DOMAIN_SID + "-1104");
		assertThat(this.mvc.post().uri("/wizard/plan-only").params(form).with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.doesNotContainKey("artifacts")
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("domainSid")
			.hasFieldErrorCode("domainSid", "invalid");
		verifyNoInteractions(this.planOnly);
	}

	@Test
	void aValidFormBecomesAnExportOnlyRequestWithItsDefaultsAndItsArtifactsAreShown() {
		PlanOnly.Artifacts artifacts = new PlanOnly.Artifacts("{}", "contoso_webapp01.json", "kind: GMSACredentialSpec",
				"webapp01-export-bundle.yaml", List.of("kubectl apply -f webapp01-export-bundle.yaml"),
				List.of(new PlannedStep(0, StepKind.ENSURE_GROUP, "WebApp01-hosts", StepIntent.CREATE,
						"create group WebApp01-hosts")),
				List.of());
		given(this.planOnly.generate(any(), any())).willReturn(artifacts);
		assertThat(this.mvc.post().uri("/wizard/plan-only").params(form()).with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/plan-only")
			.model()
			.containsEntry("artifacts", artifacts)
			.hasEntrySatisfying("commands", (commands) -> assertThat(commands).asInstanceOf(
					org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(1));
		ArgumentCaptor<ProvisioningRequest> request = ArgumentCaptor.forClass(ProvisioningRequest.class);
		ArgumentCaptor<DomainIdentity> facts = ArgumentCaptor.forClass(DomainIdentity.class);
		verify(this.planOnly).generate(request.capture(), facts.capture());
		assertThat(facts.getValue().domainSid()).isEqualTo(DOMAIN_SID);
		assertThat(request.getValue().directoryConnection()).isEqualTo("plan-only");
		assertThat(request.getValue().dnsHostName()).isEqualTo("webapp01.contoso.com");
		assertThat(request.getValue().groupName()).isEqualTo("WebApp01-hosts");
		assertThat(request.getValue().target()).isEqualTo(new Target.ExportOnly("apps", "webapp", "webapp01-spec"));
	}

	@Test
	void aPortableAwsPlanByHandGivesTheSsmCommandAndTheNodeRolesPolicy() {
		given(this.planOnly.generate(any(), any())).willReturn(new PlanOnly.Artifacts("{}", "contoso_webapp01.json",
				"kind: GMSACredentialSpec", "webapp01-export-bundle.yaml", List.of(), List.of(), List.of()));
		MultiValueMap<String, String> form = form();
		form.remove("computerAccounts");
		form.add("hostMode", "PORTABLE");
		form.add("portableUser", "WebApp01-ccg");
		form.add("plugin", "AWS");
		form.add("pluginInput", "{\"credentialArn\":\"arn:aws:ssm:eu-west-1:123456789012:parameter/gmsa/web01\"}");
		form.add("secretDelivery", "MANUAL");
		assertThat(this.mvc.post().uri("/wizard/plan-only").params(form).with(csrf()).with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("data-delivery=\"MANUAL\"")
			.contains("aws ssm put-parameter --region eu-west-1 --name /gmsa/web01 --type SecureString --overwrite")
			.contains("id=\"platform-iam-policy\"", "ssm:GetParameter", "kms:Decrypt");
		ArgumentCaptor<ProvisioningRequest> request = ArgumentCaptor.forClass(ProvisioningRequest.class);
		verify(this.planOnly).generate(request.capture(), any());
		assertThat(((Hosts.Portable) request.getValue().hosts()).delivery()).isEqualTo(SecretDelivery.MANUAL);
	}

	@Test
	void aRuleTheEngineEnforcesIsShownOnTheFormFieldItConcerns() {
		given(this.planOnly.generate(any(), any()))
			.willThrow(new InvalidRequestException("target.serviceAccount", "is not allowed here"));
		assertThat(this.mvc.post().uri("/wizard/plan-only").params(form()).with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.doesNotContainKey("artifacts")
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("serviceAccount")
			.hasFieldErrorCode("serviceAccount", "invalid");
	}

	@Test
	void anAuditorMayNotUsePlanOnlyMode() {
		RequestPostProcessor auditor = user("plan-auditor").roles("AUDITOR");
		assertThat(this.mvc.get().uri("/wizard/plan-only").with(auditor)).hasStatus(403);
		assertThat(this.mvc.post().uri("/wizard/plan-only").params(form()).with(csrf()).with(auditor)).hasStatus(403);
		verifyNoInteractions(this.planOnly);
	}

	private static MultiValueMap<String, String> form() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("dnsName", "contoso.com");
		form.add("netbiosName", "CONTOSO");
		form.add("forestDnsName", "contoso.com");
		form.add("domainSid", DOMAIN_SID);
		form.add("domainGuid", "52e6d0b4-87d3-4d2a-9b4c-8d1f0f1ac0de");
		form.add("gmsaName", "WebApp01");
		form.add("computerAccounts", "NODE1$\nNODE2$");
		form.add("namespace", "apps");
		form.add("serviceAccount", "webapp");
		return form;
	}

}
