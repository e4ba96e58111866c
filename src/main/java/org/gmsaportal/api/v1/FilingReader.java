package org.gmsaportal.api.v1;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.gmsaportal.cluster.Platform;
import org.gmsaportal.cluster.WorkloadKind;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.credspec.PluginPreset;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.GroupScope;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.Placement;
import org.gmsaportal.provisioning.SecretDelivery;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.provisioning.TextRules;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of {@code POST /api/v1/provisioning-requests} into a {@link Filing}, applying the wizard's
 * defaults: AES256 only, the existing KDS root key, group {@code GmsaHosts-<name>}, export only into
 * namespace {@code default} with service account and credential spec named after the gMSA.
 */
final class FilingReader {

	static final String SAMPLE_IMAGE = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022";

	private FilingReader() {
	}

	static Filing read(JsonNode body) {
		if (!body.isObject()) {
			throw new ApiInputException("body", "type");
		}
		Json.onlyKnown(body, "", Set.of("directory", "account", "hosts", "cluster", "docker", "ticket", "callbackUrl",
				"placement"));
		String directory = Json.text(body, "directory", "directory", true, 64);
		JsonNode account = Json.object(body, "account", "account", true,
				Set.of("name", "dnsHostName", "servicePrincipalNames", "additionalAccounts", "encryptionTypes"));
		String name = Json.text(account, "name", "account.name", true, 16);
		String plain = Filing.stripDollar(name);
		String dnsHostName = Json.text(account, "dnsHostName", "account.dnsHostName", false, 253);
		List<String> spns = Json.texts(account, "servicePrincipalNames", "account.servicePrincipalNames", 100, 300);
		List<String> additional = Json.texts(account, "additionalAccounts", "account.additionalAccounts", 20, 16);
		Set<EncryptionType> types = encryptionTypes(
				Json.texts(account, "encryptionTypes", "account.encryptionTypes", 10, 40));
		JsonNode hostsNode = Json.object(body, "hosts", "hosts", true,
				Set.of("mode", "group", "groupScope", "members", "portableUser", "plugin", "secretDelivery"));
		String group = Json.text(hostsNode, "group", "hosts.group", false, 64);
		GroupScope groupScope = groupScope(Json.text(hostsNode, "groupScope", "hosts.groupScope", false, 20));
		Hosts hosts = hosts(hostsNode);
		Target target = target(body, plain);
		// A Kubernetes Secret is written by the portal only to a cluster it applies to; for an export the bundle
		// carries it for a person, as before delivery existed, so such a filing without a delivery stays manual.
		if (hosts instanceof Hosts.Portable portable && !hostsNode.has("secretDelivery")
				&& !(target instanceof Target.Cluster)
				&& KnownPlugin.KUBERNETES_SECRET.clsid().equalsIgnoreCase(portable.pluginGuid())) {
			hosts = new Hosts.Portable(portable.userName(), portable.pluginGuid(), portable.pluginInput(),
					SecretDelivery.MANUAL);
		}
		JsonNode ticketNode = Json.object(body, "ticket", "ticket", false, Set.of("system", "key", "url"));
		Filing.Ticket ticket = (ticketNode != null) ? ticket(ticketNode) : null;
		String callbackUrl = Json.text(body, "callbackUrl", "callbackUrl", false, 2048);
		return new Filing(directory, name, dnsHostName, spns, types, (group != null) ? group : "GmsaHosts-" + plain,
				hosts, target, ticket, callbackUrl, groupScope, placement(body), additional);
	}

	private static @Nullable GroupScope groupScope(@Nullable String value) {
		if (value == null) {
			return null;
		}
		return switch (value) {
			case "domainLocal" -> GroupScope.DOMAIN_LOCAL;
			case "global" -> GroupScope.GLOBAL;
			case "universal" -> GroupScope.UNIVERSAL;
			default -> throw new ApiInputException("hosts.groupScope", "enum: domainLocal, global or universal");
		};
	}

	// The DNs' syntax is the engine's rule, their existence the plan's: both name the placement.* field.
	private static @Nullable Placement placement(JsonNode body) {
		JsonNode node = Json.object(body, "placement", "placement", false, Set.of("groupOu", "gmsaOu", "userOu"));
		if (node == null) {
			return null;
		}
		return new Placement(Json.text(node, "groupOu", "placement.groupOu", false, 512),
				Json.text(node, "gmsaOu", "placement.gmsaOu", false, 512),
				Json.text(node, "userOu", "placement.userOu", false, 512));
	}

	private static Set<EncryptionType> encryptionTypes(List<String> values) {
		if (values.isEmpty()) {
			return EnumSet.of(EncryptionType.AES256_CTS_HMAC_SHA1_96);
		}
		Set<EncryptionType> types = EnumSet.noneOf(EncryptionType.class);
		for (int i = 0; i < values.size(); i++) {
			types.add(switch (values.get(i).toUpperCase(Locale.ROOT)) {
				case "AES128", "AES128_CTS_HMAC_SHA1_96" -> EncryptionType.AES128_CTS_HMAC_SHA1_96;
				case "AES256", "AES256_CTS_HMAC_SHA1_96" -> EncryptionType.AES256_CTS_HMAC_SHA1_96;
				case "RC4", "RC4_HMAC" -> EncryptionType.RC4_HMAC;
				default -> throw new ApiInputException("account.encryptionTypes[" + i + "]", "enum: AES128, AES256 or RC4");
			});
		}
		return types;
	}

