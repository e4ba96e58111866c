package org.gmsaportal.provisioning;

/**
 * Kerberos encryption types a gMSA may support ({@code msDS-SupportedEncryptionTypes}).
 */
public enum EncryptionType {

	RC4_HMAC, AES128_CTS_HMAC_SHA1_96, AES256_CTS_HMAC_SHA1_96

}
