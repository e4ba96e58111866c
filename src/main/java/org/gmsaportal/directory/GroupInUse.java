package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;

import org.gmsaportal.directory.internal.Sids;
import org.jspecify.annotations.Nullable;

/**
 * Why a group the portal created must not be deleted yet: deleting a group takes away whatever it grants, so
 * members someone added since, or a gMSA whose password readers name the group, mean the group is still in use.
 * Only what the portal's account may read is seen: a gMSA whose {@code msDS-GroupMSAMembership} it cannot read
 * does not show up here. The gMSAs naming the group come from {@link GmsaReaders}, which reads only what changed.
 */
final class GroupInUse {

	private GroupInUse() {
	}

	/**
	 * @param group the group's entry, read with {@code member} and {@code objectSid}
	 * @param gmsas the connection's map of gMSA password readers, which finds the gMSAs naming the group
	 * @return the reason to keep the group, or {@code null} if nothing uses it
	 */
	static @Nullable String reason(DirContext ctx, String dn, Attributes group, GmsaReaders gmsas)
			throws NamingException {
		List<String> members = new ArrayList<>(Ldap.strings(group, "member"));
		// Past 1,500 members AD answers with a range (member;range=0-1499) instead; any member keeps the group.
		for (var ids = group.getIDs(); ids.hasMore();) {
			String id = ids.next();
			if (id.toLowerCase(java.util.Locale.ROOT).startsWith("member;range=")) {
				members.addAll(Ldap.strings(group, id));
			}
		}
		if (!members.isEmpty()) {
			return dn + " still has members (" + names(members) + "), added by someone else or since the run; "
					+ "remove them or delete the group yourself, then resume";
		}
		byte[] sid = Ldap.bytes(group, "objectSid");
		if (sid == null) {
			return null;
		}
		String groupSid = Sids.toString(sid);
		List<String> readers = gmsas.naming(ctx, groupSid);
		if (!readers.isEmpty()) {
			return dn + " may still read the password of " + names(readers) + ", and deleting it would cut those "
					+ "hosts off; take it out of PrincipalsAllowedToRetrieveManagedPassword there first, then resume";
		}
		return null;
	}

	private static String names(List<String> dns) {
		List<String> shown = dns.subList(0, Math.min(5, dns.size()));
		return String.join("; ", shown) + ((dns.size() > shown.size()) ? " and " + (dns.size() - shown.size())
				+ " more" : "");
	}

}
