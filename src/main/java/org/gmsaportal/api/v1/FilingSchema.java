package org.gmsaportal.api.v1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Schema of the body of {@code POST /api/v1/provisioning-requests} as the OpenAPI document
 * publishes it. It mirrors {@link FilingReader}: the same property names, the same required fields per
 * hosts mode and cluster kind, the same limits and enums, no other properties. Rules the engine checks
 * later (name syntax, SPN form, DNS names) are described, not encoded, so that a body the reader accepts
 * always validates ({@code FilingSchemaTests} keeps the two in step).
 */
final class FilingSchema {

	static final String FILING = "ProvisioningRequestFiling";

	static final String APPROVAL = "ProvisioningRequestApproval";

	static final String REJECTION = "ProvisioningRequestRejection";

	private static final String REF = "#/components/schemas/";

	private FilingSchema() {
	}

	/** The named schemas the filing and approval bodies use, for {@code components.schemas}. */
	static Map<String, Schema<?>> components() {
		Map<String, Schema<?>> schemas = new LinkedHashMap<>();
		schemas.put(FILING, object("A provisioning request as a ticketing system files it. Only directory, "
				+ "account.name and hosts (with its mode's fields) are required; the rest take the wizard's defaults.",
				List.of("directory", "account", "hosts"))
			.addProperty("directory", text(64, "Name of a directory connection configured in the portal, e.g. lab."))
			.addProperty("account", ref("FilingAccount"))
			.addProperty("hosts", ref("FilingHosts"))
			.addProperty("cluster", ref("FilingCluster"))
			.addProperty("docker", ref("FilingDocker"))
			.addProperty("ticket", ref("FilingTicket"))
			.addProperty("placement", ref("FilingPlacement"))
			.addProperty("callbackUrl", text(2048, "https URL that receives signed status events; its host must be on "
					+ "the client's callback allow-list and must not resolve to an internal address.").format("uri")));
		schemas.put("FilingAccount", object("The gMSA.", List.of("name"))
			.addProperty("name", text(16, "sAMAccountName of the gMSA, at most 15 characters plus an optional $; "
					+ "letters, digits and hyphens, not starting or ending with a hyphen, not only digits; "
					+ "no '.' or '_', since it is also the DNS host name (a 400 on account.name, never worth a retry)."))
			.addProperty("dnsHostName", text(253, "DNS host name of the gMSA; default <name>.<domain>."))
			.addProperty("servicePrincipalNames", texts(100, 300, "SPNs such as HTTP/web01.example.com; each must "
					+ "be free in the forest."))
			.addProperty("additionalAccounts", texts(20, 16, "Further existing gMSAs of the same domain the "
					+ "credential spec lists (New-CredentialSpec -AdditionalAccounts). Each must allow the group (or "
					+ "every member) to retrieve its password, or the filing is refused with 409 on "
					+ "account.additionalAccounts[i]."))
			.addProperty("encryptionTypes", array(encryptionType(), 10, "Kerberos encryption types; default "
					+ "[AES256]. Written in upper case as listed.")));
		schemas.put("FilingHosts", oneOf("Which hosts may retrieve the gMSA's password.", "DomainJoinedHosts",
				"PortableHosts"));
		schemas.put("DomainJoinedHosts", object("Domain-joined nodes: their computer accounts join the group.",
				List.of("mode"))
			.addProperty("mode", choice("domainJoined"))
			.addProperty("group", group())
			.addProperty("groupScope", groupScope())
			.addProperty("members", texts(500, 16, "Computer accounts (sAMAccountName with $) to add to the group.")));
		schemas.put("PortableHosts", object("Non-domain-joined nodes: a standard user in the group retrieves the "
				+ "password through a ccg.exe plug-in.", List.of("mode", "portableUser", "plugin"))
			.addProperty("mode", choice("portable"))
			.addProperty("group", group())
			.addProperty("groupScope", groupScope())
			.addProperty("portableUser", text(20, "sAMAccountName of the portable user; its password is generated."))
			.addProperty("plugin", ref("HostPlugin"))
			.addProperty("secretDelivery", choice("store", "manual").description("Who puts the portable user's "
					+ "credential where the plug-in reads it. store (the default): the run writes it into the plug-in's "
					+ "store (Azure Key Vault secret, AWS Secrets Manager secret or SSM SecureString parameter, "
					+ "Kubernetes Secret) from memory, in the plug-in's format, and proves retrieval with what it reads "
					+ "back; the password is never shown or returned. manual: the run page shows the password once to "
					+ "an admin with the store's command; the default, and the only choice, for type custom.")));
		schemas.put("HostPlugin", oneOf("The ccg.exe plug-in and its input (HostAccountConfig).", "KnownHostPlugin",
				"AksHciHostPlugin", "CustomHostPlugin"));
		schemas.put("KnownHostPlugin", object("A plug-in the portal knows by its CLSID. Each platform has its own "
				+ "(aks: azureKeyVault, eks: aws, rancher: kubernetesSecret); the wizard suggests it.",
				List.of("type", "input"))
			.addProperty("type", choice("azureKeyVault", "aws", "kubernetesSecret"))
			.addProperty("input", pluginInput()));
		schemas.put("AksHciHostPlugin", object("The Kubernetes Secret plug-in of AKS on Azure Local (Azure Stack HCI). "
				+ "Microsoft does not publish its CLSID, so the filing names the one the cluster's nodes register.",
				List.of("type", "guid", "input"))
			.addProperty("type", choice("aksHciSecret"))
			.addProperty("guid", text(40, "The CLSID the nodes register for their gMSA plug-in (under "
					+ "HKLM\\SYSTEM\\CurrentControlSet\\Control\\CCG\\COMClasses): 32 hex digits 8-4-4-4-12 in braces, "
					+ "not a documentation placeholder and not another known plug-in's, e.g. " + AKS_HCI_GUID_EXAMPLE
					+ "."))
			.addProperty("input", pluginInput()));
		schemas.put("CustomHostPlugin", object("Any other plug-in, by CLSID.", List.of("type", "guid", "input"))
			.addProperty("type", choice("custom"))
			.addProperty("guid", text(40, "The plug-in's CLSID, e.g. {859e1386-bdb4-49e8-85c7-3070b13920e1}."))
			.addProperty("input", pluginInput()));
		schemas.put("FilingCluster", oneOf("Deploy to a configured cluster, or export a YAML bundle only "
				+ "(the default when cluster is absent: namespace default, names after the gMSA).", "ClusterDeployment",
				"ExportOnly"));
		schemas.put("ClusterDeployment", clusterNames(object("Deploy to a cluster connection configured in the portal.",
				List.of("connection")))
			.addProperty("connection", text(64, "Name of a cluster connection configured in the portal."))
			.addProperty("coreDns", flag("Add a CoreDNS forward zone for the domain; needs dnsForwardServers."))
			.addProperty("dnsForwardServers", texts(10, 45, "IP addresses of the domain's DNS servers."))
			.addProperty("sampleWorkload", flag("Deploy a sample Windows workload that verifies the identity."))
			.addProperty("sampleImage", text(255, "Image of the sample workload; default " + FilingReader.SAMPLE_IMAGE
					+ "."))
			.addProperty("workloads", array(ref("FilingWorkload"), FilingReader.MAX_WORKLOADS, "The namespace's own"
					+ " workloads to point at the credential spec (server-side apply of gmsaCredentialSpecName, the"
					+ " service account if asked, a Windows nodeSelector where none is set, under field manager "
					+ "gmsa-portal-workloads, never forced). A workload that does not exist, runs on Linux nodes"
					+ " only or"
					+ " has a field another manager owns is a plan blocker naming it (409)."))
			.addProperty("exportOnly", choice(false))
			._if(object(null, List.of("coreDns")).additionalProperties(null).addProperty("coreDns", choice(true)))
			.then(object(null, List.of("dnsForwardServers")).additionalProperties(null)));
		schemas.put("FilingWorkload", object("One workload in the namespace.", List.of("kind", "name"))
			.addProperty("kind", choice("Deployment", "StatefulSet", "DaemonSet", "CronJob"))
			.addProperty("name", text(253, "Its name."))
			.addProperty("serviceAccount", flag("Also set its serviceAccountName to the request's service account.")));
		schemas.put("ExportOnly", clusterNames(object("No cluster change: the manifests endpoint serves the bundle.",
				List.of("exportOnly")))
			.addProperty("exportOnly", choice(true))
			.addProperty("dnsForwardServers", texts(10, 45, "IP addresses of the domain's DNS servers for the CoreDNS"
					+ " forward block the bundle carries as a note; left out, the domain controllers the directory"
					+ " connection reaches."))
			.addProperty("workloads", array(ref("FilingWorkload"), FilingReader.MAX_WORKLOADS, "The namespace's own"
					+ " workloads, taken as named since no cluster is read: the bundle carries one apply patch of the"
					+ " portal's fields per workload (field manager gmsa-portal-workloads) with its kubectl command;"
					+ " whether each exists is checked only when it is applied.")));
		schemas.put("FilingDocker", object("Windows Server hosts that run Docker, no Kubernetes (not with cluster): "
				+ "the run offers the credential spec file under the name New-CredentialSpec gives it and the commands "
				+ "that place it in C:\\ProgramData\\Docker\\CredentialSpecs and run a container with it.", List.of())
			.addProperty("image", text(255, "Image the docker run command names; default " + FilingReader.SAMPLE_IMAGE
					+ ".")));
		schemas.put("FilingTicket", object("The ticket the request belongs to; its key is recorded on every audit "
				+ "event of the request and its run.", List.of())
			.addProperty("system", text(64, "e.g. servicenow or jira.").pattern("^[A-Za-z0-9 _.-]+$"))
			.addProperty("key", text(128, "e.g. RITM0012345."))
			.addProperty("url", text(2048, "Absolute http or https link to the ticket.").format("uri")));
		schemas.put("FilingPlacement", object("Where the run creates its directory objects: the distinguished "
				+ "name of an existing OU or container for each. Left out, an object goes to the directory "
				+ "connection's default OU (gmsa.directory.connections.<name>.ou.group, .gmsa, .user), else to CN=Users (CN=Managed "
				+ "Service Accounts for the gMSA). The plan names the full DN of every object; an OU that does not "
				+ "exist, or is neither an OU nor a container, is refused with 400 naming the field and the DN.",
				List.of())
			.addProperty("groupOu", text(512, "OU of the allowed-hosts group, e.g. "
					+ "OU=Groups,OU=Apps,DC=contoso,DC=com."))
			.addProperty("gmsaOu", text(512, "OU of the gMSA, e.g. OU=Service Accounts,DC=contoso,DC=com."))
			.addProperty("userOu", text(512, "OU of the portable user; only with hosts.mode portable.")));
		schemas.put(APPROVAL, object("Optional: binds the approval to the plan hash the approver reviewed.", List.of())
			.addProperty("planHash", typed("string").pattern("^[0-9a-f]{64}$")
				.description("The planHash of the request as the approver saw it; refused with 409 if the plan changed."))
			.addProperty("reason", text(1000, "Why it is approved, e.g. the change board's reference.")));
		schemas.put(REJECTION, object("Why the request is rejected; the filing client reads it as rejectionReason.",
				List.of("reason"))
			.addProperty("reason", text(1000, "Not blank.").minLength(1)));
		return schemas;
	}