	private static Hosts hosts(JsonNode node) {
		String mode = Json.text(node, "mode", "hosts.mode", true, 20);
		switch (mode) {
			case "domainJoined" -> {
				refuse(node, "portableUser", "hosts.portableUser", "only with mode portable");
				refuse(node, "plugin", "hosts.plugin", "only with mode portable");
				refuse(node, "secretDelivery", "hosts.secretDelivery", "only with mode portable");
				return new Hosts.DomainJoined(Json.texts(node, "members", "hosts.members", 500, 16));
			}
			case "portable" -> {
				refuse(node, "members", "hosts.members", "only with mode domainJoined");
				String user = Json.text(node, "portableUser", "hosts.portableUser", true, 20);
				JsonNode plugin = Json.object(node, "plugin", "hosts.plugin", true, Set.of("type", "input", "guid"));
				String type = Json.text(plugin, "type", "hosts.plugin.type", true, 40);
				String input = Json.text(plugin, "input", "hosts.plugin.input", true, 1000);
				String guid = switch (type) {
					case "azureKeyVault" -> KnownPlugin.AZURE_KEY_VAULT.clsid();
					case "aws" -> KnownPlugin.AWS.clsid();
					case "kubernetesSecret" -> KnownPlugin.KUBERNETES_SECRET.clsid();
					// Microsoft does not publish the AKS-HCI plug-in's CLSID: the filing names the one its nodes
					// register, and the preset, since the CLSID alone cannot tell it from a custom plug-in.
					case "aksHciSecret", "custom" -> Json.text(plugin, "guid", "hosts.plugin.guid", true, 40);
					default -> throw new ApiInputException("hosts.plugin.type",
							"enum: azureKeyVault, aws, kubernetesSecret, aksHciSecret or custom");
				};
				if (!type.equals("custom") && !type.equals("aksHciSecret")) {
					refuse(plugin, "guid", "hosts.plugin.guid", "only with type aksHciSecret or custom");
				}
				PluginPreset preset = type.equals("aksHciSecret") ? PluginPreset.AKS_HCI_SECRET : null;
				return new Hosts.Portable(user, guid, input, delivery(node, type), preset);
			}
			default -> throw new ApiInputException("hosts.mode", "enum: portable or domainJoined");
		}
	}

	/**
	 * Who stores the portable identity: the portal by default for new filings (the issue 13 default), a person
	 * only when asked, and always for a custom plug-in, whose store the portal does not know.
	 */
	private static SecretDelivery delivery(JsonNode node, String pluginType) {
		String value = Json.text(node, "secretDelivery", "hosts.secretDelivery", false, 10);
		if (value == null) {
			return pluginType.equals("custom") ? SecretDelivery.MANUAL : SecretDelivery.STORE;
		}
		SecretDelivery delivery = switch (value) {
			case "store" -> SecretDelivery.STORE;
			case "manual" -> SecretDelivery.MANUAL;
			default -> throw new ApiInputException("hosts.secretDelivery", "enum: store or manual");
		};
		if (delivery == SecretDelivery.STORE && pluginType.equals("custom")) {
			throw new ApiInputException("hosts.secretDelivery", "store only with plugin type azureKeyVault, aws, "
					+ "kubernetesSecret or aksHciSecret: the portal does not know where a custom plug-in reads; "
					+ "send manual");
		}
		return delivery;
	}

	/** As many as a request may name ({@code RequestRules}): one plan step per workload. */
	static final int MAX_WORKLOADS = 50;

