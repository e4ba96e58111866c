package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.ExportBundle;
import org.gmsaportal.credspec.CredentialSpec;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.KnownPlugin;

import org.springframework.stereotype.Component;

/**
 * Plan-only mode: with no directory to ask, the admin types the domain facts and gets the artifacts a run
 * would produce (credential spec, YAML bundle, and the steps to carry out by hand), with no live change. For
 * nodes that are not domain-joined the credential spec carries the plug-in's HostAccountConfig and the bundle
 * the plug-in's Secret with a placeholder for the password, which is set by hand and never passes through.
 */
@Component
public class PlanOnly {

	private final Clusters cluster;

	private final AuditTrail audit;

	private final ExistingObjects.Owners owners;

	PlanOnly(Clusters cluster, AuditTrail audit, ExistingObjects.Owners owners) {
		this.cluster = cluster;
		this.audit = audit;
		this.owners = owners;
	}

	/**
	 * The artifacts for {@code request} in the domain {@code facts} describe; reads and changes nothing
	 * outside the portal. Recorded in the audit trail like an export.
	 * @throws InvalidRequestException naming the field and the rule of bad input
	 */
	public Artifacts generate(ProvisioningRequest request, DomainIdentity facts) {
		// Without a directory the portal's own records still know a name one of its runs owns in this domain.
		this.owners.owner(facts.dnsName(), request.gmsaName()).ifPresent((run) -> {
			throw new InvalidRequestException("gmsaName", ExistingObjects.ownedBy(request.gmsaName(),
					facts.dnsName().toLowerCase(java.util.Locale.ROOT), run));
		});
		HostAccountPreset preset = RequestTranslation.preset(request);
		CredentialSpec spec = RequestTranslation.credentialSpec(request, facts);
		// No password: the bundle's identity Secret carries a placeholder the admin fills in from the secret store.
		// Docker hosts run no Kubernetes: the credential spec file and the commands that place it, no bundle.
		ExportBundle bundle = request.target().kubernetes()
				? ExportBundles.of(this.cluster, "plan-only", request, facts.dnsName(), spec.toMap())
				: new ExportBundle("", "", List.of(), null, List.of());
		List<String> hostCommands = (request.target() instanceof Target.DockerHosts)
				? DockerHostCommands.of(request, spec.suggestedFileName(), facts.dnsName()) : List.of();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("hosts", request.hosts().getClass().getSimpleName());
		if (preset != null) {
			details.put("plugin", KnownPlugin.byGuid(preset.pluginGuid()).map(KnownPlugin::name).orElse("custom"));
		}
		this.audit.record(AuditEvent.of("provisioning.plan-only.generate", request.gmsaName() + "@" + facts.dnsName(),
				AuditOutcome.SUCCESS)
			.withDetails(details)
			.withCorrelation(null, request.ticketRef()));
		List<String> notes = new ArrayList<>(bundle.warnings());
		if (request.placement() != null) {
			notes.add("The OUs were checked as distinguished names only: with no directory connection, whether they "
					+ "exist was not checked. New-ADGroup, New-ADServiceAccount and New-ADUser fail if one does not.");
		}
		if (!request.additionalAccounts().isEmpty()) {
			notes.add("The further gMSAs " + String.join(", ", request.additionalAccounts()) + " were not checked: with "
					+ "no directory connection, make sure each exists and lets " + request.groupName() + " retrieve its "
					+ "password (Get-ADServiceAccount <name> -Properties PrincipalsAllowedToRetrieveManagedPassword).");
		}
		if (request.target() instanceof Target.ExportOnly export && export.platform() != null) {
			notes.add(export.profile().bundleNotes("<cluster>", facts.dnsName(), export.dnsForwardServers())
				.replace("\n#", " ")
				.replace("# ", "").strip());
		}
		if (preset != null) {
			notes.add(preset.describe() + " Store the portable user's credential there once New-ADUser has set its "
					+ "password; plan-only mode never sees a password.");
		}
		return new Artifacts(spec.toJson(), spec.suggestedFileName(), bundle.yaml(), bundle.fileName(),
				bundle.kubectlCommands(), steps(request), notes, hostCommands);
	}

