package org.gmsaportal.callbacks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Resolves a callback host and refuses internal addresses. The filing check and each delivery attempt resolve
 * through here, and the attempt connects to exactly the addresses this returned ({@link CallbackTransport}): a host
 * whose DNS answer changes between the check and the connection (DNS rebinding) cannot steer a callback into the
 * portal's own network. The lab setting {@code gmsa.api.allow-insecure-callbacks} turns the address check off.
 */
@Component
class CallbackAddresses {

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
	CallbackAddresses(CallbackSettings settings) {
		this(InetAddress::getAllByName, settings.allowInsecureCallbacks());
	}

	CallbackAddresses(Lookup lookup, boolean allowInternal) {
		this.lookup = lookup;
		this.allowInternal = allowInternal;
	}

	/**
	 * The host's addresses, all of them public unless internal ones are allowed.
	 * @throws InternalAddressException if any address is internal: one bad answer refuses the host
	 */
	InetAddress[] resolve(String host) throws UnknownHostException {
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

	/**
	 * Loopback, link-local (cloud metadata), private, carrier-grade NAT, unique-local, wildcard or multicast; for
	 * an IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4), that IPv4 address decides.
	 */
	static boolean internal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		return (b.length == 4) ? internalV4(b) : internalV6(b);
	}

	private static boolean internalV4(byte[] b) {
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		return first == 0 || first == 10 || first == 127 || (first == 169 && second == 254)
				|| (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168)
				|| (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0)
				|| (first == 198 && (second == 18 || second == 19)) || first >= 224;
	}

	private static boolean internalV6(byte[] b) {
		// A DNS answer (AAAA) keeps these as IPv6 addresses, and the JDK's checks do not look inside them.
		if (prefix(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff) || prefix(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
				|| prefix(b, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
			return internalV4(Arrays.copyOfRange(b, 12, 16)); // ::ffff:a.b.c.d, ::a.b.c.d, NAT64 64:ff9b::a.b.c.d
		}
		if (prefix(b, 0x20, 0x02)) {
			return internalV4(Arrays.copyOfRange(b, 2, 6)); // 6to4 2002:aabb:ccdd::
		}
		// Teredo 2001::/32, local-use NAT64 64:ff9b:1::/48, discard-only 100::/64: where they lead is not checkable.
		return prefix(b, 0x20, 0x01, 0, 0) || prefix(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)
				|| prefix(b, 0x01, 0, 0, 0, 0, 0, 0, 0) || (b[0] & 0xfe) == 0xfc; // and unique-local fc00::/7
	}

	private static boolean prefix(byte[] address, int... bytes) {
		for (int i = 0; i < bytes.length; i++) {
			if ((address[i] & 0xff) != bytes[i]) {
				return false;
			}
		}
		return true;
	}

}
