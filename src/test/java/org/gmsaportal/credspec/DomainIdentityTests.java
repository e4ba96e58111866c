package org.gmsaportal.credspec;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Domain facts can be filled straight from the binary attributes an LDAP search returns.
 */
class DomainIdentityTests {

	// objectSid of S-1-5-21-702590844-1001920913-2680819671 and objectGUID of 56d9b66c-d746-4f87-bd26-26760cfdca2e,
	// laid out by hand per [MS-DTYP] 2.4.2.2 and 2.3.4.2.
	private static final byte[] SID = HexFormat.of().parseHex("010400000000000515000000" + "7cafe029" + "9119b83b" + "d70fca9f");

	private static final byte[] GUID = HexFormat.of().parseHex("6cb6d95646d7874fbd2626760cfdca2e");

	@Test
	void binarySidAndGuidBecomeTheDocumentedStrings() {
		DomainIdentity facts = DomainIdentity.fromDirectory("contoso.com", "CONTOSO", "contoso.com", SID, GUID);

		assertThat(facts).isEqualTo(Facts.CONTOSO);
	}

	@Test
	void guidBytesUseMixedEndianLayout() {
		byte[] bytes = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

		assertThat(BinaryIds.guid(bytes)).hasToString("03020100-0504-0706-0809-0a0b0c0d0e0f");
	}

	@Test
	void accountSidFromTheDirectoryIsRejectedAsNotADomainSid() {
		byte[] gmsaSid = HexFormat.of().parseHex("010500000000000515000000" + "7cafe029" + "9119b83b" + "d70fca9f" + "51040000");

		assertThat(BinaryIds.sid(gmsaSid)).isEqualTo("S-1-5-21-702590844-1001920913-2680819671-1105");
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> DomainIdentity.fromDirectory("contoso.com", "CONTOSO", "contoso.com", gmsaSid, GUID))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("domainSid"));
	}

	@Test
	void truncatedBinaryValuesAreRejectedNamingTheAttribute() {
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> DomainIdentity.fromDirectory("contoso.com", "CONTOSO", "contoso.com",
					Arrays.copyOf(SID, 20), GUID))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("objectSid"));
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> DomainIdentity.fromDirectory("contoso.com", "CONTOSO", "contoso.com", SID,
					Arrays.copyOf(GUID, 15)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("objectGuid"));
	}

}
