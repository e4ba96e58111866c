package org.gmsaportal.directory;

import java.time.Clock;
import java.util.List;

import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.gmsaportal.directory.internal.SecurityDescriptor;
import org.gmsaportal.directory.internal.Sids;

/**
 * Makes directory objects the way an admin outside the portal would (Samba's tools, raw LDAP adds), and reads the
 * inventory of the lab DC, for the inventory's lab tests.
 */
final class InventoryLab {

	static final String BASE = "DC=lab,DC=test";

	final LabDirectory lab = LabDirectory.shared();

	final DirectoryConnection admin = this.lab.admin();

	/** The whole domain's listing, read as the portal reads it. */
	DirectoryListing read(String... users) {
		return read(this.admin, 1000, (pages) -> {
		}, users);
	}

	DirectoryListing read(DirectoryConnection connection, int pageSize, InventoryReader.PageListener listener,
			String... users) {
		return new InventoryReader(null, Clock.systemUTC(), pageSize, listener).read(connection, List.of(users));
	}

	String group(String name) {
		this.lab.samba("samba-tool", "group", "add", name);
		return "CN=" + name + ",CN=Users," + BASE;
	}

	String user(String name) {
		this.lab.samba("samba-tool", "user", "add", name, "Lab-" + name + "-Aa1!");
		return name;
	}

	/** A computer account (samba-tool makes it with primaryGroupID 515, Domain Computers); returns NAME$. */
	String computer(String name) {
		this.lab.samba("samba-tool", "computer", "add", name);
		return name + "$";
	}

	void addMembers(String group, String... members) {
		this.lab.samba("samba-tool", "group", "addmembers", group, String.join(",", members));
	}

	String sid(String samAccountName) {
		return this.admin.withServiceAccount((ctx) -> {
			Attributes entry = Accounts.find(ctx, BASE, samAccountName, "objectSid");
			if (entry == null) {
				throw new IllegalStateException("no account " + samAccountName);
			}
			return Sids.toString(Ldap.bytes(entry, "objectSid"));
		});
	}

	String domainSid() {
		return this.admin.domainFacts().domainSid();
	}

	/** A gMSA added over raw LDAP, as New-ADServiceAccount would, with no trace of the portal; returns its DN. */
	String rawGmsa(String name, List<String> spns, int encryptionTypes, String description, String... allowedSids) {
		String dn = "CN=" + name + ",CN=Managed Service Accounts," + BASE;
		Attributes attributes = new BasicAttributes(true);
		attributes.put("objectClass", "msDS-GroupManagedServiceAccount");
		attributes.put("sAMAccountName", name + "$");
		attributes.put("dNSHostName", name + ".lab.test");
		if (!spns.isEmpty()) {
			BasicAttribute spn = new BasicAttribute("servicePrincipalName");
			spns.forEach(spn::add);
			attributes.put(spn);
		}
		attributes.put("userAccountControl", "4096");
		attributes.put("msDS-ManagedPasswordInterval", "7");
		attributes.put("msDS-SupportedEncryptionTypes", Integer.toString(encryptionTypes));
		attributes.put("msDS-GroupMSAMembership", SecurityDescriptor.allowingRetrieval(List.of(allowedSids)).toBytes());
		attributes.put("description", description);
		this.admin.withServiceAccount((ctx) -> {
			ctx.createSubcontext(dn, attributes).close();
			return dn;
		});
		return dn;
	}

	/** Replaces a gMSA's {@code msDS-GroupMSAMembership}, as Set-ADServiceAccount would. */
	void allow(String dn, SecurityDescriptor descriptor) {
		replace(dn, new BasicAttribute("msDS-GroupMSAMembership", descriptor.toBytes()));
	}

	void replace(String dn, BasicAttribute attribute) {
		this.admin.withServiceAccount((ctx) -> {
			ctx.modifyAttributes(dn, new ModificationItem[] { new ModificationItem(DirContext.REPLACE_ATTRIBUTE,
					attribute) });
			return null;
		});
	}

	static ListedGmsa gmsa(DirectoryListing listing, String name) {
		return listing.gmsas().stream().filter((g) -> g.samAccountName().equalsIgnoreCase(name + "$")).findFirst()
			.orElseThrow(() -> new AssertionError(name + "$ not listed"));
	}

}
