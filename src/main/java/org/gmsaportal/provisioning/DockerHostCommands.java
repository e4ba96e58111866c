package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.credspec.HostAccountPreset;

/**
 * What an admin runs on a Windows Server host that runs containers with Docker (no Kubernetes): place the
 * credential spec file where Docker looks for it, make sure the host may retrieve the passwords, and start a
 * container with {@code --security-opt "credentialspec=file://<name>.json"} (Microsoft's gMSA for Windows
 * containers documents). Pure: built from the request, the file name and the domain.
 */
public final class DockerHostCommands {

	/** Where Docker reads credential spec files; {@code New-CredentialSpec} writes there by default. */
	public static final String FOLDER = "C:\\ProgramData\\Docker\\CredentialSpecs";

	private DockerHostCommands() {
	}

	/**
	 * The commands, in order, each a PowerShell line on the container host.
	 *
	 * @param request a request whose target is {@link Target.DockerHosts}
	 * @param fileName the credential spec's file name, as {@code New-CredentialSpec} names it
	 * @param domain the domain's DNS name
	 */
	public static List<String> of(ProvisioningRequest request, String fileName, String domain) {
		Target.DockerHosts docker = (Target.DockerHosts) request.target();
		List<String> commands = new ArrayList<>();
		commands.add("New-Item -ItemType Directory -Force " + EquivalentCommands.ps(FOLDER));
		commands.add("Copy-Item " + EquivalentCommands.ps(fileName) + " " + EquivalentCommands.ps(FOLDER + "\\"
				+ fileName) + "  # the file this run offers, under the name New-CredentialSpec gives it");
		List<String> accounts = new ArrayList<>(List.of(request.gmsaName()));
		accounts.addAll(request.additionalAccounts());
		if (request.hosts() instanceof Hosts.Portable portable) {
			HostAccountPreset preset = portable.preset();
			commands.add("# the host is not domain-joined: the ccg.exe plug-in " + preset.pluginGuid() + " must be "
					+ "installed and registered under HKLM:\\SYSTEM\\CurrentControlSet\\Control\\CCG\\COMClasses; "
					+ preset.describe());
		}
		else {
			// A host's group membership reaches its Kerberos ticket only when the ticket is renewed.
			commands.add("klist -li 0x3e7 purge  # or Restart-Computer: the host's ticket must carry its new "
					+ "membership of " + request.groupName());
			for (String account : accounts) {
				commands.add("Test-ADServiceAccount -Identity " + EquivalentCommands.ps(account)
						+ "  # True: this host may retrieve the password (needs RSAT-AD-PowerShell)");
			}
		}
		commands.add("docker run --security-opt \"credentialspec=file://" + fileName + "\" --hostname "
				+ request.gmsaName().toLowerCase(java.util.Locale.ROOT) + " -it " + docker.imageToRun()
				+ " cmd /c nltest /sc_verify:" + domain);
		return commands;
	}

}
