package org.gmsaportal.directory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Control;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;

import org.jspecify.annotations.Nullable;

/**
 * A subtree search read page by page with the Simple Paged Results control (RFC 2696), each page handed over as
 * soon as it arrives so that a large domain is never held as one answer. AD and Samba answer at most 1,000 entries
 * per page (MaxPageSize).
 * <p>
 * The control is set only while a page is read: the page handler may search the same session for other things
 * (principals, group members) without sending the paging control along.
 */
final class PagedSearch {

	/** The most a DC hands out per page. */
	static final int MAX_PAGE_SIZE = 1000;

	private PagedSearch() {
	}

	/** Work done on one page of entries. */
	@FunctionalInterface
	interface PageHandler {

		void page(List<Attributes> entries) throws NamingException;

	}

	/**
	 * How a search ended.
	 *
	 * @param entries how many entries were read and handed over
	 * @param pages how many pages (a page cut short by a failure counts)
	 * @param failure why the DC stopped answering before the last page, or {@code null} when every page was read
	 */
	record Outcome(int entries, int pages, @Nullable String failure) {

		boolean whole() {
			return this.failure == null;
		}

	}

	/**
	 * Reads every page. A failure while reading (a DC that times out or drops the session mid-page) ends the search:
	 * what was read is handed over first, and the outcome names the failure. Errors of the handler propagate.
	 */
	static Outcome forEachPage(LdapContext ctx, String base, String filter, int pageSize, String[] attributes,
			PageHandler handler) throws NamingException {
		SearchControls controls = new SearchControls();
		controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
		controls.setReturningAttributes(attributes);
		int size = Math.min(Math.max(pageSize, 1), MAX_PAGE_SIZE);
		byte[] cookie = null;
		int entries = 0;
		int pages = 0;
		do {
			List<Attributes> page = new ArrayList<>();
			String failure = null;
			try {
				ctx.setRequestControls(new Control[] { control(size, cookie) });
				readPage(ctx, base, filter, controls, page);
				cookie = cookie(ctx);
			}
			catch (NamingException ex) {
				failure = Ldap.diagnostic(ex);
			}
			finally {
				ctx.setRequestControls(null);
			}
			pages++;
			entries += page.size();
			if (!page.isEmpty()) {
				handler.page(page);
			}
			if (failure != null) {
				return new Outcome(entries, pages, failure);
			}
		}
		while (cookie != null && cookie.length > 0);
		return new Outcome(entries, pages, null);
	}

	/** Every entry of a paged search, for answers that are the cache anyway (a batch of groups' members). */
	static List<Attributes> all(LdapContext ctx, String base, String filter, String... attributes)
			throws NamingException {
		List<Attributes> all = new ArrayList<>();
		Outcome outcome = forEachPage(ctx, base, filter, MAX_PAGE_SIZE, attributes, all::addAll);
		if (!outcome.whole()) {
			throw new NamingException(outcome.failure());
		}
		return all;
	}

	/**
	 * Every entry of a search whose answer is bounded well below a page (a batch of SIDs or DNs), without the paging
	 * control. AD and Samba keep a few paged searches per connection (AD's MaxResultSetsPerConn is 10) and drop the
	 * oldest for a newer one: dozens of paged searches between two pages of the gMSA listing made the DC refuse the
	 * listing's next page ("Unwilling to perform"). A DC that would answer more than its MaxPageSize refuses with a
	 * size limit error, which the caller reports; it never cuts the answer short silently.
	 */
	static List<Attributes> bounded(LdapContext ctx, String base, String filter, String... attributes)
			throws NamingException {
		SearchControls controls = new SearchControls();
		controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
		controls.setReturningAttributes(attributes);
		List<Attributes> all = new ArrayList<>();
		readPage(ctx, base, filter, controls, all);
		return all;
	}

	private static void readPage(LdapContext ctx, String base, String filter, SearchControls controls,
			List<Attributes> page) throws NamingException {
		NamingEnumeration<SearchResult> results = ctx.search(base, filter, controls);
		try {
			while (results.hasMore()) {
				page.add(results.next().getAttributes());
			}
		}
		catch (PartialResultException ex) {
			// continuation references to the application partitions; this naming context's page is whole
		}
		finally {
			results.close();
		}
	}

	private static byte @Nullable [] cookie(LdapContext ctx) throws NamingException {
		Control[] response = ctx.getResponseControls();
		for (Control control : (response != null) ? response : new Control[0]) {
			if (control instanceof PagedResultsResponseControl paged) {
				return paged.getCookie();
			}
		}
		return null;
	}

	private static Control control(int size, byte @Nullable [] cookie) throws NamingException {
		try {
			return new PagedResultsControl(size, cookie, Control.CRITICAL);
		}
		catch (IOException ex) {
			throw new NamingException("cannot encode the paged-results control: " + ex.getMessage());
		}
	}

}