	private static Target target(JsonNode body, String name) {
		JsonNode docker = Json.object(body, "docker", "docker", false, Set.of("image"));
		if (docker != null) {
			refuse(body, "cluster", "cluster", "not with docker: Docker hosts run no Kubernetes");
			return new Target.DockerHosts(Json.text(docker, "image", "docker.image", false, 255));
		}
		JsonNode node = Json.object(body, "cluster", "cluster", false, Set.of("connection", "namespace",
				"serviceAccount", "credentialSpecName", "coreDns", "dnsForwardServers", "sampleWorkload", "sampleImage",
				"exportOnly", "platform", "workloads"));
		Platform platform = platform(Json.text(node, "platform", "cluster.platform", false, 20));
		String k8sName = name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
		String namespace = orElse(Json.text(node, "namespace", "cluster.namespace", false, 63), "default");
		String account = orElse(Json.text(node, "serviceAccount", "cluster.serviceAccount", false, 253), k8sName);
		String spec = orElse(Json.text(node, "credentialSpecName", "cluster.credentialSpecName", false, 253), k8sName);
		if (node == null || Json.bool(node, "exportOnly", "cluster.exportOnly", false)) {
			for (String live : List.of("connection", "sampleWorkload", "sampleImage")) {
				refuse(node, live, "cluster." + live, "not with exportOnly");
			}
			refuse(node, "coreDns", "cluster.coreDns", "not with exportOnly: the bundle always carries the CoreDNS"
					+ " block, to dnsForwardServers or, left out, to the directory connection's domain controllers");
			// No cluster to list them from: the workloads are taken as named, and the bundle carries their patches.
			return new Target.ExportOnly(namespace, account, spec, platform, servers(node), workloads(node));
		}
		String connection = Json.text(node, "connection", "cluster.connection", true, 64);
		boolean coreDns = Json.bool(node, "coreDns", "cluster.coreDns", false);
		List<String> servers = servers(node);
		if (coreDns && servers.isEmpty()) {
			throw new ApiInputException("cluster.dnsForwardServers", "required when coreDns is true");
		}
		boolean sample = Json.bool(node, "sampleWorkload", "cluster.sampleWorkload", false);
		String image = Json.text(node, "sampleImage", "cluster.sampleImage", false, 255);
		return new Target.Cluster(connection, namespace, account, spec, coreDns ? servers : List.of(),
				sample ? orElse(image, SAMPLE_IMAGE) : null, platform, workloads(node));
	}

	private static List<String> servers(@Nullable JsonNode cluster) {
		List<String> servers = Json.texts(cluster, "dnsForwardServers", "cluster.dnsForwardServers", 10, 45);
		for (int i = 0; i < servers.size(); i++) {
			if (!TextRules.isIpAddress(servers.get(i))) {
				throw new ApiInputException("cluster.dnsForwardServers[" + i + "]", "must be an IPv4 or IPv6 address");
			}
		}
		return servers;
	}

	// Left out: the connection's platform (or generic for an export).
	private static @Nullable Platform platform(@Nullable String value) {
		if (value == null) {
			return null;
		}
		return switch (value) {
			case "aks" -> Platform.AKS;
			case "aksHci" -> Platform.AKS_HCI;
			case "eks" -> Platform.EKS;
			case "rancher" -> Platform.RANCHER;
			case "generic" -> Platform.GENERIC;
			default -> throw new ApiInputException("cluster.platform", "enum: aks, aksHci, eks, rancher or generic");
		};
	}
				
	/** The admin's own workloads to point at the credential spec; whether each exists is the plan's to say. */
	private static List<WorkloadRef> workloads(@Nullable JsonNode cluster) {
		JsonNode node = (cluster != null) ? cluster.get("workloads") : null;
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new ApiInputException("cluster.workloads", "type");
		}
		if (node.size() > MAX_WORKLOADS) {
			throw new ApiInputException("cluster.workloads", "size");
		}
		List<WorkloadRef> workloads = new java.util.ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			String path = "cluster.workloads[" + i + "]";
			JsonNode item = node.get(i);
			if (item == null || !item.isObject()) {
				throw new ApiInputException(path, "type");
			}
			Json.onlyKnown(item, path, Set.of("kind", "name", "serviceAccount"));
			String kind = Json.text(item, "kind", path + ".kind", true, 20);
			WorkloadKind parsed = WorkloadKind.parse(kind).filter((k) -> k.kind().equals(kind))
				.orElseThrow(() -> new ApiInputException(path + ".kind", "enum: " + WorkloadKind.names()));
			String name = Json.text(item, "name", path + ".name", true, 253);
			if (!name.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
				throw new ApiInputException(path + ".name", "must be the workload's name: a DNS subdomain (lower case"
						+ " letters, digits, '-', '.')");
			}
			workloads.add(new WorkloadRef(parsed, name, Json.bool(item, "serviceAccount", path + ".serviceAccount",
					false)));
		}
		return workloads;
	}

	private static Filing.Ticket ticket(JsonNode node) {
		String system = Json.text(node, "system", "ticket.system", false, 64);
		if (system != null && !system.matches("[A-Za-z0-9 _.-]+")) {
			throw new ApiInputException("ticket.system", "pattern");
		}
		String key = Json.text(node, "key", "ticket.key", false, 128);
		String url = Json.text(node, "url", "ticket.url", false, 2048);
		if (url != null) {
			try {
				URI uri = new URI(url);
				if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
						|| uri.getHost() == null) {
					throw new ApiInputException("ticket.url", "must be an absolute http or https URL");
				}
			}
			catch (java.net.URISyntaxException ex) {
				throw new ApiInputException("ticket.url", "must be an absolute http or https URL");
			}
		}
		return new Filing.Ticket(system, key, url);
	}

	private static void refuse(@Nullable JsonNode node, String name, String path, String rule) {
		if (node != null && node.get(name) != null && !node.get(name).isNull()) {
			throw new ApiInputException(path, rule);
		}
	}

	private static String orElse(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
