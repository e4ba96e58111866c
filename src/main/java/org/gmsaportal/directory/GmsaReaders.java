package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

import org.gmsaportal.directory.internal.SecurityDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Which gMSAs let which SIDs read their password, for the group-in-use check of a decommission, without reading
 * every gMSA's security descriptor each time: {@code msDS-GroupMSAMembership} is a security descriptor, which no
 * LDAP filter can look into, so one connection keeps the map it read and brings it up to date by reading only the
 * gMSAs changed since ({@code uSNChanged}, which AD indexes), then re-reads the few the map names.
 *
 * <p>
 * The guarantee, for every gMSA the service account may read: a gMSA not changed since the map's read on that
 * domain controller still holds what the map says; one changed since (created, modified, moved) has a higher
 * {@code uSNChanged} and is read again; one deleted since is gone when the map's candidates are re-read. USNs are
 * a domain controller's own, so another DC answering ({@code dsServiceName}) means a full read.
 */
final class GmsaReaders {

	private static final String GMSAS = "(&(objectClass=msDS-GroupManagedServiceAccount)(msDS-GroupMSAMembership=*))";

	private static final String CHANGED = "(&(objectClass=msDS-GroupManagedServiceAccount)(uSNChanged>=%d))";

	private static final String[] READ = { "distinguishedName", "msDS-GroupMSAMembership" };

	/** gMSA DN in lower case, as read, to the SIDs its password readers name. */
	private final Map<String, Readers> readers = new HashMap<>();

	private @Nullable String server;

	private long watermark;

	private long fullReads;

	/**
	 * The DNs of the gMSAs whose {@code msDS-GroupMSAMembership} names the SID, as the directory holds them now.
	 */
	synchronized List<String> naming(DirContext ctx, String sid) throws NamingException {
		Attributes root = ctx.getAttributes("", new String[] { "dsServiceName", "highestCommittedUSN" });
		String answering = Ldap.string(root, "dsServiceName");
		// Read before the search: whatever commits during it has a higher USN and is read again next time.
		long highest = Long.parseLong(Ldap.string(root, "highestCommittedUSN"));
		String base = Ldap.defaultNamingContext(ctx);
		if (!answering.equals(this.server)) {
			this.readers.clear();
			this.fullReads++;
			remember(Ldap.searchAllPages(ctx, base, GMSAS, 500, READ));
		}
		else {
			remember(Ldap.searchAllPages(ctx, base, CHANGED.formatted(this.watermark + 1), 500, READ));
		}
		this.server = answering;
		this.watermark = highest;
		List<String> found = new ArrayList<>();
		for (Readers candidate : this.readers.values().stream().filter(r -> r.sids().contains(sid)).toList()) {
			// A deletion leaves nothing for the search above to find, so each candidate is read itself.
			List<Attributes> now = reread(ctx, candidate.dn());
			remember(now);
			if (now.isEmpty()) {
				this.readers.remove(key(candidate.dn()));
			}
			else {
				Readers current = this.readers.get(key(candidate.dn()));
				if (current != null && current.sids().contains(sid)) {
					found.add(current.dn());
				}
			}
		}
		return found;
	}

	/** How many times every gMSA was read (once, unless another DC answered): for tests and the bench. */
	synchronized long fullReads() {
		return this.fullReads;
	}

	private void remember(List<Attributes> gmsas) throws NamingException {
		for (Attributes gmsa : gmsas) {
			String dn = Ldap.string(gmsa, "distinguishedName");
			byte[] sd = Ldap.bytes(gmsa, "msDS-GroupMSAMembership");
			if (sd == null) {
				this.readers.remove(key(dn));
			}
			else {
				this.readers.put(key(dn), new Readers(dn, Set.copyOf(SecurityDescriptor.parse(sd).retrievers())));
			}
		}
	}

	private static List<Attributes> reread(DirContext ctx, String dn) throws NamingException {
		try {
			return Ldap.search(ctx, dn, "(objectClass=msDS-GroupManagedServiceAccount)", SearchControls.OBJECT_SCOPE,
					READ);
		}
		catch (NameNotFoundException ex) {
			return List.of();
		}
	}

	private static String key(String dn) {
		return dn.toLowerCase(Locale.ROOT);
	}

	private record Readers(String dn, Set<String> sids) {
	}

}
