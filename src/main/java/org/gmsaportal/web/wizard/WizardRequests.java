package org.gmsaportal.web.wizard;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gmsaportal.credspec.AksHciSecretPlugin;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.credspec.InvalidCredentialSpecInputException;
import org.gmsaportal.credspec.KubernetesSecretPlugin;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.Target;
import org.jspecify.annotations.Nullable;

/**
 * Turns the wizard's forms into the engine's request, and the engine's field names back into form fields, so
 * that a rule the engine enforces is shown beside the input that broke it.
 */
final class WizardRequests {

	private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d+)]");


	private WizardRequests() {
	}

	/**
	 * Where an engine error belongs in the wizard.
	 *
	 * @param step the wizard page
	 * @param field the form field on it, or {@code null} for the page as a whole
	 * @param message the rule, with the offending entry of a list named
	 */
	record FieldError(String step, @Nullable String field, String message) {
	}

	/** The request as the engine takes it; throws {@link InvalidRequestException} on the first broken rule. */
	static ProvisioningRequest request(WizardState state) {
		return request(state, false);
	}

	/** As {@link #request(WizardState)}, with a stand-in target while the cluster page is not filled in yet. */
	static ProvisioningRequest request(WizardState state, boolean pendingTarget) {
		IdentityStep id = state.getIdentity();
		Hosts hosts = (id.getHostMode() != IdentityStep.HostMode.PORTABLE)
				? new Hosts.DomainJoined(lines(id.getComputerAccounts()))
				: (id.getPlugin() != null) ? id.getPlugin().hosts(text(id.getPortableUser()), id.getPluginGuid(),
						text(id.getPluginInput()), id.getSecretDelivery())
				: new Hosts.Portable(text(id.getPortableUser()), "", text(id.getPluginInput()),
						id.getSecretDelivery());
		KdsRootKeyChoice kds = Objects.requireNonNullElse(state.getForest().getKdsRootKey(),
				KdsRootKeyChoice.USE_EXISTING);
		String ticket = text(id.getTicketRef());
		return new ProvisioningRequest(text(state.getConnections().getDirectoryConnection()), text(id.getGmsaName()),
				text(id.getDnsHostName()), lines(id.getSpns()),
				id.getEncryptionTypes().isEmpty() ? EnumSet.noneOf(org.gmsaportal.directory.EncryptionType.class)
						: EnumSet.copyOf(id.getEncryptionTypes()),
				kds, text(id.getGroupName()), hosts, pendingTarget ? pendingTarget(state, hosts) : target(state),
				ticket.isEmpty() ? null : ticket, id.getGroupScope(), id.getPlacement().placement(),
				lines(id.getAdditionalAccounts()));
	}

	// Until the cluster page is filled in, the identity page is checked against a valid stand-in of the target the
	// connections page chose (a cluster, or an export), in the namespace a Kubernetes-secret plug-in reads from:
	// whether that is the workload's is checked on the cluster page.
	private static Target pendingTarget(WizardState state, Hosts hosts) {
		String namespace = "default";
		if (hosts instanceof Hosts.Portable portable) {
			try {
				if (portable.preset() instanceof KubernetesSecretPlugin k8s) {
					namespace = k8s.namespace();
				}
				else if (portable.preset() instanceof AksHciSecretPlugin hci) {
					namespace = hci.namespace();
				}
			}
			catch (InvalidCredentialSpecInputException ex) {
				// The engine's own check of the same input names the field and the rule.
			}
		}
		String connection = text(state.getConnections().getClusterConnection());
		if (state.getConnections().exportOnly() || connection.isEmpty()) {
			return new Target.ExportOnly(namespace, "default", "pending");
		}
		return new Target.Cluster(connection, namespace, "default", "pending", List.of(), null);
	}

	static Target target(WizardState state) {
		ConnectionsStep conn = state.getConnections();
		ClusterStep cluster = state.getCluster();
		if (conn.dockerHosts()) {
			String image = text(cluster.getSampleImage());
			return new Target.DockerHosts(image.isEmpty() ? null : image);
		}
		if (conn.exportOnly()) {
			List<WorkloadRef> typed;
			try {
				typed = cluster.typedWorkloadRefs();
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("target.workloads", String.valueOf(ex.getMessage()));
			}
			return new Target.ExportOnly(text(cluster.getNamespace()), text(cluster.getServiceAccount()),
					text(cluster.getCredSpecName()), cluster.getPlatform(), lines(cluster.getDnsForwardServers()),
					typed);
		}
		String image = text(cluster.getSampleImage());
		return new Target.Cluster(text(conn.getClusterConnection()), text(cluster.getNamespace()),
				text(cluster.getServiceAccount()), text(cluster.getCredSpecName()),
				lines(cluster.getDnsForwardServers()), image.isEmpty() ? null : image, cluster.getPlatform(),
				workloads(cluster));
	}

	// A label that is not Kind/name is refused on the cluster page; here it names the field for the review.
	private static List<WorkloadRef> workloads(ClusterStep cluster) {
		try {
			return cluster.workloadRefs();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("target.workloads", String.valueOf(ex.getMessage()));
		}
	}

	/** The page and field of an engine error, naming the list entry when the field is a list. */
	static FieldError locate(InvalidRequestException ex, WizardState state) {
		String field = ex.field();
		String rule = ex.rule();
		Matcher indexed = INDEXED.matcher(field);
		if (indexed.matches()) {
			field = indexed.group(1);
			int index = Integer.parseInt(indexed.group(2));
			List<String> values = switch (field) {
				// The request sorts SPNs, so the index is into the sorted list.
				case "spns" -> lines(state.getIdentity().getSpns()).stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
				case "hosts.computerAccounts" -> lines(state.getIdentity().getComputerAccounts());
				case "target.dnsForwardServers" -> lines(state.getCluster().getDnsForwardServers());
				case "target.workloads" -> state.getConnections().exportOnly()
						? lines(state.getCluster().getTypedWorkloads()) : state.getCluster().getWorkloads();
				case "additionalAccounts" -> lines(state.getIdentity().getAdditionalAccounts());
				default -> List.of();
			};
			if (index < values.size()) {
				rule = "\"" + values.get(index) + "\" " + rule;
			}
		}
		return switch (field) {
			case "directoryConnection" -> new FieldError("connections", "directoryConnection", rule);
			case "target.connection" -> new FieldError("connections", "clusterConnection", rule);
			case "gmsaName", "dnsHostName", "spns", "encryptionTypes", "groupName", "ticketRef" ->
				new FieldError("identity", field, rule);
			case "hosts.computerAccounts" -> new FieldError("identity", "computerAccounts", rule);
			case "placement.groupOu", "placement.gmsaOu", "placement.userOu" -> new FieldError("identity", field, rule);
			case "hosts.userName" -> new FieldError("identity", "portableUser", rule);
			case "hosts.pluginGuid" ->
				new FieldError("identity", pluginGuidField(state.getIdentity().getPlugin()), rule);
			case "hosts.pluginInput" -> new FieldError("identity", "pluginInput", rule);
			case "hosts.delivery", "hosts.secretDelivery" -> new FieldError("identity", "secretDelivery", rule);
			case "additionalAccounts" -> new FieldError("identity", "additionalAccounts", rule);
			case "target.workloads" -> new FieldError("cluster",
					state.getConnections().exportOnly() ? "typedWorkloads" : "workloads", rule);
			case "target.image" -> new FieldError("cluster", "sampleImage", rule);
			case "target.namespace", "target.serviceAccount", "target.credSpecName", "target.dnsForwardServers",
					"target.sampleImage" -> new FieldError("cluster", field.substring("target.".length()), rule);
			default -> new FieldError("review", null, field + ": " + rule);
		};
	}

	/** The form field of a CLSID error: the typed CLSID where the admin supplies it, else the plug-in choice. */
	static String pluginGuidField(@Nullable WizardPlugin plugin) {
		return (plugin != null && plugin.needsClsid()) ? "pluginGuid" : "plugin";
	}

	/** Non-blank lines, trimmed: how list fields are typed. */
	static List<String> lines(@Nullable String text) {
		return (text == null) ? List.of()
				: Arrays.stream(text.split("\\R")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	static String text(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

}
