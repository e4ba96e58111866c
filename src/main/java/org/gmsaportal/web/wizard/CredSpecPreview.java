package org.gmsaportal.web.wizard;

import java.util.List;

import org.gmsaportal.credspec.CredentialSpec;
import org.gmsaportal.credspec.CredentialSpecExplainer;
import org.gmsaportal.credspec.CredentialSpecGenerator;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.Explanation;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.InvalidCredentialSpecInputException;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;

/**
 * The credential spec the run will generate for the request so far, with its explanation, for the wizard's
 * read-only credspec page.
 *
 * @param json the pretty JSON as {@code New-CredentialSpec} writes it
 * @param fileName the file name {@code New-CredentialSpec} would choose
 * @param explanation what the credspec does, in plain words
 */
record CredSpecPreview(String json, String fileName, Explanation explanation) {

	private static final CredentialSpecGenerator GENERATOR = new CredentialSpecGenerator();

	private static final CredentialSpecExplainer EXPLAINER = new CredentialSpecExplainer();

	/**
	 * Puts on the wizard's credspec page the preview for the request so far and the live domain facts, or what
	 * stopped it: the field at fault, or the directory's message.
	 */
	static void addTo(Model model, WizardState wizard, ProvisioningService provisioning) {
		try {
			// The cluster page comes later, so a stand-in target; the credspec does not depend on it.
			ProvisioningRequest request = WizardRequests.request(wizard, true);
			model.addAttribute("credspec", of(request, provisioning.domainFacts(request.directoryConnection())));
		}
		catch (InvalidRequestException ex) {
			model.addAttribute("requestError", WizardRequests.locate(ex, wizard));
		}
		catch (InvalidCredentialSpecInputException ex) {
			model.addAttribute("requestError", new WizardRequests.FieldError("identity", null, ex.field() + " " + ex.rule()));
		}
		catch (DirectoryException ex) {
			// The directory's messages tell the admin what to do and hold no secret.
			model.addAttribute("directoryError", ex.getMessage());
		}
	}

	/**
	 * Generates the preview the same way the engine's generate step does, so the page shows what will be written.
	 * @throws org.gmsaportal.credspec.InvalidCredentialSpecInputException if the credspec module refuses an input
	 */
	static CredSpecPreview of(ProvisioningRequest request, DomainIdentity domain) {
		CredentialSpec spec = GENERATOR.generate(domain, request.gmsaName(), List.of(), preset(request));
		return new CredSpecPreview(spec.toJson(), spec.suggestedFileName(), EXPLAINER.explain(spec));
	}

	private static @Nullable HostAccountPreset preset(ProvisioningRequest request) {
		// Domain-joined nodes use their own computer accounts: no HostAccountConfig, no plug-in.
		return (request.hosts() instanceof Hosts.Portable portable) ? portable.preset() : null;
	}

}
