package org.gmsaportal.directory;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

import org.gmsaportal.directory.GmsaAccounts.Plan;
import org.gmsaportal.directory.PreflightCheck.Verdict;

import org.springframework.ldap.support.LdapEncoder;
import org.springframework.stereotype.Component;

/**
 * Read-only checks that tell, before any write, whether provisioning a gMSA will work and what to fix.
 */
@Component
public class Preflight {

	static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	static final Duration CERTIFICATE_WARNING = Duration.ofDays(14);

	/** Runs every check for {@code request}; nothing is written. */
	public List<PreflightCheck> check(DirectoryConnection connection, GmsaRequest request) {
		List<PreflightCheck> checks = new ArrayList<>(connection.withServiceAccount(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			Plan plan;
			try {
				plan = GmsaAccounts.plan(ctx, facts, request);
			}
			catch (IllegalArgumentException | DirectoryException ex) {
				return List.of(new PreflightCheck("request", Verdict.FAIL, ex.getMessage(), "correct the request"));
			}
			List<PreflightCheck> found = new ArrayList<>();
			found.add(kds(ctx, connection, facts));
			found.add(names(ctx, facts, plan));
			found.add(spns(ctx, facts, plan));
			found.add(container(ctx, plan));
			found.add(clock(facts.dcTime(), Instant.now()));
			return found;
		}));
		checks.add(certificate(connection, Instant.now()));
		return checks;
	}

	private static PreflightCheck kds(DirContext ctx, DirectoryConnection connection, DomainFacts facts)
			throws NamingException {
		KdsStatus status = KdsRootKeyManagement.status(ctx, connection, facts);
		String name = "KDS root key usable";
		return switch (status.state()) {
			case USABLE -> new PreflightCheck(name, status.warnings().isEmpty() ? Verdict.PASS : Verdict.WARN,
					status.explanation() + " " + String.join(" ", status.warnings()), null);
			case UNKNOWN -> new PreflightCheck(name, Verdict.UNKNOWN, status.explanation(),
					"check with Get-KdsRootKey as a Domain Admin");
			default -> new PreflightCheck(name, Verdict.FAIL, status.explanation(),
					"create a KDS root key (forest readiness) and wait until it is usable");
		};
	}

	private static PreflightCheck names(DirContext ctx, DomainFacts facts, Plan plan) throws NamingException {
		String name = "no name collision";
		List<Attributes> found = Ldap.search(ctx, facts.defaultNamingContext(),
				"(|(sAMAccountName=" + LdapEncoder.filterEncode(plan.name()) + ")(sAMAccountName="
						+ LdapEncoder.filterEncode(plan.name() + "$") + "))",
				SearchControls.SUBTREE_SCOPE, "distinguishedName", "sAMAccountName", "objectClass");
		for (Attributes entry : found) {
			String account = Ldap.string(entry, "sAMAccountName");
			String dn = Ldap.string(entry, "distinguishedName");
			if (!account.endsWith("$")) {
				return new PreflightCheck(name, Verdict.FAIL, "The account " + account + " (" + dn + ") sits next to "
						+ "the gMSA name " + plan.name() + "$; such pairs break account lookups.",
						"choose another gMSA name or rename " + account);
			}
			if (!Ldap.strings(entry, "objectClass").contains("msDS-GroupManagedServiceAccount")) {
				return new PreflightCheck(name, Verdict.FAIL, account + " already exists and is not a gMSA: " + dn,
						"choose another gMSA name");
			}
			return new PreflightCheck(name, Verdict.WARN, "The gMSA " + account + " already exists (" + dn + "); "
					+ "provisioning compares it with the request and reports any difference.", null);
		}
		return PreflightCheck.pass(name, "Neither " + plan.name() + " nor " + plan.name() + "$ exists.");
	}

	private static PreflightCheck spns(DirContext ctx, DomainFacts facts, Plan plan) throws NamingException {
		String name = "SPNs not registered elsewhere";
		Attributes own = Accounts.find(ctx, facts.defaultNamingContext(), plan.name() + "$", "distinguishedName");
		String ownDn = (own != null) ? Ldap.string(own, "distinguishedName") : plan.dn();
		List<Spns.Conflict> conflicts = Spns.conflicts(ctx, facts, plan.spns(), ownDn);
		if (!Spns.blocking(conflicts).isEmpty()) {
			return new PreflightCheck(name, Verdict.FAIL, Spns.refusal(conflicts), "remove the SPN from its holder or "
					+ "drop it from the request");
		}
		if (!conflicts.isEmpty()) {
			return new PreflightCheck(name, Verdict.WARN, String.join("; ", Spns.warnings(conflicts)),
					"remove the HOST SPN from its holder, or drop the SPN from the request, unless the service "
							+ "really moves to the gMSA");
		}
		return PreflightCheck.pass(name, "None of " + plan.spns() + " (or their HOST aliases) is registered on "
				+ "another object in " + facts.dnsName() + " (domain-wide search; other domains of the forest "
				+ "need a Global Catalog query).");
	}

	private static PreflightCheck container(DirContext ctx, Plan plan) throws NamingException {
		String name = "target container writable";
		Attributes container = Ldap.read(ctx, plan.container(), "allowedChildClassesEffective");
		if (container == null) {
			return new PreflightCheck(name, Verdict.FAIL, "The container " + plan.container() + " does not exist.",
					"create it or choose another container");
		}
		boolean allowed = Ldap.strings(container, "allowedChildClassesEffective")
			.stream()
			.anyMatch(c -> c.equalsIgnoreCase("msDS-GroupManagedServiceAccount"));
		return allowed ? PreflightCheck.pass(name, "The bind identity may create gMSAs in " + plan.container() + ".")
				: new PreflightCheck(name, Verdict.FAIL, "The bind identity lacks the Create Child right for "
						+ "msDS-GroupManagedServiceAccount objects on " + plan.container() + ".",
						"delegate \"Create msDS-GroupManagedServiceAccount objects\" on that container");
	}

	static PreflightCheck clock(Instant dcTime, Instant portalTime) {
		String name = "clock skew under 5 minutes";
		Duration skew = Duration.between(dcTime, portalTime).abs();
		if (skew.compareTo(MAX_CLOCK_SKEW) >= 0) {
			return new PreflightCheck(name, Verdict.FAIL, "The DC's clock and the portal's differ by "
					+ skew.toSeconds() + " s; Kerberos tolerates 5 minutes.", "synchronise both with NTP");
		}
		return PreflightCheck.pass(name, "The DC's clock and the portal's differ by " + skew.toSeconds() + " s.");
	}

	static PreflightCheck certificate(DirectoryConnection connection, Instant now) {
		String name = "DC certificate valid";
		List<X509Certificate> chain;
		try {
			chain = connection.serverCertificates();
		}
		catch (IOException ex) {
			return new PreflightCheck(name, Verdict.UNKNOWN, "Could not read the DC's certificate: " + ex.getMessage(),
					null);
		}
		if (chain.isEmpty()) {
			return new PreflightCheck(name, Verdict.UNKNOWN, "Only LDAPS connections are checked; this one uses "
					+ connection.transport() + ".", null);
		}
		Instant notAfter = chain.get(0).getNotAfter().toInstant();
		String subject = chain.get(0).getSubjectX500Principal().getName();
		if (!notAfter.isAfter(now)) {
			return new PreflightCheck(name, Verdict.FAIL, "The certificate of " + subject + " expired at " + notAfter
					+ ".", "renew the DC certificate");
		}
		if (Duration.between(now, notAfter).compareTo(CERTIFICATE_WARNING) < 0) {
			return new PreflightCheck(name, Verdict.WARN, "The certificate of " + subject + " expires at " + notAfter
					+ ".", "renew the DC certificate soon");
		}
		return PreflightCheck.pass(name, "The certificate of " + subject + " is valid until " + notAfter + ".");
	}

}