	static Schema<?> ref(String name) {
		return new Schema<>().$ref(REF + name);
	}

	/** A schema of one JSON type; set for both OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}). */
	static Schema<?> typed(String type) {
		Schema<?> schema = new Schema<>().type(type);
		schema.setTypes(new LinkedHashSet<>(Set.of(type)));
		return schema;
	}

	/** Strings in one of the given values, or booleans fixed to one value. */
	static Schema<?> choice(Object... values) {
		Schema<Object> schema = new Schema<>();
		String type = (values[0] instanceof Boolean) ? "boolean" : "string";
		schema.type(type).setTypes(new LinkedHashSet<>(Set.of(type)));
		schema.setEnum(new ArrayList<>(List.of(values)));
		return schema;
	}

	private static Schema<?> object(@Nullable String description, List<String> required) {
		Schema<?> schema = typed("object").additionalProperties(false).description(description);
		if (!required.isEmpty()) {
			schema.required(new ArrayList<>(required));
		}
		return schema;
	}

	private static Schema<?> oneOf(String description, String... names) {
		Schema<?> schema = new Schema<>().description(description);
		for (String name : names) {
			schema.addOneOfItem(ref(name));
		}
		return schema;
	}

	private static Schema<?> text(int maxLength, String description) {
		return typed("string").maxLength(maxLength).description(description + " At most " + maxLength
				+ " characters, no control characters; surrounding blanks are ignored.");
	}

