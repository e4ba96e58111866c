package org.gmsaportal.credspec;

import java.util.Map;

/**
 * Reads a portable identity back out of a stored secret, the inverse of each preset's {@code secretFor}. Errors
 * name the secret's key or part and the rule, never a value.
 */
final class SecretParsing {

	private SecretParsing() {
	}

	/** A Kubernetes Secret's keys: the domain's, the user's and the password's. */
	static PortableIdentity keyValues(PortableIdentitySecret secret, String domainKey, String userKey,
			String passwordKey) {
		if (!(secret instanceof PortableIdentitySecret.KeyValues values)) {
			throw new InvalidCredentialSpecInputException("secret", "must be a Kubernetes Secret with the keys "
					+ domainKey + ", " + userKey + " and " + passwordKey);
		}
		Map<String, SecretValue> entries = values.entries();
		for (String key : new String[] { domainKey, userKey, passwordKey }) {
			if (!entries.containsKey(key)) {
				throw new InvalidCredentialSpecInputException("secret." + key, "is missing: the plug-in reads the keys "
						+ domainKey + ", " + userKey + " and " + passwordKey);
			}
		}
		return new PortableIdentity(entries.get(domainKey).reveal(), entries.get(userKey).reveal(),
				entries.get(passwordKey));
	}

	/** One secret string. */
	static String text(PortableIdentitySecret secret, String format) {
		if (!(secret instanceof PortableIdentitySecret.Text text)) {
			throw new InvalidCredentialSpecInputException("secret", "must be one secret value " + format);
		}
		return text.value().reveal();
	}

}
