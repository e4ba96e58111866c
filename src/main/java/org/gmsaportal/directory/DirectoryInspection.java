package org.gmsaportal.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;

import org.gmsaportal.directory.GmsaDetails.Principal;
import org.gmsaportal.directory.internal.AccountNames;
import org.gmsaportal.directory.internal.FileTimes;
import org.gmsaportal.directory.internal.Sids;

import org.springframework.stereotype.Component;

/**
 * Read-only views of existing directory objects, for inventory pages and troubleshooting.
 */
@Component
public class DirectoryInspection {

	/**
	 * The gMSA named {@code name} (with or without {@code $}).
	 * @throws DirectoryException if there is none, or the name breaks the naming rules
	 */
	public GmsaDetails inspectGmsa(DirectoryConnection connection, String name) {
		String account;
		try {
			account = AccountNames.gmsaName(name) + "$";
		}
		catch (IllegalArgumentException ex) {
			throw new DirectoryException(ex.getMessage(), ex);
		}
		return connection.withServiceAccount(ctx -> {
			String base = Ldap.defaultNamingContext(ctx);
			List<String> attributes = new ArrayList<>(List.of(GmsaAccounts.ATTRIBUTES));
			attributes.add("objectSid");
			attributes.add("sAMAccountName");
			Attributes entry = Accounts.find(ctx, base, account, attributes.toArray(String[]::new));
			if (entry == null || !Ldap.strings(entry, "objectClass").contains("msDS-GroupManagedServiceAccount")) {
				throw new DirectoryException("There is no gMSA named " + account + " in " + connection.domain());
			}
			List<Principal> principals = new ArrayList<>();
			for (String sid : IdentityManagement.retrievers(entry)) {
				List<Attributes> found = Ldap.search(ctx, base, "(objectSid=" + Ldap.filterBytes(Sids.toBytes(sid)) + ")",
						SearchControls.SUBTREE_SCOPE, "sAMAccountName", "distinguishedName");
				principals.add(found.isEmpty() ? new Principal(sid, null, null)
						: new Principal(sid, Ldap.string(found.get(0), "sAMAccountName"),
								Ldap.string(found.get(0), "distinguishedName")));
			}
			long pwdLastSet = Ldap.longValue(entry, "pwdLastSet", 0);
			UUID guid = Accounts.guid(entry);
			byte[] sid = Ldap.bytes(entry, "objectSid");
			return new GmsaDetails(Ldap.string(entry, "distinguishedName"), guid,
					(sid != null) ? Sids.toString(sid) : "", Ldap.string(entry, "sAMAccountName"),
					Ldap.optionalString(entry, "dNSHostName"), Ldap.strings(entry, "servicePrincipalName"),
					EncryptionType.fromMask((int) Ldap.longValue(entry, "msDS-SupportedEncryptionTypes", 0)),
					(int) Ldap.longValue(entry, "msDS-ManagedPasswordInterval", 30), principals,
					(Ldap.longValue(entry, "userAccountControl", 0) & GmsaAccounts.WORKSTATION_TRUST_ACCOUNT) != 0,
					(pwdLastSet > 0) ? FileTimes.toInstant(pwdLastSet) : (Instant) null,
					Accounts.MARKER.equals(Ldap.optionalString(entry, "adminDescription")));
		});
	}

}
