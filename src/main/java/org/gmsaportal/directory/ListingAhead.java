package org.gmsaportal.directory;

import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.ldap.LdapContext;

import org.jspecify.annotations.Nullable;

/**
 * A paged listing read one page ahead, on a second session of the connection and on a thread of its own, while the
 * caller works on the page before (the inventory resolves a page's principals on its own session meanwhile). The DC
 * then prepares and sends the next page while the portal decodes and resolves this one, instead of each waiting for
 * the other.
 * <p>
 * Pages are handed over one at a time ({@link SynchronousQueue}): the listing thread reads the next page and waits
 * until the caller takes it, so at most two pages of raw entries are held, the one being worked on and the next.
 * Whatever ends the listing early (the DC stops answering, the second session cannot be opened, a fault on the
 * listing thread) comes back as the {@link PagedSearch.Outcome}'s failure after the pages read before it, never as a
 * shorter listing that looks whole. A session whose listing did not end well is closed, not pooled: the DC may still
 * hold its paged search.
 */
final class ListingAhead implements AutoCloseable {

	// How often a waiting side looks whether the other gave up (close, a fault): not a timeout of the DC's.
	private static final long POLL_MILLIS = 200;

	private final SynchronousQueue<Item> handOver = new SynchronousQueue<>();

	private final Thread thread;

	private volatile boolean closed;

	private PagedSearch.@Nullable Outcome outcome;

	private sealed interface Item permits Page, End {
	}

	private record Page(List<Attributes> entries) implements Item {
	}

	private record End(PagedSearch.Outcome outcome) implements Item {
	}

	/** Told on the listing thread after each page is read, before it is handed over. */
	@FunctionalInterface
	interface Listed {

		void page(int pages);

	}

	private ListingAhead(DirectoryConnection conn, String base, String filter, int pageSize, String[] attributes,
			Listed listed) {
		this.thread = new Thread(() -> list(conn, base, filter, pageSize, attributes, listed),
				"inventory-listing-" + conn.name());
		this.thread.setDaemon(true);
	}

	/** Starts listing on a second session of {@code conn}. */
	static ListingAhead start(DirectoryConnection conn, String base, String filter, int pageSize,
			String[] attributes, Listed listed) {
		ListingAhead ahead = new ListingAhead(conn, base, filter, pageSize, attributes, listed);
		ahead.thread.start();
		return ahead;
	}

	/** The next page, or {@code null} once the listing ended ({@link #outcome()} says how). */
	@Nullable List<Attributes> next() {
		if (this.outcome != null) {
			return null;
		}
		Item item;
		try {
			item = take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.outcome = new PagedSearch.Outcome(0, 0, "the inventory read was interrupted");
			return null;
		}
		if (item instanceof End end) {
			this.outcome = end.outcome();
			return null;
		}
		return ((Page) item).entries();
	}

	/** How the listing ended, once {@link #next()} returned {@code null}. */
	PagedSearch.Outcome outcome() {
		if (this.outcome == null) {
			throw new IllegalStateException("the listing has not ended yet");
		}
		return this.outcome;
	}

	/** Stops the listing if it still runs (the caller gave up) and waits for its thread. */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Whether the listing's thread still runs (tests: a closed listing leaves no thread behind). */
	boolean running() {
		return this.thread.isAlive();
	}

	private Item take() throws InterruptedException {
		while (true) {
			Item item = this.handOver.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
			if (item != null) {
				return item;
			}
			if (!this.thread.isAlive()) {
				// the thread ended without handing over its end: only a fault can do that (list() always tries)
				item = this.handOver.poll();
				return (item != null) ? item : new End(new PagedSearch.Outcome(0, 0, "the listing thread ended"));
			}
		}
	}

	private void list(DirectoryConnection conn, String base, String filter, int pageSize, String[] attributes,
			Listed listed) {
		// entries and pages handed over
		int[] handed = { 0, 0 };
		PagedSearch.Outcome outcome;
		try {
			outcome = conn.withServiceAccount((ctx) -> {
				PagedSearch.Outcome listing = PagedSearch.forEachPage(ldap(ctx), base, filter, pageSize, attributes,
						(page) -> {
							listed.page(handed[1] + 1);
							hand(new Page(page));
							handed[0] += page.size();
							handed[1]++;
						});
				if (!listing.whole()) {
					// the pool would lend this session again: it is closed instead (see the class comment)
					throw new Ended(listing);
				}
				return listing;
			});
		}
		catch (Ended ex) {
			outcome = ex.outcome;
		}
		catch (Cancelled ex) {
			return;
		}
		catch (RuntimeException ex) {
			// a session that cannot be opened, or a fault while listing: what was handed over stays, marked
			outcome = new PagedSearch.Outcome(handed[0], handed[1] + 1, "the listing session failed: "
					+ String.valueOf(ex.getMessage()));
		}
		try {
			hand(new End(outcome));
		}
		catch (Cancelled ex) {
			// the caller gave up: nobody waits for the end
		}
	}

	// Waits until the caller takes the item, or gives up when the caller closed the listing.
	private void hand(Item item) {
		try {
			while (!this.handOver.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				if (this.closed) {
					throw new Cancelled();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Cancelled();
		}
	}

	private static LdapContext ldap(javax.naming.directory.DirContext ctx) throws NamingException {
		if (ctx instanceof LdapContext ldap) {
			return ldap;
		}
		throw new NamingException("the inventory needs an LDAP session (paged results)");
	}

	/** The listing ended early; thrown so that its session is closed rather than pooled. */
	private static final class Ended extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient PagedSearch.Outcome outcome;

		Ended(PagedSearch.Outcome outcome) {
			super(outcome.failure(), null, false, false);
			this.outcome = outcome;
		}

	}

	/** The caller closed the listing before its end; the session is closed (its paged search left unfinished). */
	private static final class Cancelled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Cancelled() {
			super("the inventory read gave up the listing", null, false, false);
		}

	}

}
