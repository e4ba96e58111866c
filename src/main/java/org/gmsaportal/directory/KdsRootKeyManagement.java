package org.gmsaportal.directory;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Lists, judges and creates the forest's KDS root keys (Get-KdsRootKey / Add-KdsRootKey over LDAP); creates one
 * only in a forest that has none.
 */
class KdsRootKeyManagement {

	static final String GKDS = "CN=Group Key Distribution Service,CN=Services,";

	// Margin on top of Samba's 10 h 5 min, for a portal clock or DC clock slightly off.
	private static final Duration LAB_BACKDATE = KdsRootKey.USABLE_AFTER.plusMinutes(5);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Auditor audit;

	KdsRootKeyManagement(AuditTrail audit, @Nullable RunRef run) {
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
	 * A usable key exists, or (on APPLY with a create choice, and only when the forest has no key at all) is
	 * created. A key that exists but is not usable yet is waited for, never joined by a second one: several root
	 * keys make gMSAs fail after their next password rotation.
	 */
	Directory.Ensured ensure(DirectoryConnection connection, KdsRootKeyChoice choice, Directory.Mode mode) {
		KdsStatus status = status(connection);
		switch (status.state()) {
			case USABLE -> {
				return Directory.Ensured.of(Directory.Result.ALREADY_AS_REQUESTED, status.explanation()
						+ (choice == KdsRootKeyChoice.USE_EXISTING ? "" : " No key is created: one per forest."));
			}
			case UNKNOWN -> {
				return Directory.Ensured.of(Directory.Result.DRIFT, status.explanation());
			}
			case NOT_YET_USABLE -> {
				return Directory.Ensured.of(Directory.Result.DRIFT, refusal(status));
			}
			case MISSING -> {
				// falls through to the choice below
			}
		}
		if (choice == KdsRootKeyChoice.USE_EXISTING) {
			return Directory.Ensured.of(Directory.Result.DRIFT, status.explanation());
		}
		KdsKeyMode keyMode = (choice == KdsRootKeyChoice.CREATE) ? KdsKeyMode.PRODUCTION : KdsKeyMode.LAB_BACKDATED;
		String what = (keyMode == KdsKeyMode.PRODUCTION)
				? "create a KDS root key effective now; DCs use it about 10 hours from now, so gMSA creation waits "
						+ "until then"
				: "create a lab KDS root key backdated 10 hours, usable at once (single-DC lab only)";
		if (mode == Directory.Mode.APPLY) {
			// The wizard and the API ask for the lab mode's confirmation before it reaches an approved plan.
			create(connection, keyMode, keyMode == KdsKeyMode.LAB_BACKDATED);
		}
		return Directory.Ensured.of(Directory.Result.CREATED, what);
	}

	/** Why no key is created beside the existing ones, with when the first becomes usable. */
	static String refusal(KdsStatus status) {
		KdsRootKey first = status.keys().stream().min(Comparator.comparing(KdsRootKey::usableFrom)).orElseThrow();
		String when = first.usableAt(status.dcTime()) ? "is usable since " + first.usableFrom()
				: "becomes usable at " + first.usableFrom();
		return "KDS root key " + first.id() + " exists (created " + first.created() + ") and " + when
				+ ". The portal does not create a second key: several root keys in a forest make gMSAs fail after "
				+ "their next password rotation. Wait until then and run again.";
	}

	/**
	 * Creates a root key with the attribute values Windows writes, in a forest that has none: any existing key, usable
	 * or not, is a {@link DirectoryException} saying when it becomes usable.
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
			// Checked on the session that writes, so a key another admin added since the plan is seen too.
			List<KdsRootKey> existing = list(ctx, facts.configurationNamingContext());
			if (!existing.isEmpty()) {
				throw new DirectoryException(refusal(KdsStatus.evaluate(existing, facts.dcTime(), true, "")));
			}
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
		List<Attributes> found;
		try {
			found = Ldap.search(ctx, containerDn(configNc), "(objectClass=msKds-ProvRootKey)",
					SearchControls.ONELEVEL_SCOPE, "cn", "distinguishedName", "msKds-CreateTime", "msKds-UseStartTime");
		}
		catch (javax.naming.NameNotFoundException ex) {
			// No container (a forest not prepared for gMSAs): no keys; one search instead of a read and a search.
			return keys;
		}
		for (Attributes key : found) {
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
