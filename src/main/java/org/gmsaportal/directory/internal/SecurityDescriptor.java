package org.gmsaportal.directory.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A self-relative security descriptor ([MS-DTYP] 2.4.6) reduced to what msDS-GroupMSAMembership uses.
 *
 * @param control the control flags (0x8004 = DACL present, self-relative)
 * @param owner the owner SID, if any
 * @param group the group SID, if any
 * @param dacl the DACL's entries, or {@code null} when the descriptor has no DACL
 */
public record SecurityDescriptor(int control, @Nullable String owner, @Nullable String group,
		@Nullable List<Ace> dacl) {

	/** SE_DACL_PRESENT | SE_SELF_RELATIVE, what Windows writes for msDS-GroupMSAMembership. */
	public static final int CONTROL = 0x8004;

	/** The full-control mask New-ADServiceAccount grants; the DC checks only its READ_PROPERTY bit. */
	public static final int GMSA_READER_MASK = 0x000F01FF;

	public static final int READ_PROPERTY = 0x10;

	public static final String BUILTIN_ADMINISTRATORS = "S-1-5-32-544";

	static final int ACCESS_ALLOWED = 0x00;

	static final int ACCESS_DENIED = 0x01;

	// ACL_REVISION_DS, as Windows writes it here.
	private static final int ACL_REVISION = 4;

	private static final int HEADER_LENGTH = 20;

	/**
	 * One access control entry; {@code sid} is {@code null} for entry types this reader does not decode.
	 *
	 * @param type the ACE type (0 allowed, 1 denied, ...)
	 * @param flags the ACE flags (inheritance)
	 * @param mask the access mask
	 * @param sid the trustee
	 */
	public record Ace(int type, int flags, int mask, @Nullable String sid) {
	}

	/** The descriptor Windows writes: owner BUILTIN\Administrators, one allow ACE per principal. */
	public static SecurityDescriptor allowingRetrieval(List<String> principalSids) {
		if (principalSids.isEmpty()) {
			throw new IllegalArgumentException("at least one principal must be allowed to retrieve the password");
		}
		List<Ace> aces = principalSids.stream().map(sid -> new Ace(ACCESS_ALLOWED, 0, GMSA_READER_MASK, sid)).toList();
		return new SecurityDescriptor(CONTROL, BUILTIN_ADMINISTRATORS, null, aces);
	}

	/** SIDs the DC lets read the managed password: allow ACEs with READ_PROPERTY, unless denied. */
	public Set<String> retrievers() {
		Set<String> allowed = new LinkedHashSet<>();
		Set<String> denied = new LinkedHashSet<>();
		for (Ace ace : (this.dacl != null) ? this.dacl : List.<Ace>of()) {
			if (ace.sid() != null && (ace.mask() & READ_PROPERTY) != 0) {
				if (ace.type() == ACCESS_DENIED) {
					denied.add(ace.sid());
				}
				else if (ace.type() == ACCESS_ALLOWED) {
					allowed.add(ace.sid());
				}
			}
		}
		allowed.removeAll(denied);
		return allowed;
	}

	/** Self-relative bytes in the Windows layout: header, DACL, then owner and group. */
	public byte[] toBytes() {
		if (this.dacl != null && this.dacl.stream().anyMatch(a -> a.sid() == null)) {
			throw new IllegalStateException("cannot serialise an ACE whose SID was not decoded");
		}
		byte[] daclBytes = (this.dacl != null) ? aclBytes(this.dacl) : new byte[0];
		byte[] ownerBytes = (this.owner != null) ? Sids.toBytes(this.owner) : new byte[0];
		byte[] groupBytes = (this.group != null) ? Sids.toBytes(this.group) : new byte[0];
		int daclOffset = (this.dacl != null) ? HEADER_LENGTH : 0;
		int ownerOffset = (this.owner != null) ? HEADER_LENGTH + daclBytes.length : 0;
		int groupOffset = (this.group != null) ? HEADER_LENGTH + daclBytes.length + ownerBytes.length : 0;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(1);
		out.write(0);
		Bytes.writeUint16(out, this.control);
		Bytes.writeInt32(out, ownerOffset);
		Bytes.writeInt32(out, groupOffset);
		Bytes.writeInt32(out, 0);
		Bytes.writeInt32(out, daclOffset);
		out.writeBytes(daclBytes);
		out.writeBytes(ownerBytes);
		out.writeBytes(groupBytes);
		return out.toByteArray();
	}

	private static byte[] aclBytes(List<Ace> aces) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Ace ace : aces) {
			byte[] sid = Sids.toBytes(ace.sid());
			body.write(ace.type());
			body.write(ace.flags());
			Bytes.writeUint16(body, 8 + sid.length);
			Bytes.writeInt32(body, ace.mask());
			body.writeBytes(sid);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(ACL_REVISION);
		out.write(0);
		Bytes.writeUint16(out, 8 + body.size());
		Bytes.writeUint16(out, aces.size());
		Bytes.writeUint16(out, 0);
		out.writeBytes(body.toByteArray());
		return out.toByteArray();
	}

	/** Reads a self-relative descriptor; any layout, owner/group/DACL in any order. */
	public static SecurityDescriptor parse(byte[] bytes) {
		if (bytes.length < HEADER_LENGTH || bytes[0] != 1) {
			throw new IllegalArgumentException("not a self-relative security descriptor (" + bytes.length + " bytes)");
		}
		int control = Bytes.uint16(bytes, 2);
		if ((control & 0x8000) == 0) {
			throw new IllegalArgumentException("security descriptor is not self-relative");
		}
		int ownerOffset = Bytes.int32(bytes, 4);
		int groupOffset = Bytes.int32(bytes, 8);
		int daclOffset = Bytes.int32(bytes, 16);
		String owner = (ownerOffset != 0) ? Sids.toString(bytes, ownerOffset) : null;
		String group = (groupOffset != 0) ? Sids.toString(bytes, groupOffset) : null;
		List<Ace> dacl = ((control & 0x0004) != 0 && daclOffset != 0) ? parseAcl(bytes, daclOffset) : null;
		return new SecurityDescriptor(control, owner, group, dacl);
	}

	private static List<Ace> parseAcl(byte[] bytes, int offset) {
		int size = Bytes.uint16(bytes, offset + 2);
		int count = Bytes.uint16(bytes, offset + 4);
		if (offset + size > bytes.length) {
			throw new IllegalArgumentException("ACL runs past the end of the descriptor");
		}
		List<Ace> aces = new ArrayList<>(count);
		int position = offset + 8;
		for (int i = 0; i < count; i++) {
			int type = bytes[position] & 0xff;
			int aceSize = Bytes.uint16(bytes, position + 2);
			if (aceSize < 8 || position + aceSize > offset + size) {
				throw new IllegalArgumentException("ACE " + i + " has an invalid size " + aceSize);
			}
			int mask = Bytes.int32(bytes, position + 4);
			// Plain allow/deny ACEs carry the SID right after the mask; object ACEs are not decoded.
			String sid = (type == ACCESS_ALLOWED || type == ACCESS_DENIED) ? Sids.toString(bytes, position + 8) : null;
			aces.add(new Ace(type, bytes[position + 1] & 0xff, mask, sid));
			position += aceSize;
		}
		return List.copyOf(aces);
	}

}
