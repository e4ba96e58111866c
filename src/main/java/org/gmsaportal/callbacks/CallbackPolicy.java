package org.gmsaportal.callbacks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.gmsaportal.security.ApiClient;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Decides at filing time whether a callback URL may be stored: https only, to a host on the client's
 * allow-list that resolves to public addresses only ({@link CallbackAddresses}), so callbacks cannot be aimed
 * at the portal's own network; the lab setting {@code gmsa.api.allow-insecure-callbacks} relaxes the scheme and
 * the address check, never the allow-list.
 */
@Component
public class CallbackPolicy {

	private final boolean allowInsecure;

	private final CallbackAddresses addresses;

	CallbackPolicy(CallbackSettings settings,
			CallbackAddresses addresses) {
		this.allowInsecure = settings.allowInsecureCallbacks();
		this.addresses = addresses;
	}

	/**
	 * Checks the URL for this client.
	 * @return the host's addresses, every one of them public, for the delivery to connect to; {@code null} when the
	 * lab setting skips the address check
	 * @throws CallbackUrlRefusedException naming the rule the URL breaks
	 */
	public InetAddress @Nullable [] check(String url, ApiClient client) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new CallbackUrlRefusedException("must be an absolute https URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean schemeOk = scheme.equals("https") || (this.allowInsecure && scheme.equals("http"));
		if (!schemeOk || uri.getHost() == null || uri.getRawUserInfo() != null) {
			throw new CallbackUrlRefusedException("must be an absolute https URL without user information");
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (client.callbackHosts().stream().noneMatch(allowed -> allowed.strip().equalsIgnoreCase(bare))) {
			throw new CallbackUrlRefusedException("host is not on this API client's callback allow-list");
		}
		if (this.allowInsecure) {
			return null;
		}
		try {
			return this.addresses.resolve(bare);
		}
		catch (CallbackAddresses.InternalAddressException ex) {
			throw new CallbackUrlRefusedException(
					"host resolves to a loopback, link-local, private or otherwise internal address");
		}
		catch (UnknownHostException ex) {
			throw new CallbackUrlRefusedException("host does not resolve");
		}
	}

	/** Scheme and host (and port) only: the path or query of a callback URL may carry a token. */
	public static String origin(String url) {
		try {
			URI uri = URI.create(url);
			return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
		}
		catch (IllegalArgumentException ex) {
			return "(malformed callback URL)";
		}
	}

}
