package org.gmsaportal.api.v1;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Resolves a callback host and refuses internal addresses. The filing check and the connection both resolve
 * through here, and the connection uses exactly the addresses this returned: a host whose DNS answer changes
 * between the check and the connection (DNS rebinding) cannot steer a callback into the portal's own network.
 * The lab setting {@code gmsa.api.allow-insecure-callbacks} turns the address check off.
 */
@Component
class CallbackAddresses implements DnsResolver {

	/** How a host name becomes addresses; the system resolver, or a test's. */
	@FunctionalInterface
	interface Lookup {

		InetAddress[] addresses(String host) throws UnknownHostException;

	}

	/** The host resolved to an address that callbacks must never reach. */
	static final class InternalAddressException extends UnknownHostException {

		InternalAddressException(String host) {
			super(host + " resolves to a loopback, link-local, private or otherwise internal address");
		}

	}

	private final Lookup lookup;

	private final boolean allowInternal;

	@Autowired
	CallbackAddresses(@Value("${gmsa.api.allow-insecure-callbacks:false}") boolean allowInsecure) {
		this(InetAddress::getAllByName, allowInsecure);
	}

	CallbackAddresses(Lookup lookup, boolean allowInternal) {
		this.lookup = lookup;
		this.allowInternal = allowInternal;
	}

	/**
	 * The host's addresses, all of them public unless internal ones are allowed.
	 * @throws InternalAddressException if any address is internal: one bad answer refuses the host
	 */
	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress[] addresses = this.lookup.addresses(host);
		if (!this.allowInternal) {
			for (InetAddress address : addresses) {
				if (internal(address)) {
					throw new InternalAddressException(host);
				}
			}
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		// Only for Kerberos/SPNEGO authentication, which callbacks never use; no extra lookup.
		return host;
	}

	/** Loopback, link-local (cloud metadata), private, carrier-grade NAT, unique-local, wildcard or multicast. */
	static boolean internal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		if (b.length == 4) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0)
					|| (first == 198 && (second == 18 || second == 19)) || first >= 240;
		}
		// IPv6 unique-local fc00::/7
		return (b[0] & 0xfe) == 0xfc;
	}

}
