package org.gmsaportal.directory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.ldap.LdapContext;

import org.jspecify.annotations.Nullable;

/**
 * An LDAP session that counts what it sends ({@link LdapBudget}) and, while one run or request holds it
 * ({@link DirectoryConnection#hold}), remembers what it read: the domain's facts and configuration for the whole
 * hold, accounts found by name until the session writes anything. So the several steps of a run that check the
 * same name ask the DC once, and every write makes the next check ask again.
 */
final class CountingContext implements InvocationHandler {

	private static final Set<String> READS = Set.of("search", "getAttributes", "lookup", "list", "listBindings",
			"extendedOperation", "getSchema", "getSchemaClassDefinition");

	private static final Set<String> WRITES = Set.of("createSubcontext", "modifyAttributes", "destroySubcontext",
			"bind", "rebind", "unbind", "rename");

	/** What an account lookup fetches once, so that later lookups of the same name asking less are answered too. */
	static final Set<String> ACCOUNT_ATTRIBUTES = Set.of("distinguishedName", "objectGUID", "objectClass", "objectSid",
			"groupType", "adminDescription", "whenCreated", "userAccountControl", "dNSHostName", "servicePrincipalName",
			"msDS-SupportedEncryptionTypes", "msDS-ManagedPasswordInterval", "msDS-GroupMSAMembership", "pwdLastSet");

	private final DirContext target;

	private boolean held;

	private final Map<String, Object> stable = new HashMap<>();

	private final Map<String, Found> accounts = new HashMap<>();

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
		}
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
	 * writes; the answer holds only the attributes asked for.
	 */
	static @Nullable Attributes account(DirContext ctx, String domainNc, String samAccountName, String[] attributes,
			Loader<@Nullable Attributes> search) throws NamingException {
		CountingContext counting = of(ctx);
		if (counting == null || !counting.held) {
			return search.load(ctx);
		}
		String key = domainNc.toLowerCase(Locale.ROOT) + "|" + samAccountName.toLowerCase(Locale.ROOT);
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
			// Whatever this write changes, the next check of a name must ask the DC again.
			this.accounts.clear();
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

	private record Found(@Nullable Attributes entry, Set<String> fetched) {
	}

}
