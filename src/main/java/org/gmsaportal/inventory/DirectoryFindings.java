package org.gmsaportal.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.ListedGmsa;
import org.gmsaportal.directory.ListedPrincipal;
import org.gmsaportal.directory.ListedUser;
import org.gmsaportal.provisioning.InventoryEntry;
import org.jspecify.annotations.Nullable;

/**
 * The directory's risky settings, each with the value found, why it is risky and the PowerShell that fixes it.
 */
final class DirectoryFindings {

	// Whoever these name can read the password: every account, or every user or computer of the domain.
	private static final Map<String, String> BROAD = Map.of("S-1-1-0", "Everyone", "S-1-5-11", "Authenticated Users",
			"S-1-5-7", "Anonymous Logon", "513", "Domain Users", "515", "Domain Computers");

	private final Duration maxPasswordAge;

	private final String maxAgeSource;

	/**
	 * @param maxPasswordAge how old a portable user's password may get
	 * @param maxAgeSource where that age comes from, for the reason text
	 */
	DirectoryFindings(Duration maxPasswordAge, String maxAgeSource) {
		this.maxPasswordAge = maxPasswordAge;
		this.maxAgeSource = maxAgeSource;
	}

	List<Finding> of(DirectoryListing listing, List<InventoryEntry> records) {
		List<Finding> findings = new ArrayList<>();
		for (ListedGmsa gmsa : listing.gmsas()) {
			String subject = Subjects.gmsa(listing.domain(), gmsa.samAccountName());
			String name = identity(gmsa);
			broad(gmsa, subject, name, findings);
			weakEncryption(gmsa, subject, name, findings);
			if (gmsa.allowed().isEmpty() && gmsa.incomplete().isEmpty()) {
				findings.add(new Finding(Severity.LOW, "no-allowed-principals", subject,
						gmsa.samAccountName() + " allows no one to retrieve its password (msDS-GroupMSAMembership "
								+ "is empty or absent): no host can use it, so it is unused or broken.",
						"Name the group of hosts that run it: Set-ADServiceAccount -Identity " + name
								+ " -PrincipalsAllowedToRetrieveManagedPassword <group>; or, if it is unused, "
								+ "Remove-ADServiceAccount -Identity " + name,
						null));
			}
		}
		duplicateSpns(listing, findings);
		kdsRootKeys(listing, findings);
		passwordAges(listing, records, findings);
		return findings;
	}

	private static void broad(ListedGmsa gmsa, String subject, String name, List<Finding> findings) {
		for (ListedPrincipal principal : gmsa.allowed()) {
			String broad = broadName(principal.sid());
			if (broad != null) {
				findings.add(new Finding(Severity.HIGH, "broad-retrievers", subject, gmsa.samAccountName()
						+ " lets " + broad + " (" + principal.sid() + ") retrieve its password: every such account "
						+ "can read it and act as the service.",
						"Allow only the group of hosts that run it: Set-ADServiceAccount -Identity " + name
								+ " -PrincipalsAllowedToRetrieveManagedPassword <group of those hosts>",
						null));
			}
		}
	}

	static @Nullable String broadName(String sid) {
		if (BROAD.containsKey(sid)) {
			return BROAD.get(sid);
		}
		int last = sid.lastIndexOf('-');
		return (sid.startsWith("S-1-5-21-") && last > 0) ? BROAD.get(sid.substring(last + 1)) : null;
	}

	private static void weakEncryption(ListedGmsa gmsa, String subject, String name, List<Finding> findings) {
		String fix = "Allow AES only (after checking the clients can do AES): Set-ADServiceAccount -Identity " + name
				+ " -KerberosEncryptionType AES128,AES256";
		if (gmsa.desEnabled()) {
			findings.add(new Finding(Severity.HIGH, "des-enabled", subject, gmsa.samAccountName()
					+ " allows DES (msDS-SupportedEncryptionTypes " + gmsa.supportedEncryptionTypes() + "): DES "
					+ "keys are broken by brute force, and Windows has disabled DES by default since Windows 7.",
					fix, null));
		}
		if (gmsa.encryptionTypes().contains(EncryptionType.RC4_HMAC)) {
			findings.add(new Finding(Severity.MEDIUM, "rc4-enabled", subject, gmsa.samAccountName()
					+ " allows RC4 (msDS-SupportedEncryptionTypes " + gmsa.supportedEncryptionTypes() + "): RC4 "
					+ "tickets are open to offline cracking (Kerberoasting), and current Windows releases disable "
					+ "RC4 by default.", fix, null));
		}
	}

