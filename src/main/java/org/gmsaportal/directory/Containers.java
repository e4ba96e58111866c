package org.gmsaportal.directory;

import java.util.List;
import java.util.Locale;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;

import org.gmsaportal.directory.Directory.Container;
import org.gmsaportal.directory.Directory.ObjectType;
import org.jspecify.annotations.Nullable;

/**
 * Where new groups, gMSAs and users go: the request's OU, else the connection's default OU, else the directory's
 * default container; and whether the DC can create them there. Read only.
 */
final class Containers {

	private Containers() {
	}

	/** The DN asked for: the request's, else the connection's default for the type; {@code null} for neither. */
	static @Nullable String requested(DirectoryConnection connection, ObjectType type, @Nullable String requested) {
		if (requested != null && !requested.isBlank()) {
			return requested.strip();
		}
		DirectorySettings.Ou ou = connection.ou();
		String configured = switch (type) {
			case GROUP -> ou.group();
			case GMSA -> ou.gmsa();
			case USER -> ou.user();
		};
		return (configured != null && !configured.isBlank()) ? configured.strip() : null;
	}

	/** The directory's own default container, where New-ADGroup, New-ADServiceAccount and New-ADUser put objects. */
	static String builtIn(ObjectType type, String domainNc) {
		return ((type == ObjectType.GMSA) ? "CN=Managed Service Accounts," : "CN=Users,") + domainNc;
	}

	/**
	 * The container objects of this type go to, and why they cannot, if they cannot: the DN must be inside the
	 * domain, exist and be an OU or a container.
	 */
	static Container check(DirContext ctx, DomainFacts facts, DirectoryConnection connection, ObjectType type,
			@Nullable String requested) throws NamingException {
		String nc = facts.defaultNamingContext();
		boolean fromRequest = requested != null && !requested.isBlank();
		String wanted = requested(connection, type, requested);
		String source = fromRequest ? "request"
				: (wanted != null) ? "gmsa.directory.connections." + connection.name() + ".ou."
						+ type.name().toLowerCase(Locale.ROOT) : "directory default";
		if (wanted == null) {
			return new Container(builtIn(type, nc), source, null);
		}
		String dn;
		try {
			dn = Accounts.container(wanted, builtIn(type, nc), nc);
		}
		catch (DirectoryException ex) {
			return new Container(wanted, source, wanted + ": " + ex.getMessage().replaceFirst("^container: ", ""));
		}
		Attributes entry;
		try {
			entry = Ldap.read(ctx, dn, "objectClass");
		}
		catch (javax.naming.InvalidNameException ex) {
			return new Container(dn, source, dn + ": not a valid distinguished name");
		}
		if (entry == null) {
			return new Container(dn, source, dn + " does not exist in " + facts.dnsName()
					+ ": create the OU first, or name an existing OU or container");
		}
		List<String> classes = Ldap.strings(entry, "objectClass").stream().map(c -> c.toLowerCase(Locale.ROOT))
			.toList();
		if (!classes.contains("organizationalunit") && !classes.contains("container")) {
			return new Container(dn, source, dn + " is a " + classes.get(classes.size() - 1)
					+ ", not an OU or container");
		}
		return new Container(dn, source, null);
	}

}
