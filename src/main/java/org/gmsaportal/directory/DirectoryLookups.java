package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

import org.gmsaportal.directory.internal.AccountNames;
import org.gmsaportal.directory.internal.Sids;
import org.jspecify.annotations.Nullable;

import org.springframework.ldap.support.LdapEncoder;
import org.springframework.stereotype.Component;

/**
 * Read-only lookups that answer while an admin is still typing a request: which SPNs another object already
 * holds, and which computer accounts match a name. Nothing here writes or audits.
 */
@Component
class DirectoryLookups {

	/** The most computer accounts one search returns; a longer list means the admin should type more. */
	public static final int MAX_COMPUTERS = 25;

	/** At most what a sAMAccountName or DNS label search could usefully hold. */
	private static final int MAX_SEARCH_LENGTH = 64;

	/**
	 * An SPN that another object already holds, exactly or through the HOST alias mapping; {@code blocking} says
	 * whether the DC refuses to register it on the gMSA.
	 *
	 * @param requested the SPN as asked for
	 * @param held the value found on the holder, which differs from {@code requested} only through the HOST alias
	 * mapping (e.g. {@code HOST/web01} holds {@code http/web01})
	 * @param holder the DN of the object that holds it
	 * @param message what the admin should do, naming the holder
	 * @param blocking whether the DC refuses the SPN (an exact duplicate, or {@code HOST/x} while a mapped alias of it
	 * is elsewhere); otherwise a warning: {@code HTTP/x} while {@code HOST/x} is on another computer, which the DC
	 * may accept, after which Kerberos clients asking for {@code HTTP/x} get a ticket for the gMSA
	 */
	public record HeldSpn(String requested, String held, String holder, String message, boolean blocking) {
	}

	/**
	 * A computer account found by {@link #searchComputers}.
	 *
	 * @param samAccountName e.g. {@code NODE1$}, what a group membership names
	 * @param dnsHostName its {@code dNSHostName}, {@code null} if it has none
	 * @param distinguishedName its DN
	 * @param disabled whether {@code userAccountControl} has ACCOUNTDISABLE: such a host cannot log on
	 */
	public record ComputerAccount(String samAccountName, @Nullable String dnsHostName, String distinguishedName,
			boolean disabled) {
	}

	/**
	 * The answer to one search.
	 *
	 * @param accounts at most {@link #MAX_COMPUTERS} accounts, sorted by name
	 * @param truncated whether more accounts matched than were returned
	 */
	public record ComputerMatches(List<ComputerAccount> accounts, boolean truncated) {

		public ComputerMatches {
			accounts = List.copyOf(accounts);
		}

	}

