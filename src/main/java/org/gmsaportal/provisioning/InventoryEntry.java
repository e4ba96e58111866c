package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A gMSA the portal provisioned and, by its own records, has not removed: the newest succeeded provisioning run of
 * the name in its domain that no decommission run removed. It says what the portal did, not what the directory or
 * a cluster holds now; nothing in it is a secret (a plug-in's input, which a custom plug-in may use for one, is left
 * out).
 *
 * @param runId the provisioning run that last provisioned it
 * @param gmsaName the gMSA name
 * @param domain the domain's DNS name
 * @param groupName the group of hosts allowed to retrieve the password
 * @param portableUser the portable user in that group, for hosts that are not domain-joined; {@code null} for
 * domain-joined hosts
 * @param pluginGuid the CLSID of the ccg.exe plug-in that reads the portable user; {@code null} for domain-joined
 * hosts
 * @param pluginName the plug-in's name if the portal knows it; {@code null} for domain-joined hosts or a custom
 * plug-in
 * @param clusterConnection the cluster connection the credential spec was applied to; {@code null} if it was only
 * exported as a YAML bundle
 * @param namespace the workload's namespace
 * @param credSpecName the {@code GMSACredentialSpec} resource name
 * @param ticketRef the ticket, if any
 * @param approvedBy who approved the run
 * @param provisionedAt when the run succeeded
 * @param laterRun a newer run of the same name that is running, failed or was interrupted (a decommission or another
 * provisioning), or {@code null}
 * @param directoryConnection the directory connection the run used; {@code null} when the entry was made without
 * the run's request (then the SPNs and members below are unknown and not compared)
 * @param spns the SPNs the run set on the gMSA: {@code host/<name>}, {@code host/<dNSHostName>} and the request's
 * @param hostAccounts the accounts the run put in the group: the portable user, or the computer accounts
 * ({@code NAME$})
 * @param groupCreated whether the run created the group, so that any other member was added outside the portal
 */
public record InventoryEntry(String runId, String gmsaName, String domain, String groupName,
		@Nullable String portableUser, @Nullable String pluginGuid, @Nullable String pluginName,
		@Nullable String clusterConnection, String namespace, String credSpecName, @Nullable String ticketRef,
		String approvedBy, Instant provisionedAt, @Nullable RunView laterRun, @Nullable String directoryConnection,
		List<String> spns, List<String> hostAccounts, boolean groupCreated) {

	public InventoryEntry {
		spns = List.copyOf(spns);
		hostAccounts = List.copyOf(hostAccounts);
	}

	/** An entry made from the run's summary alone, without its request: SPNs and members are not compared. */
	public InventoryEntry(String runId, String gmsaName, String domain, String groupName,
			@Nullable String portableUser, @Nullable String pluginGuid, @Nullable String pluginName,
			@Nullable String clusterConnection, String namespace, String credSpecName, @Nullable String ticketRef,
			String approvedBy, Instant provisionedAt, @Nullable RunView laterRun) {
		this(runId, gmsaName, domain, groupName, portableUser, pluginGuid, pluginName, clusterConnection, namespace,
				credSpecName, ticketRef, approvedBy, provisionedAt, laterRun, null, List.of(), List.of(), false);
	}

	/** Whether the entry knows what the run's request set (SPNs, members), so those can be compared. */
	public boolean knowsRequest() {
		return this.directoryConnection != null;
	}

	/** Whether the hosts use a portable user and a plug-in rather than their domain membership. */
	public boolean portable() {
		return this.portableUser != null;
	}

	/** Whether the credential spec went only into a YAML bundle, not to a cluster. */
	public boolean exportOnly() {
		return this.clusterConnection == null;
	}

}
