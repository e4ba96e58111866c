package org.gmsaportal.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Everything the cluster needs for one workload to run under one gMSA, as requested by a provisioning run.
 *
 * @param runId the provisioning run; becomes a label on every object so decommission finds exactly these
 * @param credSpecName name of the cluster-scoped {@code GMSACredentialSpec} resource
 * @param credSpec the credential spec JSON as a tree (from the credspec module), placed under {@code credspec}
 * @param namespace the workload's namespace
 * @param serviceAccount the workload's service account, granted {@code use} on the credspec
 * @param identitySecret the portable identity Secret, when the chosen plug-in reads one from Kubernetes
 * @param dnsForward a CoreDNS forward block for the AD domain, when pods cannot resolve it otherwise
 * @param sampleWorkload a Windows IIS deployment to prove the setup, if wanted
 */
public record GmsaDeployment(String runId, String credSpecName, Map<String, Object> credSpec, String namespace,
		String serviceAccount, @Nullable IdentitySecret identitySecret, @Nullable DnsForward dnsForward,
		@Nullable SampleWorkload sampleWorkload) {

	private static final String IPV4 = "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)";

	private static final Pattern DNS_SERVER = Pattern
		.compile(IPV4 + "(:\\d{1,5})?|[0-9a-fA-F:]{2,39}|\\[[0-9a-fA-F:]{2,39}\\]:\\d{1,5}");

	private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

	private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

	public GmsaDeployment {
		require("runId", runId, LABEL_VALUE, "a label value: 1-63 letters, digits, '-', '_' or '.'");
		require("credSpecName", credSpecName, DNS_SUBDOMAIN, "a DNS subdomain: lower case letters, digits, '-', '.'");
		require("namespace", namespace, DNS_LABEL, "a DNS label: 1-63 lower case letters, digits or '-'");
		require("serviceAccount", serviceAccount, DNS_SUBDOMAIN, "a DNS subdomain");
		if (credSpec.isEmpty()) {
			throw new IllegalArgumentException("credSpec must not be empty: generate it with the credspec module first");
		}
		credSpec = new LinkedHashMap<>(credSpec);
	}

	/** The ClusterRole granting {@code use} on exactly this credspec. */
	public String clusterRoleName() {
		return this.credSpecName + "-gmsa-use";
	}

	/** The RoleBinding of that role to the workload's service account. */
	public String roleBindingName() {
		return "allow-" + this.serviceAccount + "-use-" + this.credSpecName;
	}

	static void require(String field, String value, Pattern pattern, String rule) {
		if (!pattern.matcher(value).matches()) {
			throw new IllegalArgumentException(field + " '" + value + "' is not valid: it must be " + rule);
		}
	}

	/**
	 * The portable identity Secret a ccg.exe plug-in reads (Rancher CCGRKC, AKS Arc).
	 *
	 * @param name Secret name in the workload's namespace
	 * @param data keys and values, e.g. {@code username}, {@code password}, {@code domainName}
	 */
	public record IdentitySecret(String name, Map<String, String> data) {

		public IdentitySecret {
			require("identitySecret.name", name, DNS_SUBDOMAIN, "a DNS subdomain");
			data = Map.copyOf(data);
		}

		/** Never prints values: records end up in log lines and exception messages. */
		@Override
		public String toString() {
			return "IdentitySecret[name=" + this.name + ", keys=" + this.data.keySet() + "]";
		}

	}

	/**
	 * A CoreDNS server block forwarding the AD domain to its DNS servers.
	 *
	 * @param domain the AD DNS domain, e.g. {@code contoso.com}
	 * @param servers the domain controllers' DNS addresses
	 */
	public record DnsForward(String domain, java.util.List<String> servers) {

		public DnsForward {
			require("dnsForward.domain", domain, DNS_SUBDOMAIN, "a DNS domain in lower case");
			servers = java.util.List.copyOf(servers);
			if (servers.isEmpty()) {
				throw new IllegalArgumentException("dnsForward.servers must name at least one DNS server");
			}
			// Servers are written into the cluster-wide Corefile: anything but an address could rewrite DNS.
			for (int i = 0; i < servers.size(); i++) {
				require("dnsForward.servers[" + i + "]", servers.get(i), DNS_SERVER,
						"an IP address, optionally with :port (IPv6 in brackets then), e.g. 10.0.0.4 or 10.0.0.4:53");
			}
		}

	}

	/**
	 * A one-replica Windows IIS deployment that runs under the gMSA.
	 *
	 * @param name deployment name
	 * @param image Windows container image matching the nodes' OS build
	 */
	public record SampleWorkload(String name, String image) {

		public SampleWorkload {
			require("sampleWorkload.name", name, DNS_LABEL, "a DNS label");
		}

	}

}
