package org.gmsaportal.credspec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks any credential spec (pasted, uploaded, or the {@code credspec} of a {@code GMSACredentialSpec} resource)
 * and reports each defect with severity, field, problem and fix; never throws for bad input.
 */
public class CredentialSpecValidator {

	/** Checks format and internal consistency. */
	public ValidationReport validate(String json) {
		return validate(json, null);
	}

	/**
	 * Checks format, internal consistency and, when facts are given, every domain field against them.
	 * @param json the credspec, or a {@code GMSACredentialSpec} resource as JSON
	 * @param facts the domain facts read from the directory, or {@code null} to skip that comparison
	 */
	public ValidationReport validate(String json, @Nullable DomainIdentity facts) {
		Findings findings = new Findings();
		JsonNode root;
		try {
			root = CredentialSpecJson.parse(json);
		}
		catch (InvalidCredentialSpecInputException ex) {
			findings.error(FindingCode.MALFORMED_JSON, ex.field(), ex.rule(),
					"Paste the whole file as New-CredentialSpec wrote it, or the credspec field of the resource as JSON.");
			return findings.report();
		}
		if (isResource(json)) {
			findings.info(FindingCode.RESOURCE_UNWRAPPED, "credspec",
					"the input is a GMSACredentialSpec resource; its credspec field was checked", "Nothing to do.");
		}
		StructureCheck.check(root, findings);
		DomainJoinCheck.check(root, findings);
		HostAccountCheck.check(root, findings);
		if (facts != null) {
			FactsCheck.check(root, facts, findings);
		}
		return findings.report();
	}

	/** Checks a credspec model, e.g. one generated here or read with {@link CredentialSpec#fromJson}. */
	public ValidationReport validate(CredentialSpec spec, @Nullable DomainIdentity facts) {
		return validate(spec.toJson(), facts);
	}

	private static boolean isResource(String json) {
		// Parsed once more only to tell whether parse() unwrapped a resource; it already parsed without error.
		JsonNode raw = CredentialSpecJson.MAPPER.readTree(json);
		return raw.path("credspec").isObject() && !raw.has("CmsPlugins");
	}

}
