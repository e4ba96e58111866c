package org.gmsaportal.directory;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.naming.CommunicationException;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.DirContext;

import org.jspecify.annotations.Nullable;

/**
 * One service-account session held by one thread for a run or a request ({@link DirectoryConnection#hold}): every
 * piece of work in between uses it, so the run binds once instead of once per lookup. A session whose connection
 * broke is closed and the next piece of work takes another; an error the DC answered (a refused write, bad input)
 * leaves it usable. On release it goes back to the pool, its memory emptied.
 */
final class SessionHold {

	// After this long unused (a long cluster step), the session is checked before it is used again.
	private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(60);

	private final ServiceSessions pool;

	private ServiceSessions.@Nullable Lent lent;

	private int depth;

	private boolean broken;

	private long used;

	// Handed to the first session this hold takes, then forgotten: a session taken after a broken one reads afresh.
	private @Nullable PlanReads planned;

	SessionHold(ServiceSessions pool, @Nullable PlanReads planned) {
		this.pool = pool;
		this.planned = planned;
	}

	<T> T run(String principal, String password, Supplier<DirContext> opener,
			DirectoryConnection.LdapAction<T> action, Function<NamingException, DirectoryException> failed) {
		ServiceSessions.Lent session = this.lent;
		if (session != null && System.nanoTime() - this.used > CHECK_AFTER_NANOS && !ServiceSessions.alive(session.ctx())) {
			// A long step (a cluster verification) outlasted the DC's idle timeout: take another session.
			this.pool.discard(session);
			this.lent = null;
			session = null;
		}
		this.used = System.nanoTime();
		if (session == null || !session.key().equals(ServiceSessions.key(principal, password))) {
			// First use, or the bind password changed since (a rotated password file): bind with the current one.
			release();
			session = this.pool.lend(principal, password, opener);
			CountingContext.held(session.ctx(), true);
			if (this.planned != null) {
				CountingContext.reuse(session.ctx(), this.planned);
				this.planned = null;
			}
			this.lent = session;
		}
		this.depth++;
		try {
			return action.run(session.ctx());
		}
		catch (NamingException ex) {
			this.broken |= brokenBy(ex);
			throw failed.apply(ex);
		}
		catch (RuntimeException ex) {
			this.broken |= brokenBy(ex);
			throw ex;
		}
		catch (Error ex) {
			this.broken = true;
			throw ex;
		}
		finally {
			this.depth--;
			if (this.depth == 0 && this.broken) {
				this.pool.discard(session);
				this.lent = null;
				this.broken = false;
			}
		}
	}

	/** What the held session read so far, for a run of the plan it read for ({@link PlanReads}). */
	PlanReads reads(String connection) {
		ServiceSessions.Lent session = this.lent;
		if (session == null) {
			return PlanReads.NONE;
		}
		return new PlanReads(connection, DomainFacts.known(session.ctx()), CountingContext.configuration(session.ctx()),
				CountingContext.accounts(session.ctx()));
	}

	/** Gives the session back to the pool (a broken one was closed already). */
	void release() {
		ServiceSessions.Lent session = this.lent;
		this.lent = null;
		if (session != null) {
			CountingContext.held(session.ctx(), false);
			this.pool.giveBack(session);
		}
	}

	// The DC answered (refused a write, found no entry) or the input was bad: the session is fine. Anything else,
	// or a lost connection anywhere in the causes, may have left it unusable.
	private static boolean brokenBy(Throwable ex) {
		if (!(ex instanceof DirectoryException || ex instanceof IllegalArgumentException
				|| (ex instanceof NamingException && !(ex instanceof CommunicationException)))) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof CommunicationException || cause instanceof ServiceUnavailableException
					|| cause instanceof IOException || String.valueOf(cause.getMessage()).contains("read timed out")
					|| String.valueOf(cause.getMessage()).contains("connection closed")) {
				return true;
			}
		}
		return false;
	}

}
