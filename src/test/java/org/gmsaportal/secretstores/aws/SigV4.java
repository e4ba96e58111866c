package org.gmsaportal.secretstores.aws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header the way AWS does: rebuilds the canonical request
 * from what arrived, derives the signing key from the secret access key and compares the signatures. The stand-in
 * thus proves that the SDK signed with the credentials the default chain found.
 */
final class SigV4 {

	static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)/(\\d{8})/"
			+ "([a-z0-9-]+)/([a-z]+)/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

	private SigV4() {
	}

	/**
	 * @param authorization the header as received
	 * @param header a header's value by its lower-case name, as received
	 * @return {@code null} when the signature holds, else what is wrong
	 */
	static String check(String authorization, UnaryOperator<String> header, byte[] body, String accessKey,
			String secretKey) {
		Matcher m = AUTHORIZATION.matcher(authorization);
		if (!m.matches()) {
			return "Authorization is not of the SigV4 form: " + authorization;
		}
		if (!m.group(1).equals(accessKey)) {
			return "signed with access key " + m.group(1);
		}
		String date = m.group(2);
		String scope = date + "/" + m.group(3) + "/" + m.group(4) + "/aws4_request";
		StringBuilder canonical = new StringBuilder("POST\n/\n\n");
		for (String name : m.group(5).split(";")) {
			String value = header.apply(name);
			if (value == null) {
				return "signed header " + name + " did not arrive";
			}
			canonical.append(name.toLowerCase(Locale.ROOT)).append(':')
				.append(value.trim().replaceAll(" +", " ")).append('\n');
		}
		canonical.append('\n').append(m.group(5)).append('\n').append(hex(sha256(body)));
		String amzDate = header.apply("x-amz-date");
		if (amzDate == null || !amzDate.startsWith(date)) {
			return "x-amz-date " + amzDate + " does not match the credential scope's date " + date;
		}
		String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
				+ hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
		key = hmac(key, m.group(3));
		key = hmac(key, m.group(4));
		key = hmac(key, "aws4_request");
		String expected = hex(hmac(key, toSign));
		return expected.equals(m.group(6)) ? null : "signature does not match the canonical request";
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