	/** What the admin carries out, in order, since nothing was checked against a directory. */
	private static List<PlannedStep> steps(ProvisioningRequest request) {
		List<PlannedStep> steps = new ArrayList<>();
		steps.add(step(steps, StepKind.ENSURE_KDS_ROOT_KEY, "KDS root key", StepIntent.CHECK));
		Placement where = request.where();
		steps.add(placed(steps, StepKind.ENSURE_GROUP, request.groupName(), where.groupOu()));
		steps.add(placed(steps, StepKind.ENSURE_GMSA, request.gmsaName() + "$", where.gmsaOu()));
		if (request.hosts() instanceof Hosts.Portable portable) {
			steps.add(placed(steps, StepKind.ENSURE_PORTABLE_USER, portable.userName(), where.userOu()));
		}
		steps.add(step(steps, StepKind.ENSURE_MEMBERSHIP, request.groupName(), StepIntent.CREATE));
		if (request.hosts() instanceof Hosts.Portable portable) {
			// What ccg.exe does on the node: the proof the AD half is right, before any pod depends on it.
			steps.add(step(steps, StepKind.PROVE_RETRIEVAL, portable.userName(), StepIntent.CHECK));
		}
		if (request.target() instanceof Target.DockerHosts) {
			steps.add(step(steps, StepKind.PLACE_ON_DOCKER_HOSTS, request.gmsaName(), StepIntent.APPLY));
		}
		else {
			steps.add(step(steps, StepKind.EXPORT_BUNDLE, "YAML bundle", StepIntent.APPLY));
		}
		return steps;
	}

	// With no directory to ask, an OU is only known to be a well-formed DN: the step says so.
	private static PlannedStep placed(List<PlannedStep> earlier, StepKind kind, String target,
			@org.jspecify.annotations.Nullable String ou) {
		String where = (ou != null) ? "; in " + ou + " (its syntax was checked, not whether it exists)"
				: "; in the default container";
		return new PlannedStep(earlier.size(), kind, target, StepIntent.CREATE,
				"plan-only: not checked against a directory" + where);
	}

	private static PlannedStep step(List<PlannedStep> earlier, StepKind kind, String target, StepIntent intent) {
		return new PlannedStep(earlier.size(), kind, target, intent, "plan-only: not checked against a directory");
	}

	/**
	 * What plan-only mode hands the admin.
	 *
	 * @param credSpecJson the credential spec, as New-CredentialSpec would write it
	 * @param credSpecFileName its suggested file name
	 * @param bundleYaml the Kubernetes objects, for kubectl or GitOps
	 * @param bundleFileName the bundle's suggested file name
	 * @param kubectlCommands the kubectl commands that apply the bundle
	 * @param steps the directory and cluster steps, for the equivalent commands
	 * @param notes what the admin must do beyond the commands: fill in the Secret, store the credential
	 * @param hostCommands for Docker hosts (no bundle then): what to run on each host, in order; else empty
	 */
	public record Artifacts(String credSpecJson, String credSpecFileName, String bundleYaml, String bundleFileName,
			List<String> kubectlCommands, List<PlannedStep> steps, List<String> notes, List<String> hostCommands) {

		public Artifacts {
			kubectlCommands = List.copyOf(kubectlCommands);
			steps = List.copyOf(steps);
			notes = List.copyOf(notes);
			hostCommands = List.copyOf(hostCommands);
		}

		/** The artifacts of a Kubernetes target. */
		public Artifacts(String credSpecJson, String credSpecFileName, String bundleYaml, String bundleFileName,
				List<String> kubectlCommands, List<PlannedStep> steps, List<String> notes) {
			this(credSpecJson, credSpecFileName, bundleYaml, bundleFileName, kubectlCommands, steps, notes, List.of());
		}

	}

}
