package org.gmsaportal.credspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The portable identity in the form a plug-in expects to find it in its secret store: either one secret string
 * (a Key Vault secret, an AWS Secrets Manager secret) or the keys of a Kubernetes Secret.
 */
public sealed interface PortableIdentitySecret {

	/**
	 * A single secret value, e.g. {@code domain\\user:password} for Key Vault.
	 *
	 * @param value the whole secret value
	 */
	record Text(SecretValue value) implements PortableIdentitySecret {

	}

	/**
	 * The {@code stringData} of a Kubernetes Secret.
	 *
	 * @param entries key to value, in the order they should be written
	 */
	record KeyValues(Map<String, SecretValue> entries) implements PortableIdentitySecret {

		public KeyValues {
			entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
		}

	}

}
