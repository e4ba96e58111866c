package org.gmsaportal.directory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.naming.CommunicationException;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.ldap.LdapContext;
import javax.net.ssl.SSLSocketFactory;

import org.gmsaportal.directory.DirectoryUser.DirectoryGroup;
import org.gmsaportal.directory.internal.AccountNames;
import org.gmsaportal.directory.internal.LdapErrors;
import org.gmsaportal.directory.internal.ThreadBoundSocketFactory;
import org.gmsaportal.directory.internal.WhoAmI;
import org.jspecify.annotations.Nullable;

import org.springframework.ldap.AuthenticationException;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.ldap.support.LdapUtils;

/**
 * One configured domain: opens TLS-protected LDAP sessions to its DCs and authenticates users.
 * <p>
 * Not part of the module's face ({@link Directory}): public only because the lab tests of other modules read
 * the DC through it. Main code outside this module uses {@link Directory}.
 */
public final class DirectoryConnection {

	// LDAP_MATCHING_RULE_IN_CHAIN: the DC walks nested groups for us.
	private static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

	private final String name;

	private final DirectorySettings.Connection settings;

	private final LdapContextSource contextSource;

	private final SSLSocketFactory socketFactory;

	private final @Nullable String refusal;

	private final ServiceSessions serviceSessions = new ServiceSessions();

	private final ThreadLocal<@Nullable SessionHold> holding = new ThreadLocal<>();

	// Kept with the connection so that each group-in-use check reads only the gMSAs changed since the last one.
	private final GmsaReaders gmsaReaders = new GmsaReaders();

	DirectoryConnection(String name, DirectorySettings.Connection settings, LdapContextSource contextSource,
			SSLSocketFactory socketFactory, @Nullable String refusal) {
		this.name = name;
		this.settings = settings;
		this.contextSource = contextSource;
		this.socketFactory = socketFactory;
		this.refusal = refusal;
	}

	String name() {
		return this.name;
	}

	/** The domain's DNS name. */
	String domain() {
		return this.settings.domain();
	}

	List<URI> urls() {
		return this.settings.urls();
	}

	/** Where new objects go unless a request names an OU. */
	DirectorySettings.Ou ou() {
		return this.settings.ou();
	}

	/** How binds are protected: {@code LDAPS}, {@code StartTLS} or {@code plain (lab only)}. */
	String transport() {
		if (this.settings.urls().get(0).getScheme().equalsIgnoreCase("ldaps")) {
			return "LDAPS";
		}
		return this.settings.startTls() ? "StartTLS" : "plain (lab only)";
	}

	/**
	 * Refuses to go on when this connection is plain LDAP: passwords are only sent to the DC over LDAPS or StartTLS.
	 * @throws DirectoryException naming the connection
	 */
	void requirePasswordTransport() {
		if (transport().startsWith("plain")) {
			throw new DirectoryException("Passwords are only set over LDAPS or StartTLS; connection " + this.name
					+ " is plain LDAP");
		}
	}

	/** True when certificate checks are switched off; the UI flags such a connection. */
	boolean trustsAllCertificates() {
		return this.settings.trustAllCertificates();
	}

	/** Why this connection refuses to bind at all (misconfiguration), or {@code null} if it is usable. */
	@Nullable String refusal() {
		return this.refusal;
	}

	/**
	 * Binds as {@code username} and returns the user with all their groups.
	 * @param username a sAMAccountName or {@code name@domain}
	 * @param password the user's password; it is sent only over TLS and never kept
	 * @throws DirectoryAuthenticationException if the DC refuses the credentials
	 * @throws DirectoryException if the directory cannot be reached or answers unexpectedly
	 */
	DirectoryUser authenticate(String username, String password) {
		String account;
		try {
			account = AccountNames.userAccountName(username, domain());
		}
		catch (IllegalArgumentException ex) {
			throw new DirectoryAuthenticationException(ex.getMessage());
		}
		// An empty password would make a simple bind anonymous, and anonymous binds "succeed".
		if (password.isEmpty()) {
			throw new DirectoryAuthenticationException("empty password");
		}
		return withContext(account + "@" + domain(), password, ctx -> findUser(ctx, boundAccount(ctx)));
	}

	/** The configured service account (bind-user), if any. */
	@Nullable String bindUser() {
		return this.settings.bindUser();
	}

