package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

import org.gmsaportal.directory.internal.Sids;
import org.jspecify.annotations.Nullable;

import org.springframework.ldap.support.LdapEncoder;

/**
 * Finds an account by the name it binds with and the SIDs of its security token.
 */
final class BindIdentity {

	private BindIdentity() {
	}

	/** Whether the service account's token holds Domain Admins or Enterprise Admins. */
	static boolean isDomainOrEnterpriseAdmin(DirContext ctx, DirectoryConnection connection, DomainFacts facts)
			throws NamingException {
		String user = connection.bindUser();
		String dn = (user != null) ? findDn(ctx, facts.defaultNamingContext(), user) : null;
		if (dn == null) {
			return false;
		}
		List<String> sids = tokenSids(ctx, dn);
		return sids.contains(facts.domainSid() + "-512") || sids.contains(facts.domainSid() + "-519");
	}

	/** The DN of the account that binds as {@code name} (a DN, {@code user@domain} or sAMAccountName). */
	static @Nullable String findDn(DirContext ctx, String base, String name) throws NamingException {
		if (name.contains("=")) {
			return name;
		}
		String local = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
		String filter = "(|(userPrincipalName=" + LdapEncoder.filterEncode(name) + ")(sAMAccountName="
				+ LdapEncoder.filterEncode(local) + "))";
		List<Attributes> found = Ldap.search(ctx, base, filter, SearchControls.SUBTREE_SCOPE, "distinguishedName");
		return (found.size() == 1) ? Ldap.string(found.get(0), "distinguishedName") : null;
	}

	/** The account's own SID followed by every group SID of its token (transitive). */
	static List<String> tokenSids(DirContext ctx, String dn) throws NamingException {
		Attributes entry = Ldap.read(ctx, dn, "objectSid", "tokenGroups");
		List<String> sids = new ArrayList<>();
		if (entry != null) {
			byte[] own = Ldap.bytes(entry, "objectSid");
			if (own != null) {
				sids.add(Sids.toString(own));
			}
			for (byte[] group : Ldap.byteValues(entry, "tokenGroups")) {
				sids.add(Sids.toString(group));
			}
		}
		return sids;
	}

}
