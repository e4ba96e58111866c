package org.gmsaportal.api.v1;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.gmsaportal.api.ApiClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides at filing time whether a callback URL may be stored: https only, to a host on the client's
 * allow-list that resolves to public addresses only, so callbacks cannot be aimed at the portal's own
 * network; the lab setting {@code gmsa.api.allow-insecure-callbacks} relaxes the scheme and the address
 * check, never the allow-list.
 */
@Component
class CallbackPolicy {

	private static final String FIELD = "callbackUrl";

	private final boolean allowInsecure;

	CallbackPolicy(@Value("${gmsa.api.allow-insecure-callbacks:false}") boolean allowInsecure) {
		this.allowInsecure = allowInsecure;
	}

	void check(String url, ApiClient client) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new ApiInputException(FIELD, "must be an absolute https URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean schemeOk = scheme.equals("https") || (this.allowInsecure && scheme.equals("http"));
		if (!schemeOk || uri.getHost() == null || uri.getRawUserInfo() != null) {
			throw new ApiInputException(FIELD, "must be an absolute https URL without user information");
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (client.callbackHosts().stream().noneMatch(allowed -> allowed.strip().equalsIgnoreCase(bare))) {
			throw new ApiInputException(FIELD, "host is not on this API client's callback allow-list");
		}
		if (this.allowInsecure) {
			return;
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(bare);
		}
		catch (UnknownHostException ex) {
			throw new ApiInputException(FIELD, "host does not resolve");
		}
		for (InetAddress address : addresses) {
			if (internal(address)) {
				throw new ApiInputException(FIELD,
						"host resolves to a loopback, link-local, private or otherwise internal address");
			}
		}
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