	/**
	 * The SPNs of {@code spns} that an object other than the gMSA {@code gmsaName} holds, directly or through
	 * the HOST alias mapping (sPNMappings), searched in the whole domain naming context.
	 * @param gmsaName the gMSA the SPNs are for (with or without {@code $}); its own SPNs are no conflict.
	 * Blank while the admin has not named it yet: then every holder is another object.
	 * @throws DirectoryException naming the rule when a name or SPN is malformed, or the directory's message
	 * when it cannot be read
	 */
	public List<HeldSpn> spnConflicts(DirectoryConnection connection, @Nullable String gmsaName,
			List<String> spns) {
		List<String> checked = new ArrayList<>();
		@Nullable String name;
		try {
			name = (gmsaName == null || gmsaName.isBlank()) ? null : GmsaNames.check(gmsaName.strip());
			spns.forEach(spn -> checked.add(AccountNames.spn(spn)));
		}
		catch (IllegalArgumentException ex) {
			throw new DirectoryException(ex.getMessage(), ex);
		}
		if (checked.isEmpty()) {
			return List.of();
		}
		return connection.withServiceAccount(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			Attributes own = (name != null)
					? Accounts.find(ctx, facts.defaultNamingContext(), name + "$", "distinguishedName") : null;
			// No gMSA yet: nothing is its own, and no real DN equals the empty one.
			String ownDn = (own != null) ? Ldap.string(own, "distinguishedName") : "";
			return Spns.conflicts(ctx, facts, checked, ownDn).stream()
				.map(c -> new HeldSpn(c.requested(), c.held(), c.holder(), c.message(), c.blocking()))
				.toList();
		});
	}

	/**
	 * Whether {@code gmsaName} is a gMSA and which of {@code principals} its {@code msDS-GroupMSAMembership} names
	 * directly (allow entries with READ_PROPERTY, less denied ones), compared by objectSid.
	 * @throws DirectoryException naming the rule when a name is malformed, or the directory's message when it cannot
	 * be read
	 */
	public Directory.Retrievers retrievers(DirectoryConnection connection, String gmsaName, List<String> principals) {
		String name;
		List<String> asked = new ArrayList<>();
		try {
			name = GmsaNames.check(gmsaName.strip());
			principals.forEach(p -> asked.add(AccountNames.accountName("principal", p)));
		}
		catch (IllegalArgumentException ex) {
			throw new DirectoryException(ex.getMessage(), ex);
		}
		return connection.withServiceAccount(ctx -> {
			String nc = Ldap.defaultNamingContext(ctx);
			Attributes entry = Accounts.find(ctx, nc, name + "$", "distinguishedName", "objectClass",
					"msDS-GroupMSAMembership");
			if (entry == null) {
				return new Directory.Retrievers(name, null, null, List.of());
			}
			String kind = Accounts.kind(entry);
			Set<String> sids = kind.equals("gMSA") ? Set.copyOf(IdentityManagement.retrievers(entry)) : Set.of();
			List<String> allowed = new ArrayList<>();
			for (String principal : asked) {
				Attributes found = sids.isEmpty() ? null : Accounts.find(ctx, nc, principal, "objectSid");
				byte[] sid = (found != null) ? Ldap.bytes(found, "objectSid") : null;
				if (sid != null && sids.contains(Sids.toString(sid))) {
					allowed.add(principal);
				}
			}
			return new Directory.Retrievers(name, Ldap.string(entry, "distinguishedName"), kind, allowed);
		});
	}

	/**
	 * Computer accounts (not gMSAs or other service accounts) whose sAMAccountName or dNSHostName contains
	 * {@code text}, in the domain naming context; the text is filter-encoded, so {@code *} and parentheses
	 * match only themselves.
	 * @param text 1 to 64 characters; blank finds nothing
	 * @throws DirectoryException when the text is too long, or the directory's message when it cannot be read
	 */
	public ComputerMatches searchComputers(DirectoryConnection connection, String text) {
		String typed = text.strip();
		if (typed.isEmpty()) {
			return new ComputerMatches(List.of(), false);
		}
		if (typed.length() > MAX_SEARCH_LENGTH || typed.chars().anyMatch(Character::isISOControl)) {
			throw new DirectoryException("computer search: 1 to " + MAX_SEARCH_LENGTH
					+ " characters without control characters");
		}
		String value = LdapEncoder.filterEncode(typed);
		String filter = "(&" + ComputerMembers.COMPUTER + "(|(sAMAccountName=*" + value + "*)(dNSHostName=*" + value
				+ "*)))";
		return connection.withServiceAccount(ctx -> search(ctx, Ldap.defaultNamingContext(ctx), filter));
	}

	// One more than the limit is asked for, so that "more than 25" is told apart from "exactly 25".
	private static ComputerMatches search(DirContext ctx, String base, String filter) throws NamingException {
		SearchControls controls = new SearchControls();
		controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
		controls.setCountLimit(MAX_COMPUTERS + 1);
		controls.setReturningAttributes(
				new String[] { "sAMAccountName", "dNSHostName", "distinguishedName", "userAccountControl" });
		List<ComputerAccount> found = new ArrayList<>();
		boolean truncated = false;
		NamingEnumeration<SearchResult> results = ctx.search(base, filter, controls);
		try {
			while (results.hasMore()) {
				Attributes entry = results.next().getAttributes();
				found.add(new ComputerAccount(Ldap.string(entry, "sAMAccountName"),
						Ldap.optionalString(entry, "dNSHostName"), Ldap.string(entry, "distinguishedName"),
						ComputerMembers.disabled(entry)));
			}
		}
		catch (SizeLimitExceededException ex) {
			truncated = true;
		}
		catch (PartialResultException ex) {
			// continuation references to the application partitions only, as in Ldap.search
		}
		finally {
			results.close();
		}
		if (found.size() > MAX_COMPUTERS) {
			truncated = true;
		}
		List<ComputerAccount> sorted = found.stream()
			.sorted(Comparator.comparing(ComputerAccount::samAccountName, String.CASE_INSENSITIVE_ORDER))
			.limit(MAX_COMPUTERS)
			.toList();
		return new ComputerMatches(sorted, truncated);
	}

}
