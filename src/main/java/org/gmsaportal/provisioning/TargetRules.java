package org.gmsaportal.provisioning;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.gmsaportal.cluster.Platform;
import org.gmsaportal.cluster.WorkloadRef;

import static org.gmsaportal.provisioning.RequestRules.dnsName;
import static org.gmsaportal.provisioning.RequestRules.matches;

/**
 * The rules of where a request's artifacts go: the cluster the portal applies to, the namespace an export is for, or
 * the Docker hosts' image. Each failure names the {@code target.*} field and the rule; {@link RequestRules} keeps the
 * rest of the request's.
 */
final class TargetRules {

	/** At most {@value #MAX_WORKLOADS}, each named once: one plan step (and one apply) per workload. */
	static final int MAX_WORKLOADS = 50;

	private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:@-]{0,254}");

	private TargetRules() {
	}

	static void check(Target target) {
		if (target instanceof Target.Cluster cluster) {
			RequestRules.connection("target.connection", cluster.connection());
			kubernetes(cluster.namespace(), cluster.serviceAccount(), cluster.credSpecName());
			ipAddresses(cluster.dnsForwardServers());
			if (cluster.sampleImage() != null) {
				matches("target.sampleImage", cluster.sampleImage(), IMAGE, "an image reference such as "
						+ "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022");
			}
			// az aks update --gmsa-dns-server takes one address; AKS's document sends several to the VNet's DNS.
			if (cluster.platform() == Platform.AKS && cluster.dnsForwardServers().size() > 1) {
				throw new InvalidRequestException("target.dnsForwardServers", "AKS takes one DNS server "
						+ "(az aks update --gmsa-dns-server); for several, set them as the VNet's custom DNS servers and "
						+ "name none here");
			}
			workloads(cluster.workloads());
		}
		else if (target instanceof Target.DockerHosts docker) {
			if (docker.image() != null) {
				matches("target.image", docker.image(), IMAGE,
						"an image reference such as " + Target.DockerHosts.DEFAULT_IMAGE);
			}
		}
		else if (target instanceof Target.ExportOnly export) {
			kubernetes(export.namespace(), export.serviceAccount(), export.credSpecName());
			ipAddresses(export.dnsForwardServers());
			workloads(export.workloads());
		}
	}

	private static void ipAddresses(List<String> servers) {
		if (servers.size() > DomainDnsServers.MAX) {
			throw new InvalidRequestException("target.dnsForwardServers", "at most " + DomainDnsServers.MAX
					+ " DNS servers");
		}
		for (int i = 0; i < servers.size(); i++) {
			if (!TextRules.isIpAddress(servers.get(i))) {
				throw new InvalidRequestException("target.dnsForwardServers[" + i + "]",
						"must be an IPv4 or IPv6 address");
			}
		}
	}

	private static void workloads(List<WorkloadRef> workloads) {
		if (workloads.size() > MAX_WORKLOADS) {
			throw new InvalidRequestException("target.workloads",
					"at most " + MAX_WORKLOADS + " workloads per request");
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < workloads.size(); i++) {
			if (!seen.add(workloads.get(i).label())) {
				throw new InvalidRequestException("target.workloads[" + i + "]",
						workloads.get(i).label() + " is picked twice: name each workload once");
			}
		}
	}

	private static void kubernetes(String namespace, String serviceAccount, String credSpecName) {
		matches("target.namespace", namespace, RequestRules.DNS_LABEL,
				"a DNS label: 1-63 lower-case letters, digits or inner '-'");
		dnsName("target.serviceAccount", serviceAccount);
		dnsName("target.credSpecName", credSpecName);
	}

}
