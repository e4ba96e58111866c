package org.gmsaportal.provisioning;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gmsaportal.directory.Directory;

/**
 * The domain's DNS servers for a bundle's CoreDNS forward block when the request names none: the domain controllers
 * the directory connection reaches (its URLs' hosts, as addresses), since in Active Directory the DCs serve the
 * domain's DNS zone. Reads no directory; a host name is resolved by the portal's own resolver, and one that does not
 * resolve is left out (the bundle then has no block, and its notes say to name the servers).
 */
final class DomainDnsServers {

	/** As many as a request may name. */
	static final int MAX = 10;

	private DomainDnsServers() {
	}

	static List<String> of(Directory directory, String connection) {
		Set<String> servers = new LinkedHashSet<>();
		directory.connections().stream().filter((c) -> c.name().equals(connection))
			.flatMap((c) -> c.urls().stream())
			.forEach((url) -> servers.addAll(addresses(url)));
		return servers.stream().limit(MAX).toList();
	}

	private static List<String> addresses(URI url) {
		String host = url.getHost();
		if (host == null) {
			return List.of();
		}
		host = host.replaceAll("^\\[|]$", "");
		if (TextRules.isIpAddress(host)) {
			return List.of(host);
		}
		List<String> found = new ArrayList<>();
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				found.add(address.getHostAddress());
			}
		}
		catch (UnknownHostException ex) {
			// Not resolvable from the portal: the admin names the servers on the request instead.
		}
		return found;
	}

}
