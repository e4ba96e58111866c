package org.gmsaportal.directory.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The KDF and Diffie-Hellman parameter blobs of a KDS root key, as Windows and Samba write them ([MS-GKDI] 2.2).
 */
public final class KdsParameters {

	public static final String KDF_ALGORITHM = "SP800_108_CTR_HMAC";

	public static final String SECRET_AGREEMENT_ALGORITHM = "DH";

	public static final int PUBLIC_KEY_LENGTH = 2048;

	// Windows writes 512; MS-GKDI and Samba's creator say 256. Only DPAPI-NG uses it, so copy Windows.
	public static final int PRIVATE_KEY_LENGTH = 512;

	public static final int ROOT_KEY_DATA_LENGTH = 64;

	// RFC 5114 section 2.3: 2048-bit MODP group with 256-bit prime order subgroup.
	private static final String P = "87a8e61db4b6663cffbbd19c651959998ceef608660dd0f25d2ceed4435e3b00e00df8f1d61957d4faf7df"
			+ "4561b2aa3016c3d91134096faa3bf4296d830e9a7c209e0c6497517abd5a8a9d306bcf67ed91f9e6725b4758c022e0b1ef4275bf"
			+ "7b6c5bfc11d45f9088b941f54eb1e59bb8bc39a0bf12307f5c4fdb70c581b23f76b63acae1caa6b7902d52526735488a0ef13c"
			+ "6d9a51bfa4ab3ad8347796524d8ef6a167b5a41825d967e144e5140564251ccacb83e6b486f6b3ca3f7971506026c0b857f689"
			+ "962856ded4010abd0be621c3a3960a54e710c375f26375d7014103a4b54330c198af126116d2276e11715f693877fad7ef09ca"
			+ "db094ae91e1a1597";

	private static final String G = "3fb32c9b73134d0b2e77506660edbd484ca7b18f21ef205407f4793a1a0ba12510dbc15077be463fff4fed"
			+ "4aac0bb555be3a6c1b0c6b47b1bc3773bf7e8c6f62901228f8c28cbb18a55ae31341000a650196f931c77a57f2ddf463e5e9ec"
			+ "144b777de62aaab8a8628ac376d282d6ed3864e67982428ebc831d14348f6f2f9193b5045af2767164e1dfc967c1fb3f2e55a4"
			+ "bd1bffe83b9c80d052b985d182ea0adb2a3b7313d3fe14c8484b1e052588b9b7d2bbd2df016199ecd06e1557cd0915b3353bbb"
			+ "64e0ec377fd028370df92b52c7891428cdc67eb6184b523d1db246c32f63078490f00ef8d647d148d47954515e2327cfef98c5"
			+ "82664b4c0f6cc41659";

	private KdsParameters() {
	}

	/** KDF parameters naming the hash: uint32 0, uint32 1, uint32 name length, uint32 0, UTF-16LE name + NUL. */
	public static byte[] kdfParameters(String hashName) {
		byte[] name = (hashName + "\0").getBytes(StandardCharsets.UTF_16LE);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Bytes.writeInt32(out, 0);
		Bytes.writeInt32(out, 1);
		Bytes.writeInt32(out, name.length);
		Bytes.writeInt32(out, 0);
		out.writeBytes(name);
		return out.toByteArray();
	}

	/** FFC DH parameters: total length, "DHPM", key length, p and g big-endian. */
	public static byte[] dhParameters() {
		byte[] p = HexFormat.of().parseHex(P);
		byte[] g = HexFormat.of().parseHex(G);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Bytes.writeInt32(out, 12 + p.length + g.length);
		out.writeBytes(new byte[] { 0x44, 0x48, 0x50, 0x4d });
		Bytes.writeInt32(out, p.length);
		out.writeBytes(p);
		out.writeBytes(g);
		return out.toByteArray();
	}

}
