package org.gmsaportal.directory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.ldap.LdapContext;

import org.gmsaportal.directory.KnownAccounts.Found;
import org.jspecify.annotations.Nullable;

/**
 * An LDAP session that counts what it sends ({@link LdapBudget}) and, while one run or request holds it
 * ({@link DirectoryConnection#hold}), remembers what it read: the domain's facts and configuration for the whole
 * hold, accounts found by name until the session writes them. So the several steps of a run that check the same
 * name ask the DC once, and a write makes the next check of what it wrote ask again. A run's session also starts
 * from its plan's reads ({@link PlanReads}), kept only where {@link ReadGuard} proves them unchanged.
 */
final class CountingContext implements InvocationHandler {

	private static final Set<String> READS = Set.of("search", "getAttributes", "lookup", "list", "listBindings",
			"extendedOperation", "getSchema", "getSchemaClassDefinition");

	private static final Set<String> WRITES = Set.of("createSubcontext", "modifyAttributes", "destroySubcontext",
			"bind", "rebind", "unbind", "rename");

	/** What an account lookup fetches once, so that later lookups of the same name asking less are answered too. */
	static final Set<String> ACCOUNT_ATTRIBUTES = Set.of("distinguishedName", "objectGUID", "objectClass", "objectSid",
			"groupType", "adminDescription", "whenCreated", "userAccountControl", "dNSHostName", "servicePrincipalName",
			"msDS-SupportedEncryptionTypes", "msDS-ManagedPasswordInterval", "msDS-GroupMSAMembership", "pwdLastSet",
			"uSNChanged");

	private final DirContext target;

	private boolean held;

	private final Map<String, Object> stable = new HashMap<>();

	private final KnownAccounts accounts = new KnownAccounts();

	// A plan's reads, until the first account lookup checks them; usable only once the DC is known to be the plan's.
	private @Nullable PlanReads plan;

	private boolean planDc;

	private CountingContext(DirContext target) {
		this.target = target;
	}

	static DirContext wrap(DirContext ctx) {
		Class<?>[] faces = (ctx instanceof LdapContext) ? new Class<?>[] { LdapContext.class }
				: new Class<?>[] { DirContext.class };
		return (DirContext) Proxy.newProxyInstance(CountingContext.class.getClassLoader(), faces,
				new CountingContext(ctx));
	}

	/** Switches the session's memory on (a run or request holds it) or off and empty (it goes back to the pool). */
	static void held(DirContext ctx, boolean held) {
		CountingContext counting = of(ctx);
		if (counting != null) {
			counting.held = held;
			counting.stable.clear();
			counting.accounts.clear();
			counting.plan = null;
			counting.planDc = false;
		}
	}

	/** Starts a held session from a plan's reads; none are used before {@link #planDc} says the DC is the same. */
	static void reuse(DirContext ctx, PlanReads reads) {
		CountingContext counting = of(ctx);
		if (counting != null && counting.held && reads != PlanReads.NONE) {
			counting.plan = reads;
		}
	}

	/** The domain's facts the plan read, while its reads wait to be checked. */
	static @Nullable DomainFacts plannedFacts(DirContext ctx) {
		CountingContext counting = of(ctx);
		return (counting != null && counting.plan != null) ? counting.plan.facts() : null;
	}

	/**
	 * Whether the DC this session reached is the one the plan read from: if so, the forest configuration the plan read
	 * is kept (as the facts are); if not, the plan's reads are dropped.
	 */
	static void planDc(DirContext ctx, boolean same) {
		CountingContext counting = of(ctx);
		if (counting != null && counting.plan != null) {
			counting.planDc = same;
			if (same) {
				counting.plan.configuration().forEach(counting.stable::putIfAbsent);
			}
			else {
				counting.plan = null;
			}
		}
	}

	/** What a held session read once ({@link #stable}) under {@code key}, or {@code null}. */
	static @Nullable Object known(DirContext ctx, String key) {
		CountingContext counting = of(ctx);
		return (counting != null && counting.held) ? counting.stable.get(key) : null;
	}

	/** What a held session read once, except the domain's facts ({@link PlanReads#facts} carries them). */
	static Map<String, Object> configuration(DirContext ctx) {
		CountingContext counting = of(ctx);
		Map<String, Object> read = new HashMap<>((counting != null && counting.held) ? counting.stable : Map.of());
		read.remove("domainFacts");
		return read;
	}

