package org.gmsaportal.directory.internal;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * SID, GUID, FILETIME and KDS parameter encodings, checked against the byte vectors of ad-ldap-formats.md.
 */
class BinaryFormatsTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void domainUserSidDecodesWithBigEndianAuthorityAndLittleEndianSubAuthorities() {
		byte[] bytes = HEX.parseHex("010500000000000515000000c7353a428e6b748455a1aec651040000");
		assertThat(Sids.toString(bytes)).isEqualTo("S-1-5-21-1111111111-2222222222-3333333333-1105");
	}

	@Test
	void sidEncodesBackToTheSameBytes() {
		assertThat(HEX.formatHex(Sids.toBytes("S-1-5-21-1111111111-2222222222-3333333333-1105")))
			.isEqualTo("010500000000000515000000c7353a428e6b748455a1aec651040000");
		assertThat(HEX.formatHex(Sids.toBytes("S-1-5-32-544"))).isEqualTo("01020000000000052000000020020000");
	}

	@Test
	void malformedSidsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Sids.toBytes("S-1-5-21-*)(objectClass=*"));
		assertThatIllegalArgumentException().isThrownBy(() -> Sids.toString(HEX.parseHex("0105000000")));
	}

	@Test
	void guidDecodesFirstThreeFieldsLittleEndian() {
		byte[] bytes = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
		assertThat(Guids.toUuid(bytes)).hasToString("03020100-0504-0706-0809-0a0b0c0d0e0f");
		// What java.util.UUID would wrongly make of the raw bytes.
		assertThat(Guids.toUuid(bytes)).isNotEqualTo(UUID.fromString("00010203-0405-0607-0809-0a0b0c0d0e0f"));
	}

	@Test
	void guidEncodesBackToTheStoredByteOrder() {
		assertThat(HEX.formatHex(Guids.toBytes(UUID.fromString("03020100-0504-0706-0809-0a0b0c0d0e0f"))))
			.isEqualTo("000102030405060708090a0b0c0d0e0f");
	}

	@Test
	void fileTimeCountsHundredNanosecondsSince1601() {
		Instant newYear = Instant.parse("2025-01-01T00:00:00Z");
		assertThat(FileTimes.of(newYear)).isEqualTo(133801632000000000L);
		assertThat(FileTimes.toInstant(133801632000000000L)).isEqualTo(newYear);
	}

	@Test
	void kdfParametersForSha512MatchSambasTestVector() {
		assertThat(HEX.formatHex(KdsParameters.kdfParameters("SHA512")))
			.isEqualTo("00000000010000000e000000000000005300480041003500310032000000");
	}

	@Test
	void dhParametersAreTheRfc5114GroupBlob() throws Exception {
		byte[] blob = KdsParameters.dhParameters();
		assertThat(blob).hasSize(524);
		assertThat(HEX.formatHex(blob, 0, 12)).isEqualTo("0c020000" + "4448504d" + "00010000");
		assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(blob)))
			.isEqualTo("76a2d9f4fc33d1a2972c548d72aa94ff966689ade273f25636d00aa68b97190c");
	}

	@Test
	void generatedPasswordsAreLongVariedAndEncodedQuotedUtf16() {
		char[] password = Passwords.generate();
		String text = new String(password);
		assertThat(text).hasSize(32).matches(".*[A-Z].*").matches(".*[a-z].*").matches(".*[0-9].*")
			.matches(".*[-_.!@#%+=:].*");
		assertThat(new String(Passwords.generate())).isNotEqualTo(text);
		byte[] encoded = Passwords.unicodePwd("Ab1!".toCharArray());
		assertThat(HEX.formatHex(encoded)).isEqualTo("2200410062003100210022" + "00");
	}

}
