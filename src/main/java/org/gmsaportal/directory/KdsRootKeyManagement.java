package org.gmsaportal.directory;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.internal.FileTimes;
import org.gmsaportal.directory.internal.KdsParameters;
import org.jspecify.annotations.Nullable;

/**
 * Lists, judges and creates the forest's KDS root keys (Get-KdsRootKey / Add-KdsRootKey over LDAP).
 */
class KdsRootKeyManagement {

	static final String GKDS = "CN=Group Key Distribution Service,CN=Services,";

	// Margin on top of Samba's 10 h 5 min, for a portal clock or DC clock slightly off.
	private static final Duration LAB_BACKDATE = KdsRootKey.USABLE_AFTER.plusMinutes(5);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Auditor audit;

	KdsRootKeyManagement(AuditTrail audit, Directory.@Nullable RunRef run) {
		this.audit = new Auditor(audit, run);
	}

	/** The root keys and whether one is usable now, by the DC's clock. */
	KdsStatus status(DirectoryConnection connection) {
		return connection.withServiceAccount(ctx -> status(ctx, connection, DomainFacts.read(ctx)));
	}

	/**
	 * The root keys on an open session, by the DC's clock; finding none is a verdict only when the bind identity
	 * may read keys at all.
	 */
	static KdsStatus status(DirContext ctx, DirectoryConnection connection, DomainFacts facts) throws NamingException {
		List<KdsRootKey> keys = list(ctx, facts.configurationNamingContext());
		boolean canRead = !keys.isEmpty() || BindIdentity.isDomainOrEnterpriseAdmin(ctx, connection, facts);
		return KdsStatus.evaluate(keys, facts.dcTime(), canRead, String.valueOf(connection.bindUser()));
	}

	/**
	 * Creates a root key with the attribute values Windows writes.
	 * @param mode production (usable in about 10 h) or single-DC lab (backdated)
	 * @param labBackdatingConfirmed must be true for {@link KdsKeyMode#LAB_BACKDATED}: the admin confirmed
	 * that this forest has a single DC
	 */
	KdsRootKey create(DirectoryConnection connection, KdsKeyMode mode, boolean labBackdatingConfirmed) {
		if (mode == KdsKeyMode.LAB_BACKDATED && !labBackdatingConfirmed) {
			throw new DirectoryException("A backdated KDS root key is for single-DC labs only: another DC that has "
					+ "not replicated it yet cannot serve gMSA passwords. Confirm explicitly, or create a production "
					+ "key and wait 10 hours.");
		}
		return connection.withServiceAccount(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			Instant now = facts.dcTime();
			Instant effective = (mode == KdsKeyMode.PRODUCTION) ? now : now.minus(LAB_BACKDATE);
			String container = containerDn(facts.configurationNamingContext());
			KdsContainers.ensure(ctx, facts.configurationNamingContext(), this.audit);
			UUID id = UUID.randomUUID();
			String dn = "CN=" + id + "," + container;
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("mode", mode.name());
			details.put("effective", effective.toString());
			details.put("usableFrom", effective.plus(KdsRootKey.USABLE_AFTER).toString());
			if (mode == KdsKeyMode.LAB_BACKDATED) {
				details.put("warning", "backdated by " + LAB_BACKDATE.toMinutes() + " minutes for a single-DC lab; "
						+ "unsafe in a forest with several DCs");
			}
			this.audit.intent("directory.kds-root-key.create", dn, details);
			try {
				ctx.createSubcontext(dn, attributes(id, now, effective, facts.dcServerReference()));
			}
			catch (NamingException ex) {
				String message = WriteErrors.explain(ex, "create the KDS root key " + dn, container);
				this.audit.event(AuditEvent.of("directory.kds-root-key.create", dn, AuditOutcome.FAILURE)
					.withDetails(with(details, "error", message)));
				throw new DirectoryException(message, ex);
			}
			this.audit.event(
					AuditEvent.of("directory.kds-root-key.create", dn, AuditOutcome.SUCCESS).withDetails(details));
			return new KdsRootKey(id, dn, now, effective);
		});
	}

	static String containerDn(String configNc) {
		return "CN=Master Root Keys," + GKDS + configNc;
	}

	static List<KdsRootKey> list(DirContext ctx, String configNc) throws NamingException {
		List<KdsRootKey> keys = new ArrayList<>();
		if (Ldap.read(ctx, containerDn(configNc), "cn") == null) {
			return keys;
		}
		for (Attributes key : Ldap.search(ctx, containerDn(configNc), "(objectClass=msKds-ProvRootKey)",
				SearchControls.ONELEVEL_SCOPE, "cn", "distinguishedName", "msKds-CreateTime", "msKds-UseStartTime")) {
			UUID id;
			try {
				id = UUID.fromString(Ldap.string(key, "cn"));
			}
			catch (IllegalArgumentException ex) {
				// DCs ignore keys whose name is not a GUID, so the portal does too.
				continue;
			}
			keys.add(new KdsRootKey(id, Ldap.string(key, "distinguishedName"),
					FileTimes.toInstant(Long.parseLong(Ldap.string(key, "msKds-CreateTime"))),
					FileTimes.toInstant(Long.parseLong(Ldap.string(key, "msKds-UseStartTime")))));
		}
		return keys;
	}

	private static Attributes attributes(UUID id, Instant now, Instant effective, String dcComputer) {
		byte[] rootKeyData = new byte[KdsParameters.ROOT_KEY_DATA_LENGTH];
		RANDOM.nextBytes(rootKeyData);
		Attributes attributes = new BasicAttributes(true);
		attributes.put(new BasicAttribute("objectClass", "msKds-ProvRootKey"));
		attributes.put("cn", id.toString());
		attributes.put("msKds-Version", "1");
		attributes.put("msKds-KDFAlgorithmID", KdsParameters.KDF_ALGORITHM);
		attributes.put("msKds-KDFParam", KdsParameters.kdfParameters("SHA512"));
		attributes.put("msKds-SecretAgreementAlgorithmID", KdsParameters.SECRET_AGREEMENT_ALGORITHM);
		attributes.put("msKds-SecretAgreementParam", KdsParameters.dhParameters());
		attributes.put("msKds-PublicKeyLength", Integer.toString(KdsParameters.PUBLIC_KEY_LENGTH));
		attributes.put("msKds-PrivateKeyLength", Integer.toString(KdsParameters.PRIVATE_KEY_LENGTH));
		attributes.put("msKds-RootKeyData", rootKeyData);
		attributes.put("msKds-DomainID", dcComputer);
		attributes.put("msKds-UseStartTime", Long.toString(FileTimes.of(effective)));
		attributes.put("msKds-CreateTime", Long.toString(FileTimes.of(now)));
		return attributes;
	}

	private static Map<String, Object> with(Map<String, Object> details, String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(details);
		copy.put(key, value);
		return copy;
	}

}
