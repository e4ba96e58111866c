package org.gmsaportal.directory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.ldap.LdapContext;

import org.gmsaportal.directory.internal.AccountNames;
import org.gmsaportal.directory.internal.FileTimes;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.stereotype.Component;

/**
 * The directory inventory: every gMSA of a domain read page by page, each page resolved (who may retrieve the
 * password) while the next is read on a second session ({@link ListingAhead}), so the domain is held once, as the
 * listing, plus at most two pages of raw entries. Read-only; two sessions per read, bound as the portal's service
 * account, which must be able to read
 * {@code msDS-GroupMSAMembership} and the KDS root keys (a non-admin sees no root keys at all, and gets no error).
 * <p>
 * A part that cannot be read is named in {@link DirectoryListing#incomplete()}: a DC that stops answering after
 * some pages leaves the gMSAs read so far, and the reason, never a shorter list that looks whole.
 */
@Component
class InventoryReader implements DirectoryInventory {

	private static final String[] USER_ATTRIBUTES = { "sAMAccountName", "distinguishedName", "pwdLastSet",
			"memberOf", "userAccountControl" };

	private static final int ACCOUNTDISABLE = 0x2;

	private final DirectoryConnections connections;

	private final Clock clock;

	private final int pageSize;

	private final PageListener listener;

	@Autowired
	InventoryReader(DirectoryConnections connections) {
		this(connections, Clock.systemUTC(), PagedSearch.MAX_PAGE_SIZE, (pages) -> {
		});
	}

	/**
	 * @param pageSize gMSAs per page (at most 1,000)
	 * @param listener told after each page of gMSAs is listed, on the listing's thread (tests stop the DC there)
	 */
	InventoryReader(DirectoryConnections connections, Clock clock, int pageSize, PageListener listener) {
		this.connections = connections;
		this.clock = clock;
		this.pageSize = pageSize;
		this.listener = listener;
	}

	/** Told after each page of gMSAs. */
	@FunctionalInterface
	interface PageListener {

		void listed(int pages);

	}

	@Override
	public DirectoryListing read(String connection, List<String> userNames) {
		DirectoryConnection conn = this.connections.find(connection)
			.orElseThrow(() -> new DirectoryException("connection: no directory connection named " + connection
					+ " (gmsa.directory.connections.<name>.*)"));
		return read(conn, userNames);
	}

	DirectoryListing read(DirectoryConnection conn, List<String> userNames) {
		Instant readAt = this.clock.instant();
		try {
			return conn.withServiceAccount((ctx) -> read(conn, ldap(ctx), readAt, userNames));
		}
		catch (DirectoryException ex) {
			return new DirectoryListing(conn.name(), conn.domain(), readAt, List.of(), List.of(), List.of(),
					List.of("the directory could not be read at all: " + ex.getMessage()));
		}
	}

	private DirectoryListing read(DirectoryConnection conn, LdapContext ctx, Instant readAt, List<String> userNames)
			throws NamingException {
		DomainFacts facts = DomainFacts.read(ctx);
		List<String> incomplete = new ArrayList<>();
		List<KdsRootKey> keys = List.of();
		try {
			keys = KdsRootKeyManagement.list(ctx, facts.configurationNamingContext());
		}
		catch (NamingException ex) {
			incomplete.add("KDS root keys could not be read: " + Ldap.diagnostic(ex));
		}
		List<ListedUser> users = List.of();
		try {
			users = users(ctx, facts.defaultNamingContext(), userNames, incomplete);
		}
		catch (NamingException ex) {
			incomplete.add("users could not be read: " + Ldap.diagnostic(ex));
		}
		String base = facts.defaultNamingContext();
		MemberValues members = new MemberValues();
		GmsaEntries entries = new GmsaEntries(new Principals(base, members),
				new GroupExpansion(base, facts.domainSid(), members));
		List<ListedGmsa> gmsas = new ArrayList<>();
		PagedSearch.Outcome outcome;
		// the next page is listed on a second session while this session resolves the page before (ListingAhead)
		try (ListingAhead listing = ListingAhead.start(conn, base, "(objectClass=msDS-GroupManagedServiceAccount)",
				this.pageSize, GmsaEntries.ATTRIBUTES, this.listener::listed)) {
			for (List<Attributes> page; (page = listing.next()) != null;) {
				gmsas.addAll(entries.page(ctx, page));
			}
			outcome = listing.outcome();
		}
		if (!outcome.whole()) {
			incomplete.add("gMSAs: the domain controller stopped answering after " + outcome.entries()
					+ " gMSAs (page " + outcome.pages() + "): " + outcome.failure()
					+ "; the domain may hold more than listed");
		}
		return new DirectoryListing(conn.name(), facts.dnsName(), readAt, gmsas, keys, users, incomplete);
	}

	// One search for all the names, batched like the principals; names that are no account are left out.
	private static List<ListedUser> users(LdapContext ctx, String base, List<String> names, List<String> incomplete)
			throws NamingException {
		List<ListedUser> users = new ArrayList<>();
		List<String> accounts = new ArrayList<>();
		for (String name : names.stream().distinct().toList()) {
			try {
				accounts.add(AccountNames.accountName("user", name));
			}
			catch (IllegalArgumentException ex) {
				incomplete.add("user " + name + " was not looked up: " + ex.getMessage());
			}
		}
		for (int from = 0; from < accounts.size(); from += Principals.BATCH) {
			StringBuilder filter = new StringBuilder("(&(objectCategory=person)(objectClass=user)(|");
			for (String name : accounts.subList(from, Math.min(from + Principals.BATCH, accounts.size()))) {
				filter.append("(sAMAccountName=").append(LdapEncoder.filterEncode(name)).append(')');
			}
			for (Attributes entry : PagedSearch.all(ctx, base, filter.append("))").toString(), USER_ATTRIBUTES)) {
				String set = Ldap.optionalString(entry, "pwdLastSet");
				users.add(new ListedUser(Ldap.string(entry, "sAMAccountName"), Ldap.string(entry, "distinguishedName"),
						(set == null || set.equals("0")) ? null : FileTimes.toInstant(Long.parseLong(set)),
						Ldap.strings(entry, "memberOf"),
						(Ldap.longValue(entry, "userAccountControl", 0) & ACCOUNTDISABLE) != 0));
			}
		}
		return users;
	}

	private static LdapContext ldap(DirContext ctx) throws NamingException {
		if (ctx instanceof LdapContext ldap) {
			return ldap;
		}
		throw new NamingException("the inventory needs an LDAP session (paged results)");
	}

}