	/** The accounts a held session knows now, for a later session to reuse under a guard. */
	static Map<String, Found> accounts(DirContext ctx) {
		CountingContext counting = of(ctx);
		return (counting != null && counting.held) ? counting.accounts.snapshot() : Map.of();
	}

	/**
	 * Remembers an account this session has just read by DN (a read-back after creating it), so that the run's
	 * next check of its name asks nothing; {@code fetched} must hold every attribute the read asked for.
	 */
	static void remember(DirContext ctx, String domainNc, String samAccountName, Attributes entry,
			Set<String> fetched) {
		CountingContext counting = of(ctx);
		if (counting != null && counting.held) {
			counting.accounts.put(KnownAccounts.key(domainNc, samAccountName), new Found(entry, Set.copyOf(fetched)));
		}
	}

	/**
	 * The {@code member} values of the group at {@code groupDn} if this session holds them complete (it read the group
	 * back after creating it, and wrote nothing to it since); {@code null} when the DC must be asked.
	 */
	static @Nullable List<String> members(DirContext ctx, String groupDn) throws NamingException {
		CountingContext counting = of(ctx);
		if (counting == null || !counting.held) {
			return null;
		}
		return counting.accounts.members(groupDn);
	}

	/**
	 * What {@code loader} reads, once per hold: for what no portal write changes during a run (the domain's facts,
	 * the forest's configuration). Read every time on a session nobody holds.
	 */
	@SuppressWarnings("unchecked")
	static <T> T stable(DirContext ctx, String key, Loader<T> loader) throws NamingException {
		CountingContext counting = of(ctx);
		if (counting == null || !counting.held) {
			return loader.load(ctx);
		}
		Object known = counting.stable.get(key);
		if (known == null) {
			known = loader.load(ctx);
			counting.stable.put(key, known);
		}
		return (T) known;
	}

	/**
	 * The account with this sAMAccountName as {@link Accounts#find} reads it, remembered on a held session until it
	 * writes that account; the answer holds only the attributes asked for.
	 */
	static @Nullable Attributes account(DirContext ctx, String domainNc, String samAccountName, String[] attributes,
			Loader<@Nullable Attributes> search) throws NamingException {
		CountingContext counting = of(ctx);
		if (counting == null || !counting.held) {
			return search.load(ctx);
		}
		String key = KnownAccounts.key(domainNc, samAccountName);
		if (counting.plan != null) {
			// The first lookup of the run: one search checks every name the plan read instead of one read per name.
			PlanReads plan = counting.plan;
			counting.plan = null;
			if (counting.planDc) {
				ReadGuard.unchanged(ctx, domainNc, plan.accounts()).forEach(counting.accounts::putIfAbsent);
			}
		}
		Found found = counting.accounts.get(key);
		if (found == null || !found.fetched().containsAll(List.of(attributes))) {
			Set<String> fetched = new LinkedHashSet<>(ACCOUNT_ATTRIBUTES);
			fetched.addAll(List.of(attributes));
			found = new Found(Accounts.findLive(ctx, domainNc, samAccountName, fetched.toArray(String[]::new)),
					fetched);
			counting.accounts.put(key, found);
		}
		return (found.entry() != null) ? only(found.entry(), attributes) : null;
	}

	private static Attributes only(Attributes entry, String[] names) {
		Attributes copy = new BasicAttributes(true);
		for (String name : names) {
			Attribute attribute = entry.get(name);
			if (attribute != null) {
				copy.put((Attribute) attribute.clone());
			}
		}
		return copy;
	}

	private static @Nullable CountingContext of(DirContext ctx) {
		return (Proxy.isProxyClass(ctx.getClass()) && Proxy.getInvocationHandler(ctx) instanceof CountingContext c)
				? c : null;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		String name = method.getName();
		boolean read = READS.contains(name);
		boolean write = WRITES.contains(name);
		if (write) {
			// What this write changes, the next check must ask the DC again.
			this.accounts.forget(name, args);
		}
		long started = System.nanoTime();
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		finally {
			if (read) {
				LdapBudget.read(System.nanoTime() - started);
			}
			else if (write) {
				LdapBudget.write(System.nanoTime() - started);
			}
		}
	}

	/** A read done on a session. */
	@FunctionalInterface
	interface Loader<T> {

		T load(DirContext ctx) throws NamingException;

	}


}
