package org.gmsaportal.directory.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.naming.NamingException;
import javax.naming.ldap.ExtendedRequest;
import javax.naming.ldap.ExtendedResponse;
import javax.naming.ldap.LdapContext;

/**
 * The LDAP "Who am I?" operation (RFC 4532): the DC says which account a session is bound as.
 *
 * <p>
 * A simple bind as {@code name@domain} does not prove that the bound account's sAMAccountName is
 * {@code name}: AD resolves an explicit userPrincipalName first. Asking the DC closes that gap.
 */
public final class WhoAmI implements ExtendedRequest {

	private static final String OID = "1.3.6.1.4.1.4203.1.11.3";

	private WhoAmI() {
	}

	/**
	 * Returns the sAMAccountName the session is bound as, from an authzId such as {@code u:LAB\alice}.
	 * @throws NamingException if the DC does not answer with a {@code u:DOMAIN\name} identity
	 */
	public static String boundAccountName(LdapContext ctx) throws NamingException {
		ExtendedResponse response = ctx.extendedOperation(new WhoAmI());
		byte[] value = response.getEncodedValue();
		String authzId = (value != null) ? new String(value, StandardCharsets.UTF_8) : "";
		int slash = authzId.lastIndexOf('\\');
		if (!authzId.startsWith("u:") || slash < 0 || slash == authzId.length() - 1) {
			throw new NamingException("the DC did not say which account the session is bound as");
		}
		return authzId.substring(slash + 1);
	}

	@Override
	public String getID() {
		return OID;
	}

	@Override
	public byte[] getEncodedValue() {
		return null;
	}

	@Override
	public ExtendedResponse createExtendedResponse(String id, byte[] berValue, int offset, int length) {
		// The response value is the authzId itself, not BER-wrapped.
		byte[] value = (berValue != null) ? Arrays.copyOfRange(berValue, offset, offset + length) : null;
		return new ExtendedResponse() {
			@Override
			public String getID() {
				return OID;
			}

			@Override
			public byte[] getEncodedValue() {
				return value;
			}
		};
	}

}
