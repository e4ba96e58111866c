package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.naming.directory.Attributes;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.internal.AccountNames;
import org.gmsaportal.directory.internal.ManagedPasswordBlob;
import org.jspecify.annotations.Nullable;

/**
 * Proves the AD half works: binds as a principal and reads the gMSA's msDS-ManagedPassword, as ccg.exe does.
 */
class PasswordRetrievalProof {

	static final String ACTION = "directory.gmsa.password-proof";

	private final Auditor audit;

	PasswordRetrievalProof(AuditTrail audit, @Nullable RunRef run) {
		this.audit = new Auditor(audit, run);
	}

	/**
	 * @param gmsaName the gMSA, with or without {@code $}
	 * @param principal the account that should be able to read it (sAMAccountName or UPN)
	 * @param password its password; used for one bind and never kept
	 */
	ProofResult prove(DirectoryConnection connection, String gmsaName, String principal, char[] password) {
		String account;
		String gmsa;
		try {
			gmsa = GmsaNames.check(gmsaName);
			account = AccountNames.userAccountName(principal, connection.domain());
		}
		catch (IllegalArgumentException ex) {
			throw new DirectoryException(ex.getMessage(), ex);
		}
		// An empty password would turn the bind anonymous and the proof into a misleading DC error.
		if (password.length == 0) {
			throw new DirectoryException("password: must not be empty");
		}
		ProofResult result;
		// In a run the held session knows the domain's naming context: the proof then reads only the password.
		String knownNc = connection.held() ? connection.domainFacts().defaultNamingContext() : null;
		try {
			result = connection.withContext(account + "@" + connection.domain(), new String(password), ctx -> {
				String nc = (knownNc != null) ? knownNc : Ldap.defaultNamingContext(ctx);
				Attributes entry = Accounts.find(ctx, nc, gmsa + "$", "distinguishedName", "msDS-ManagedPassword");
				byte[] blob = (entry != null) ? Ldap.bytes(entry, "msDS-ManagedPassword") : null;
				if (blob == null) {
					return null;
				}
				try {
					ManagedPasswordBlob parsed = ManagedPasswordBlob.parse(blob);
					return new ProofResult(true, Ldap.string(entry, "distinguishedName"), account,
							new ManagedPasswordInfo(parsed.version(), parsed.currentPasswordBytes(),
									parsed.previousPasswordPresent(), parsed.previousPasswordBytes(),
									parsed.queryPasswordInterval(), parsed.unchangedPasswordInterval()),
							account + " can retrieve the managed password of " + gmsa + "$: the AD side is ready.",
							List.of());
				}
				finally {
					Arrays.fill(blob, (byte) 0);
				}
			});
		}
		catch (DirectoryAuthenticationException ex) {
			result = new ProofResult(false, gmsa + "$", account, null, "The DC refused the sign-in of " + account
					+ ": " + ex.reason(), List.of("Sign-in as " + account + " failed (" + ex.reason() + "): check "
							+ "that the account exists, is enabled and the stored password is current."));
		}
		if (result == null) {
			result = diagnose(connection, gmsa, account);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("principal", account);
		details.put("retrieved", result.retrieved());
		if (result.password() != null) {
			details.put("blobVersion", result.password().version());
			details.put("currentPasswordBytes", result.password().currentPasswordBytes());
			details.put("previousPasswordPresent", result.password().previousPasswordPresent());
		}
		else {
			details.put("missing", result.missingPreconditions());
		}
		this.audit.event(AuditEvent.of(ACTION, result.gmsa(), result.retrieved() ? AuditOutcome.SUCCESS
				: AuditOutcome.FAILURE).withDetails(details));
		return result;
	}

	// The DC just omits the attribute; find out which precondition is missing, as the service account.
	private static ProofResult diagnose(DirectoryConnection connection, String gmsa, String account) {
		return connection.withServiceAccount(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			List<String> missing = new ArrayList<>();
			Attributes entry = Accounts.find(ctx, facts.defaultNamingContext(), gmsa + "$", GmsaAccounts.ATTRIBUTES);
			String target = (entry != null) ? Ldap.string(entry, "distinguishedName") : gmsa + "$";
			if (entry == null) {
				missing.add("There is no gMSA named " + gmsa + "$ in " + facts.dnsName() + ".");
			}
			else {
				List<String> retrievers = IdentityManagement.retrievers(entry);
				Attributes user = Accounts.find(ctx, facts.defaultNamingContext(), account, "distinguishedName",
						"userAccountControl");
				List<String> token = (user != null)
						? BindIdentity.tokenSids(ctx, Ldap.string(user, "distinguishedName")) : List.of();
				if (token.stream().noneMatch(retrievers::contains)) {
					missing.add(account + " is not in a group (or account) that msDS-GroupMSAMembership of " + gmsa
							+ "$ allows " + retrievers + ": add it to the allowed group.");
				}
				if (user != null && ComputerMembers.disabled(user)) {
					missing.add(account + " is disabled.");
				}
				KdsStatus kds = KdsStatus.evaluate(KdsRootKeyManagement.list(ctx, facts.configurationNamingContext()),
						facts.dcTime(), true, "");
				if (kds.state() != KdsStatus.State.USABLE) {
					missing.add("KDS root key: " + kds.explanation());
				}
				if (missing.isEmpty()) {
					missing.add("The DC did not hand out the password although the preconditions the portal can "
							+ "check hold; the connection must be encrypted (LDAPS or StartTLS).");
				}
			}
			return new ProofResult(false, target, account, null,
					account + " cannot retrieve the managed password of " + gmsa + "$.", missing);
		});
	}

}
