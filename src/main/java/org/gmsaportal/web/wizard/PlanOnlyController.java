package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.InvalidCredentialSpecInputException;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.EquivalentCommands;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.PlanOnly;
import org.gmsaportal.provisioning.PortableDelivery;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.SecretDelivery;
import org.gmsaportal.provisioning.Target;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Plan-only mode for domain-joined hosts and for portable ones with a known plug-in: typed domain facts in, the
 * credential spec, the YAML bundle and the PowerShell and kubectl commands out, with no live change anywhere.
 */
@Controller
class PlanOnlyController {

	private static final String VIEW = "wizard/plan-only";

	private final PlanOnly planOnly;

	PlanOnlyController(PlanOnly planOnly) {
		this.planOnly = planOnly;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("section", "wizard");
		model.addAttribute("hostModes", IdentityStep.HostMode.values());
		model.addAttribute("plugins", WizardPlugin.values());
		model.addAttribute("deliveries", SecretDelivery.values());
	}

	@GetMapping("/wizard/plan-only")
	String initPlanOnlyForm(Model model) {
		model.addAttribute("form", new PlanOnlyForm());
		return VIEW;
	}

	@PostMapping("/wizard/plan-only")
	String processPlanOnlyForm(@Valid @ModelAttribute("form") PlanOnlyForm form, BindingResult errors, Model model) {
		form.validate(errors);
		if (errors.hasErrors()) {
			return VIEW;
		}
		try {
			DomainIdentity facts = DomainIdentity.of(WizardRequests.text(form.getDnsName()),
					WizardRequests.text(form.getNetbiosName()), WizardRequests.text(form.getForestDnsName()),
					WizardRequests.text(form.getDomainSid()), WizardRequests.text(form.getDomainGuid()));
			ProvisioningRequest request = request(form, facts);
			PlanOnly.Artifacts artifacts = this.planOnly.generate(request, facts);
			model.addAttribute("artifacts", artifacts);
			model.addAttribute("commands", artifacts.steps().stream()
				.map((step) -> EquivalentCommands.of(step, request, facts.dnsName())).toList());
			model.addAttribute("delivery", PortableDelivery.of(request, facts.dnsName()).orElse(null));
		}
		catch (InvalidCredentialSpecInputException ex) {
			errors.rejectValue(factField(ex.field()), "invalid", ex.rule());
		}
		catch (InvalidRequestException ex) {
			// A DNS host name left blank is derived from the name: its error is the name's.
			boolean derived = ex.field().equals("dnsHostName") && blank(form.getDnsHostName());
			errors.rejectValue(derived ? "gmsaName" : requestField(ex.field(), form.getPlugin()), "invalid",
					derived ? "gives a DNS host name that " + ex.rule() : ex.rule());
		}
		return VIEW;
	}

	private static ProvisioningRequest request(PlanOnlyForm form, DomainIdentity facts) {
		String name = WizardRequests.text(form.getGmsaName());
		String dnsHostName = blank(form.getDnsHostName()) ? name.toLowerCase(Locale.ROOT) + "." + facts.dnsName()
				: WizardRequests.text(form.getDnsHostName());
		String group = blank(form.getGroupName()) ? name + "-hosts" : WizardRequests.text(form.getGroupName());
		String credSpec = blank(form.getCredSpecName()) ? name.toLowerCase(Locale.ROOT) + "-spec"
				: WizardRequests.text(form.getCredSpecName());
		WizardPlugin plugin = form.getPlugin();
		Hosts hosts = (form.getHostMode() == IdentityStep.HostMode.PORTABLE && plugin != null)
				? plugin.hosts(WizardRequests.text(form.getPortableUser()), form.getPluginGuid(),
						WizardRequests.text(form.getPluginInput()), form.getSecretDelivery())
				: new Hosts.DomainJoined(WizardRequests.lines(form.getComputerAccounts()));
		return new ProvisioningRequest("plan-only", name, dnsHostName, WizardRequests.lines(form.getSpns()),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, group, hosts,
				target(form, credSpec), null, null, form.getPlacement().placement(),
				WizardRequests.lines(form.getAdditionalAccounts()));
	}

	/** Docker hosts, or a bundle whose CoreDNS block goes to the servers typed (no directory to ask for its DCs). */
	private static Target target(PlanOnlyForm form, String credSpec) {
		if (form.isDockerHosts()) {
			String image = WizardRequests.text(form.getDockerImage());
			return new Target.DockerHosts(image.isEmpty() ? null : image);
		}
		List<WorkloadRef> workloads;
		try {
			workloads = WizardRequests.lines(form.getTypedWorkloads()).stream().distinct()
				.map((label) -> ClusterStep.workloadRef(label, false)).toList();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("target.workloads", String.valueOf(ex.getMessage()));
		}
		return new Target.ExportOnly(WizardRequests.text(form.getNamespace()),
				WizardRequests.text(form.getServiceAccount()), credSpec, null,
				WizardRequests.lines(form.getDnsForwardServers()), workloads);
	}

	private static String factField(String field) {
		return switch (field) {
			case "netBiosName" -> "netbiosName";
			case "objectGuid" -> "domainGuid";
			default -> field;
		};
	}

	private static String requestField(String field, @Nullable WizardPlugin plugin) {
		String base = field.replaceAll("\\[\\d+]$", "");
		return switch (base) {
			case "gmsaName", "dnsHostName", "spns", "groupName" -> base;
			case "hosts.computerAccounts" -> "computerAccounts";
			case "hosts.userName" -> "portableUser";
			case "hosts.pluginGuid", "PluginGUID" -> WizardRequests.pluginGuidField(plugin);
			case "hosts.pluginInput", "PluginInput" -> "pluginInput";
			case "hosts.delivery", "hosts.secretDelivery" -> "secretDelivery";
			case "target.namespace" -> "namespace";
			case "target.serviceAccount" -> "serviceAccount";
			case "target.credSpecName" -> "credSpecName";
			case "additionalAccounts" -> "additionalAccounts";
			case "target.image" -> "dockerImage";
			case "target.dnsForwardServers" -> "dnsForwardServers";
			case "target.workloads" -> "typedWorkloads";
			case "placement.groupOu", "placement.gmsaOu", "placement.userOu" -> base;
			default -> "gmsaName";
		};
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
