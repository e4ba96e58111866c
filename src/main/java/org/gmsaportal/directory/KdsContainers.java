package org.gmsaportal.directory;

import java.util.Map;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;

/**
 * Creates the Group Key Distribution Service containers that adprep makes, for lab forests that lack them.
 */
final class KdsContainers {

	private static final String SERVER_CONFIGURATION = "CN=Server Configuration," + KdsRootKeyManagement.GKDS;

	private KdsContainers() {
	}

	static void ensure(DirContext ctx, String configNc, Auditor audit) throws NamingException {
		container(ctx, KdsRootKeyManagement.GKDS + configNc, audit);
		container(ctx, KdsRootKeyManagement.containerDn(configNc), audit);
		container(ctx, SERVER_CONFIGURATION + configNc, audit);
		String serverConfig = "CN=Group Key Distribution Service Server Configuration," + SERVER_CONFIGURATION
				+ configNc;
		if (Ldap.read(ctx, serverConfig, "cn") == null) {
			Attributes attributes = new BasicAttributes(true);
			attributes.put("objectClass", "msKds-ProvServerConfiguration");
			// DCs refuse to make keys unless the server configuration says version 1.
			attributes.put("msKds-Version", "1");
			create(ctx, serverConfig, attributes, audit);
		}
	}

	private static void container(DirContext ctx, String dn, Auditor audit) throws NamingException {
		if (Ldap.read(ctx, dn, "cn") == null) {
			Attributes attributes = new BasicAttributes(true);
			attributes.put("objectClass", "container");
			create(ctx, dn, attributes, audit);
		}
	}

	private static void create(DirContext ctx, String dn, Attributes attributes, Auditor audit) {
		audit.intent("directory.kds-container.create", dn, Map.of());
		try {
			ctx.createSubcontext(dn, attributes);
		}
		catch (NamingException ex) {
			String message = WriteErrors.explain(ex, "create the KDS container " + dn, dn);
			audit.event(AuditEvent.of("directory.kds-container.create", dn, AuditOutcome.FAILURE)
				.withDetails(Map.of("error", message)));
			throw new DirectoryException(message, ex);
		}
		audit.event(AuditEvent.of("directory.kds-container.create", dn, AuditOutcome.SUCCESS)
			.withDetails(Map.of("reason", "the forest lacked the containers adprep normally creates")));
	}

}
