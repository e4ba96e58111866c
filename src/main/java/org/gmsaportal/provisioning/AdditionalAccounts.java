package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.directory.Directory;
import org.jspecify.annotations.Nullable;

/**
 * The further gMSAs a credential spec lists ({@code New-CredentialSpec -AdditionalAccounts}), checked against the
 * directory while planning: each must be a gMSA, and the same hosts must be allowed to retrieve its password (its
 * {@code msDS-GroupMSAMembership} names the request's group, or every host directly), or ccg.exe fetches the
 * primary account and fails on the further one inside the container. The cmdlet itself only warns.
 */
final class AdditionalAccounts {

	private AdditionalAccounts() {
	}

	/** A blocker on {@code additionalAccounts[i]} for each further gMSA that is missing or not retrievable. */
	static List<Blocker> check(Directory directory, String connection, ProvisioningRequest request) {
		List<Blocker> blockers = new ArrayList<>();
		List<String> hosts = RequestTranslation.members(request);
		List<String> principals = new ArrayList<>(List.of(request.groupName()));
		principals.addAll(hosts);
		for (int i = 0; i < request.additionalAccounts().size(); i++) {
			String name = request.additionalAccounts().get(i);
			Directory.Retrievers found = directory.retrievers(connection, name, principals);
			String problem = problem(request, name, hosts, found);
			if (problem != null) {
				blockers.add(new Blocker("additionalAccounts[" + i + "]", problem, null, null));
			}
		}
		return blockers;
	}

	/** The plan's words for the further gMSAs, empty when there are none. */
	static String listed(ProvisioningRequest request) {
		return request.additionalAccounts().isEmpty() ? ""
				: "; further gMSAs, each retrievable by the same hosts: " + String.join(", ",
						request.additionalAccounts());
	}

	private static @Nullable String problem(ProvisioningRequest request, String name, List<String> hosts,
			Directory.Retrievers found) {
		if (found.distinguishedName() == null) {
			return "Further gMSA " + name + " does not exist: a credential spec can list only existing gMSAs "
					+ "(New-CredentialSpec -AdditionalAccounts). Create it first, or remove it from the request.";
		}
		if (!found.isGmsa()) {
			return "The name " + name + "$ belongs to a " + found.kind() + " (" + found.distinguishedName()
					+ "), not a gMSA: list only gMSAs as further accounts.";
		}
		boolean group = found.allowed().stream().anyMatch((p) -> p.equalsIgnoreCase(request.groupName()));
		boolean everyHost = !hosts.isEmpty() && hosts.stream()
			.allMatch((h) -> found.allowed().stream().anyMatch((p) -> p.equalsIgnoreCase(h)));
		if (group || everyHost) {
			return null;
		}
		return "Further gMSA " + name + " (" + found.distinguishedName() + ") does not let the hosts retrieve its "
				+ "password: its msDS-GroupMSAMembership names neither group " + request.groupName()
				+ (hosts.isEmpty() ? "" : " nor " + String.join(", ", hosts)) + ". Add the group to it "
				+ "(Set-ADServiceAccount -Identity " + name + " -PrincipalsAllowedToRetrieveManagedPassword <its "
				+ "current principals>," + request.groupName() + "), or remove it from the request.";
	}

}