	private static Schema<?> texts(int maxItems, int maxLength, String description) {
		return array(typed("string").minLength(1).maxLength(maxLength), maxItems, description);
	}

	private static Schema<?> array(Schema<?> items, int maxItems, String description) {
		return typed("array").items(items).maxItems(maxItems).description(description);
	}

	private static Schema<?> flag(String description) {
		return typed("boolean").description(description + " Default false.");
	}

	private static Schema<?> encryptionType() {
		return choice("AES128", "AES256", "RC4", "AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96", "RC4_HMAC");
	}

	private static Schema<?> group() {
		return text(64, "The group of hosts allowed to retrieve the password, created if absent, used as it is if "
				+ "it is an existing security group; letters, digits, inner spaces, '-', '_', '.'; default "
				+ "GmsaHosts-<name>.");
	}

	private static Schema<?> groupScope() {
		return choice("domainLocal", "global", "universal").description("The scope of the group if the run creates "
				+ "it; default domainLocal. An existing security group of any scope is used as it is.");
	}

	// The PluginInput formats each plug-in reads (shared/reference/gmsa-anchors.md section 8); PluginInputDocTests
	// checks that the credspec module accepts each example as given.
	static final String AZURE_KEY_VAULT_EXAMPLE = "ObjectId=5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d;"
			+ "SecretUri=https://contoso-kv.vault.azure.net/secrets/gmsa-web01";

