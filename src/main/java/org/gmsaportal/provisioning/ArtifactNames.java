package org.gmsaportal.provisioning;

import java.util.Locale;

import org.gmsaportal.cluster.ExportBundle;
import org.gmsaportal.credspec.CredentialSpec;

/**
 * The one file name of each download, used by the review's equivalent commands, the run page, the plan-only page,
 * the bundle's kubectl commands and the API, so an admin finds the same file under the same name everywhere.
 */
public final class ArtifactNames {

	private ArtifactNames() {
	}

	/**
	 * The credential spec: the name {@code New-CredentialSpec} gives it by default, {@code <netbios>_<account>.json}
	 * in lower case, read from the spec itself.
	 */
	public static String credentialSpec(String credSpecJson) {
		return CredentialSpec.fromJson(credSpecJson).suggestedFileName();
	}

	/** The YAML bundle: {@code <GMSACredentialSpec name>-bundle.yaml}. */
	public static String bundle(String credSpecName) {
		return ExportBundle.fileNameFor(credSpecName);
	}

	/** The run report: {@code <gmsa>-run-report.json} in lower case. */
	public static String report(String gmsaName) {
		return gmsaName.toLowerCase(Locale.ROOT) + "-run-report.json";
	}

}
