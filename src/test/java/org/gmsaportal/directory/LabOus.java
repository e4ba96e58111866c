package org.gmsaportal.directory;

import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttributes;

import org.jspecify.annotations.Nullable;

/**
 * OUs in the Samba lab DC for the placement tests of other modules, created over LDAPS as the domain Administrator,
 * and the attributes those tests read back from the objects placed in them.
 */
public final class LabOus {

	private LabOus() {
	}

	/** The lab domain's naming context, e.g. {@code DC=lab,DC=test}. */
	public static String baseDn() {
		return LabDirectory.shared().setting("GMSA_LAB_BASE_DN");
	}

	/** Creates the OU (its parent must exist); one that exists already is fine. */
	public static String create(String dn) {
		LabDirectory.shared().admin().withServiceAccount(ctx -> {
			if (Ldap.read(ctx, dn, "objectClass") == null) {
				Attributes attributes = new BasicAttributes(true);
				attributes.put("objectClass", "organizationalUnit");
				ctx.createSubcontext(dn, attributes);
			}
			return dn;
		});
		return dn;
	}

	/** One value of an object's attribute (e.g. {@code description}), or {@code null} if the object has none. */
	public static @Nullable String attribute(String dn, String attribute) {
		return LabDirectory.shared().admin().withServiceAccount(ctx -> {
			Attributes entry = Ldap.read(ctx, dn, attribute);
			return (entry != null) ? Ldap.optionalString(entry, attribute) : null;
		});
	}

	/** Whether an object with this DN exists. */
	public static boolean exists(String dn) {
		return LabDirectory.shared().admin().withServiceAccount(ctx -> Ldap.read(ctx, dn, "objectClass") != null);
	}

}