	/** The certificate chain the first DC presents on LDAPS, or an empty list for StartTLS / plain. */
	List<java.security.cert.X509Certificate> serverCertificates() throws java.io.IOException {
		URI url = urls().get(0);
		if (!"ldaps".equalsIgnoreCase(url.getScheme())) {
			return List.of();
		}
		try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) this.socketFactory
			.createSocket(url.getHost(), (url.getPort() > 0) ? url.getPort() : 636)) {
			socket.setSoTimeout((int) this.settings.connectTimeout().toMillis());
			socket.startHandshake();
			List<java.security.cert.X509Certificate> chain = new ArrayList<>();
			for (java.security.cert.Certificate certificate : socket.getSession().getPeerCertificates()) {
				chain.add((java.security.cert.X509Certificate) certificate);
			}
			return chain;
		}
	}

	/** Facts about the domain and forest, read as the portal's service account. */
	public DomainFacts domainFacts() {
		return withServiceAccount(DomainFacts::read);
	}

	/**
	 * Runs {@code action} on a session bound as the portal's service account (bind-user).
	 */
	<T> T withServiceAccount(LdapAction<T> action) {
		String prefix = "gmsa.directory.connections." + this.name;
		String user = this.settings.bindUser();
		if (user == null || user.isBlank()) {
			throw new DirectoryException(prefix + ".bind-user is not set: the portal needs a service account "
					+ "to read and change the directory");
		}
		String password = this.settings.bindPassword();
		if ((password == null || password.isEmpty()) && this.settings.bindPasswordFile() != null) {
			try {
				password = Files.readString(this.settings.bindPasswordFile()).strip();
			}
			catch (IOException ex) {
				throw new DirectoryException(prefix + ".bind-password-file cannot be read: " + ex.getMessage());
			}
		}
		if (password == null || password.isEmpty()) {
			throw new DirectoryException(prefix + ".bind-password (or bind-password-file) is not set");
		}
		String principal = user.contains("@") || user.contains("=") ? user : user + "@" + domain();
		return withPooledContext(principal, password, action);
	}

	/** Which gMSAs name which password readers, kept current for the group-in-use check of a decommission. */
	GmsaReaders gmsaReaders() {
		return this.gmsaReaders;
	}

	/** How many service-account sessions (TLS handshake and bind each) this connection has opened. */
	public long serviceSessionsOpened() {
		return this.serviceSessions.opened();
	}

	/** Closes the idle service-account sessions (at shutdown). */
	void closeIdleSessions() {
		this.serviceSessions.closeAll();
	}

	/**
	 * Keeps one service-account session for all the work this thread does on this connection until the hold is
	 * closed: a run or a request binds once, and the session remembers what it read ({@link CountingContext}). A hold
	 * inside a hold changes nothing. Close it on the thread that took it.
	 */
	Directory.Session hold() {
		return hold(PlanReads.NONE);
	}

	/** As {@link #hold()}, starting from what a plan's session read, where the DC proves it unchanged. */
	Directory.Session hold(PlanReads planned) {
		SessionHold outer = this.holding.get();
		if (outer != null) {
			return held(outer, () -> {
			});
		}
		SessionHold hold = new SessionHold(this.serviceSessions,
				planned.connection().equals(this.name) ? planned : null);
		this.holding.set(hold);
		return held(hold, () -> {
			this.holding.remove();
			hold.release();
		});
	}

	/** Whether this thread holds a session ({@link #hold}): then the domain's facts cost nothing more to ask. */
	boolean held() {
		return this.holding.get() != null;
	}

	private Directory.Session held(SessionHold hold, Runnable close) {
		return new Directory.Session() {

			@Override
			public void close() {
				close.run();
			}

			@Override
			public PlanReads reads() {
				return hold.reads(DirectoryConnection.this.name);
			}

		};
	}

	/** How many times a service-account session was lent (from the pool or new) since the start. */
	public long serviceSessionsLent() {
		return this.serviceSessions.lent();
	}

	// The service account's sessions are reused (ServiceSessions); a session whose work failed is closed.
	private <T> T withPooledContext(String principal, String password, LdapAction<T> action) {
		if (this.refusal != null) {
			throw new DirectoryException(this.refusal);
		}
		String bound = password;
		SessionHold hold = this.holding.get();
		if (hold != null) {
			return hold.run(principal, password, () -> open(c -> c.getContext(principal, bound)), action, this::failed);
		}
		ServiceSessions.Lent lent = this.serviceSessions.lend(principal, password,
				() -> open(c -> c.getContext(principal, bound)));
		T result;
		try {
			result = action.run(lent.ctx());
		}
		catch (NamingException ex) {
			this.serviceSessions.discard(lent);
			throw failed(ex);
		}
		catch (RuntimeException | Error ex) {
			this.serviceSessions.discard(lent);
			throw ex;
		}
		this.serviceSessions.giveBack(lent);
		return result;
	}

	/**
	 * Runs {@code action} as {@link #withServiceAccount} does, for work on a caller's request: bad input, which the
	 * request checks throw as {@link IllegalArgumentException}, becomes a {@link DirectoryException} naming the
	 * field and the rule, before anything is written.
	 */
	<T> T withServiceAccountOnRequest(LdapAction<T> action) {
		return withServiceAccount(ctx -> {
			try {
				return action.run(ctx);
			}
			catch (IllegalArgumentException ex) {
				throw new DirectoryException(ex.getMessage(), ex);
			}
		});
	}

	/**
	 * Runs {@code action} on a session bound as {@code principal}; the session is closed afterwards.
	 */
	<T> T withContext(String principal, String password, LdapAction<T> action) {
		if (this.refusal != null) {
			throw new DirectoryException(this.refusal);
		}
		DirContext ctx = open(c -> c.getContext(principal, password));
		try {
			return action.run(ctx);
		}
		catch (NamingException ex) {
			throw new DirectoryException(this.name + ": " + Ldap.diagnostic(ex), ex);
		}
		finally {
			LdapUtils.closeContext(ctx);
		}
	}

	// A reused session meets a DC that stopped answering as a read timeout or a broken connection, where a new one
	// would have failed to connect: both are the same outage and say so.
	DirectoryException failed(NamingException ex) {
		String message = String.valueOf(ex.getMessage());
		if (ex instanceof CommunicationException || ex instanceof ServiceUnavailableException
				|| message.contains("read timed out") || message.contains("connection closed")) {
			return new DirectoryException("Cannot reach a domain controller of " + domain() + " at " + urls() + ": "
					+ Ldap.diagnostic(ex), ex, "an LDAP request on an open session of connection " + this.name);
		}
		return new DirectoryException(this.name + ": " + Ldap.diagnostic(ex), ex);
	}

	// Every session counts what it sends, and opening it (TCP, TLS and, unless anonymous, a bind) is one more call.
	private DirContext open(Function<LdapContextSource, DirContext> opener) {
		long started = System.nanoTime();
		try {
			return CountingContext.wrap(
					ThreadBoundSocketFactory.with(this.socketFactory, () -> opener.apply(this.contextSource)));
		}
		catch (AuthenticationException ex) {
			throw new DirectoryAuthenticationException(LdapErrors.bindFailureReason(ex.getMessage()));
		}
		catch (org.springframework.ldap.NamingException ex) {
			throw new DirectoryException("Cannot reach a domain controller of " + domain() + " at " + urls() + ": "
					+ Ldap.diagnostic(ex), ex,
					"opening a session of connection " + this.name + " (connect, TLS handshake, bind)");
		}
		finally {
			LdapBudget.bind(System.nanoTime() - started);
		}
	}

	// Roles must come from the account the DC bound, which an explicit UPN can make differ from the name typed.
	private static String boundAccount(DirContext ctx) throws NamingException {
		if (!(ctx instanceof LdapContext ldap)) {
			throw new NamingException("the LDAP session cannot ask the DC who it is bound as");
		}
		return WhoAmI.boundAccountName(ldap);
	}

	private DirectoryUser findUser(DirContext ctx, String account) throws NamingException {
		String base = Ldap.defaultNamingContext(ctx);
		SearchControls controls = new SearchControls();
		controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
		controls.setReturningAttributes(new String[] { "distinguishedName", "sAMAccountName" });
		String userFilter = "(&(objectCategory=person)(objectClass=user)(sAMAccountName="
				+ LdapEncoder.filterEncode(account) + "))";
		List<Attributes> users = Ldap.search(ctx, base, userFilter, controls);
		if (users.isEmpty()) {
			throw new DirectoryException("Bound as " + account + " but found no user object under " + base);
		}
		Attributes user = users.get(0);
		String dn = Ldap.string(user, "distinguishedName");
		controls.setReturningAttributes(new String[] { "distinguishedName", "cn" });
		String groupFilter = "(&(objectClass=group)(member:" + IN_CHAIN + ":=" + LdapEncoder.filterEncode(dn) + "))";
		List<DirectoryGroup> groups = new ArrayList<>();
		for (Attributes group : Ldap.search(ctx, base, groupFilter, controls)) {
			groups.add(new DirectoryGroup(Ldap.string(group, "distinguishedName"), Ldap.string(group, "cn")));
		}
		return new DirectoryUser(dn, Ldap.string(user, "sAMAccountName"), groups);
	}

	/** Reads the rootDSE anonymously (no credentials are sent) and returns the DC's host name. */
	String probe() {
		if (this.refusal != null) {
			throw new DirectoryException(this.refusal);
		}
		DirContext ctx = open(LdapContextSource::getReadOnlyContext);
		try {
			Attributes rootDse = ctx.getAttributes("", new String[] { "dnsHostName" });
			return Ldap.string(rootDse, "dnsHostName");
		}
		catch (NamingException ex) {
			throw new DirectoryException(this.name + ": " + Ldap.diagnostic(ex), ex);
		}
		finally {
			LdapUtils.closeContext(ctx);
		}
	}

	@Override
	public String toString() {
		return "DirectoryConnection[" + this.name + ", " + this.settings + "]";
	}

	/** Work done on an open LDAP session. */
	@FunctionalInterface
	interface LdapAction<T> {

		T run(DirContext ctx) throws NamingException;

	}

}
