package org.gmsaportal.directory;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Kerberos encryption types a gMSA may support ({@code msDS-SupportedEncryptionTypes}, [MS-KILE] 2.2.7).
 */
public enum EncryptionType {

	RC4_HMAC(0x4), AES128_CTS_HMAC_SHA1_96(0x8), AES256_CTS_HMAC_SHA1_96(0x10);

	private final int bit;

	EncryptionType(int bit) {
		this.bit = bit;
	}

	static int mask(Collection<EncryptionType> types) {
		return types.stream().mapToInt(t -> t.bit).reduce(0, (a, b) -> a | b);
	}

	static Set<EncryptionType> fromMask(int mask) {
		Set<EncryptionType> types = EnumSet.noneOf(EncryptionType.class);
		for (EncryptionType type : values()) {
			if ((mask & type.bit) != 0) {
				types.add(type);
			}
		}
		return types;
	}

}
