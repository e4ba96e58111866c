package org.gmsaportal.directory.internal;

import java.util.HexFormat;
import java.util.List;

import org.gmsaportal.directory.internal.SecurityDescriptor.Ace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The msDS-GroupMSAMembership serializer and parser, against the vectors of ad-ldap-formats.md section 3.2.
 */
class SecurityDescriptorTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final String SID = "S-1-5-21-1111111111-2222222222-3333333333-1105";

	private static final String SID_BYTES = "010500000000000515000000c7353a428e6b748455a1aec651040000";

	// The reference's computed example: owner first, ACL revision 2.
	private static final String OWNER_FIRST = "01000480" + "14000000" + "00000000" + "00000000" + "24000000"
			+ "01020000000000052000000020020000" + "02002c0001000000" + "00002400ff010f00" + SID_BYTES;

	@Test
	void serializerWritesTheWindowsLayoutDaclFirstThenOwner() {
		byte[] bytes = SecurityDescriptor.allowingRetrieval(List.of(SID)).toBytes();
		assertThat(HEX.formatHex(bytes)).isEqualTo("01000480" + "40000000" + "00000000" + "00000000" + "14000000"
				+ "04002c0001000000" + "00002400ff010f00" + SID_BYTES + "01020000000000052000000020020000");
		assertThat(bytes).hasSize(80);
	}

	@Test
	void parserReadsTheOwnerFirstReferenceVector() {
		SecurityDescriptor sd = SecurityDescriptor.parse(HEX.parseHex(OWNER_FIRST));
		assertThat(sd.control()).isEqualTo(0x8004);
		assertThat(sd.owner()).isEqualTo("S-1-5-32-544");
		assertThat(sd.group()).isNull();
		assertThat(sd.dacl()).containsExactly(new Ace(0, 0, 0x000F01FF, SID));
		assertThat(sd.retrievers()).containsExactly(SID);
	}

	@Test
	void serializedDescriptorRoundTripsThroughTheParser() {
		List<String> sids = List.of(SID, "S-1-5-21-1111111111-2222222222-3333333333-1106");
		SecurityDescriptor written = SecurityDescriptor.allowingRetrieval(sids);
		SecurityDescriptor read = SecurityDescriptor.parse(written.toBytes());
		assertThat(read).isEqualTo(written);
		assertThat(read.retrievers()).containsExactlyElementsOf(sids);
	}

	@Test
	void denyAceAndAcesWithoutReadPropertyDoNotGrantRetrieval() {
		String other = "S-1-5-21-1-2-3-1200";
		SecurityDescriptor sd = new SecurityDescriptor(0x8004, "S-1-5-32-544", null,
				List.of(new Ace(0, 0, 0xF01FF, SID), new Ace(1, 0, 0x10, SID), new Ace(0, 0, 0x20000, other)));
		assertThat(SecurityDescriptor.parse(sd.toBytes()).retrievers()).isEmpty();
	}

	@Test
	void truncatedOrForeignBytesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> SecurityDescriptor.parse(new byte[10]));
		byte[] truncated = HEX.parseHex(OWNER_FIRST.substring(0, OWNER_FIRST.length() - 16));
		assertThatIllegalArgumentException().isThrownBy(() -> SecurityDescriptor.parse(truncated));
		assertThatIllegalArgumentException().isThrownBy(() -> SecurityDescriptor.allowingRetrieval(List.of()));
	}

}
