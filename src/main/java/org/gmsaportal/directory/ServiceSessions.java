package org.gmsaportal.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.ldap.LdapContext;

import org.jspecify.annotations.Nullable;

import org.springframework.ldap.support.LdapUtils;

/**
 * Idle LDAP sessions bound as one connection's service account, kept for the next piece of work.
 *
 * <p>
 * Opening a session costs a TCP connect, a TLS handshake and a bind; issue 18 measured 30 of them per filing,
 * approval and run, and the lab DC accepts about 36 new sessions a second, so concurrent filings timed out. A
 * session is lent to one caller at a time and comes back only when its work ended without an error; it is kept
 * under the fingerprint of the credentials it was bound with, so a changed bind password (a rotated password file)
 * is never answered by a session bound with the old one. A session idle for a while is checked with a rootDSE read
 * before it is lent again, since the DC may have closed it. Sign-in binds never come here: a person's session is
 * closed after their sign-in.
 */
final class ServiceSessions {

	// As many as a burst of concurrent requests holds at once (issue 18's bench files from 50 clients): with 8, a
	// wave of 50 filings closed 42 of the sessions it had opened and the next wave opened them again, so the DC's
	// rate of new TLS sessions (about 36 a second on the lab DC) set the filing rate. An idle session costs the DC a
	// socket; one idle for DISCARD_AFTER_NANOS is closed when next met.
	static final int MAX_IDLE = 64;

	private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

	private static final long DISCARD_AFTER_NANOS = TimeUnit.MINUTES.toNanos(5);

	private final Deque<Idle> idle = new ArrayDeque<>();

	private final AtomicLong opened = new AtomicLong();

	private final AtomicLong lent = new AtomicLong();

	/** A session bound with these credentials: an idle one, else a new one from {@code opener}. */
	Lent lend(String principal, String password, Supplier<DirContext> opener) {
		this.lent.incrementAndGet();
		LdapBudget.lent();
		String key = fingerprint(principal, password);
		for (Idle candidate; (candidate = next(key)) != null;) {
			if (System.nanoTime() - candidate.since() < CHECK_AFTER_NANOS || alive(candidate.ctx())) {
				return new Lent(candidate.ctx(), key);
			}
			LdapUtils.closeContext(candidate.ctx());
		}
		DirContext ctx = opener.get();
		this.opened.incrementAndGet();
		return new Lent(ctx, key);
	}

	/** Takes a session back after work that ended well; a full pool closes it instead. */
	void giveBack(Lent lent) {
		if (lent.ctx() instanceof LdapContext ldap) {
			try {
				// a paged search or a control of the last caller must not reach the next one
				ldap.setRequestControls(null);
			}
			catch (NamingException ex) {
				LdapUtils.closeContext(lent.ctx());
				return;
			}
		}
		synchronized (this.idle) {
			if (this.idle.size() < MAX_IDLE) {
				this.idle.push(new Idle(lent.ctx(), lent.key(), System.nanoTime()));
				return;
			}
		}
		LdapUtils.closeContext(lent.ctx());
	}

	/** Closes a session whose work failed: its state is unknown. */
	void discard(Lent lent) {
		LdapUtils.closeContext(lent.ctx());
	}

	/** How many sessions this pool has opened (and bound) since the start. */
	long opened() {
		return this.opened.get();
	}

	/** How many sessions this pool has lent, idle or new, since the start. */
	long lent() {
		return this.lent.get();
	}

	/** The fingerprint sessions bound with these credentials are kept under. */
	static String key(String principal, String password) {
		return fingerprint(principal, password);
	}

	void closeAll() {
		synchronized (this.idle) {
			this.idle.forEach(entry -> LdapUtils.closeContext(entry.ctx()));
			this.idle.clear();
		}
	}

	private @Nullable Idle next(String key) {
		synchronized (this.idle) {
			long now = System.nanoTime();
			while (!this.idle.isEmpty()) {
				Idle candidate = this.idle.pop();
				if (candidate.key().equals(key) && now - candidate.since() < DISCARD_AFTER_NANOS) {
					return candidate;
				}
				LdapUtils.closeContext(candidate.ctx());
			}
			return null;
		}
	}

	static boolean alive(DirContext ctx) {
		try {
			ctx.getAttributes("", new String[] { "dnsHostName" });
			return true;
		}
		catch (NamingException ex) {
			return false;
		}
	}

	private static String fingerprint(String principal, String password) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(principal.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(password.getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A session lent to one caller. */
	record Lent(DirContext ctx, String key) {
	}

	private record Idle(DirContext ctx, String key, long since) {
	}

}