	private static void duplicateSpns(DirectoryListing listing, List<Finding> findings) {
		Map<String, List<ListedGmsa>> holders = new LinkedHashMap<>();
		for (ListedGmsa gmsa : listing.gmsas()) {
			for (String spn : Set.copyOf(gmsa.spns().stream().map((s) -> s.toLowerCase(Locale.ROOT)).toList())) {
				holders.computeIfAbsent(spn, (k) -> new ArrayList<>()).add(gmsa);
			}
		}
		holders.forEach((spn, gmsas) -> {
			if (gmsas.size() < 2) {
				return;
			}
			List<String> names = gmsas.stream().map(ListedGmsa::samAccountName).toList();
			for (ListedGmsa gmsa : gmsas) {
				findings.add(new Finding(Severity.MEDIUM, "duplicate-spn",
						Subjects.gmsa(listing.domain(), gmsa.samAccountName()), "The SPN " + spn
								+ " is registered on " + names + ": the KDC cannot tell which account a ticket for it "
								+ "is for, so Kerberos to that service fails (KRB_AP_ERR_MODIFIED or a fallback to "
								+ "NTLM).",
						"Keep it only on the account that runs the service: setspn -D " + spn + " <other account>",
						null));
			}
		});
	}

	private static void kdsRootKeys(DirectoryListing listing, List<Finding> findings) {
		int keys = listing.kdsRootKeys().size();
		if (keys < 2) {
			return;
		}
		findings.add(new Finding(Severity.MEDIUM, "several-kds-root-keys", Subjects.kds(listing.domain()),
				"The forest has " + keys + " KDS root keys. Microsoft's guide to gMSAs for Windows containers says: "
						+ "\"You should only create one KDS root key per forest. If multiple KDS root keys are "
						+ "created, it will cause the gMSA to start failing after the gMSA password is rotated\" "
						+ "(DCs and hosts may derive a rotated password from different keys, and the KDS caches them).",
				"Add no further keys (Get-KdsRootKey lists them). Do not delete one to fix this: the passwords of "
						+ "gMSAs created under a deleted key can no longer be derived. Test the gMSAs after their next "
						+ "rotation: Test-ADServiceAccount -Identity <gMSA> on a host that uses it.",
				null));
	}

	private void passwordAges(DirectoryListing listing, List<InventoryEntry> records, List<Finding> findings) {
		Instant now = listing.readAt();
		for (InventoryEntry entry : records) {
			if (entry.portableUser() == null || !entry.domain().equalsIgnoreCase(listing.domain())) {
				continue;
			}
			for (ListedUser user : listing.users()) {
				if (!user.samAccountName().equalsIgnoreCase(entry.portableUser())) {
					continue;
				}
				Instant set = user.passwordLastSet();
				if (set != null && !set.plus(this.maxPasswordAge).isBefore(now)) {
					continue;
				}
				String age = (set == null) ? "was never set" : "was last set " + Duration.between(set, now).toDays()
						+ " days ago (" + set + ")";
				findings.add(new Finding(Severity.MEDIUM, "portable-password-age",
						Subjects.user(listing.domain(), user.samAccountName()),
						"The portable user " + user.samAccountName() + " of gMSA " + entry.gmsaName() + "$ (run "
								+ entry.runId() + ") has a password that " + age + ", older than "
								+ this.maxPasswordAge.toDays() + " days (" + this.maxAgeSource + "); whoever holds an "
								+ "old copy of the secret can still retrieve the gMSA's password.",
						"Rotate it on the run's page (Rotate), which sets a new password and writes it to the store; "
								+ "by hand: Set-ADAccountPassword -Identity " + user.samAccountName()
								+ " -Reset, then update the secret the plug-in reads.",
						null));
			}
		}
	}

	// the name PowerShell's -Identity takes: the sAMAccountName without its $
	private static String identity(ListedGmsa gmsa) {
		String name = gmsa.samAccountName();
		return name.endsWith("$") ? name.substring(0, name.length() - 1) : name;
	}

}