	static final String AWS_EXAMPLE = "{\"credentialArn\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:"
			+ "gmsa-web01\"}";

	static final String KUBERNETES_SECRET_EXAMPLE = "gmsa-system:web01-ccg";

	/** A made-up CLSID: the AKS-HCI plug-in's real one is not published (gmsa-anchors.md section 8). */
	static final String AKS_HCI_GUID_EXAMPLE = "{6f0c1c5e-3a5b-4e7d-9a41-2b8f0d3c7e19}";

	private static Schema<?> pluginInput() {
		return text(1000, "The plug-in's PluginInput string, exactly as ccg.exe hands it to the plug-in; it names "
				+ "where the portable user's credential is stored, never the password. azureKeyVault: "
				+ "ObjectId=<object id of the managed identity that may read the secret>;SecretUri=<the Key Vault "
				+ "secret's URI>, e.g. " + AZURE_KEY_VAULT_EXAMPLE + ". aws: the JSON text "
				+ "{\"credentialArn\": \"<Secrets Manager secret ARN or SSM parameter ARN>\"}, e.g. " + AWS_EXAMPLE
				+ " (a string holding JSON, not a JSON object). kubernetesSecret and aksHciSecret: "
				+ "<namespace>:<secret name>, e.g. " + KUBERNETES_SECRET_EXAMPLE + " (for aksHciSecret the workload's "
				+ "namespace). custom: whatever that plug-in expects.");
	}

	private static Schema<?> clusterNames(Schema<?> schema) {
		return schema.addProperty("platform", choice("aks", "aksHci", "eks", "rancher", "generic")
				.description("The platform whose profile the request follows (webhook, DNS, commands at review, "
						+ "default plug-in); default the cluster connection's (gmsa.cluster.connections.<name>.platform)"
						+ ", generic for an export."))
			.addProperty("namespace", text(63, "Namespace of the workload; default default."))
			.addProperty("serviceAccount", text(253, "Service account of the workload; default the gMSA name in "
					+ "lower case."))
			.addProperty("credentialSpecName", text(253, "Name of the GMSACredentialSpec; default the gMSA name in "
					+ "lower case."));
	}

}
