package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Control;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;

import org.jspecify.annotations.Nullable;

/**
 * Small JNDI helpers shared by the directory module's readers and writers.
 */
final class Ldap {

	private static final Pattern RESULT_CODE = Pattern.compile("error code (\\d+)");

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Ldap() {
	}

	/**
	 * Collects a search's entries. A search from the domain root also meets continuation references to
	 * the application partitions; with referrals ignored JNDI reports them as a PartialResultException
	 * after the last entry, which is not an error.
	 */
	static List<Attributes> search(DirContext ctx, String base, String filter, int scope, String... attributes)
			throws NamingException {
		SearchControls controls = new SearchControls();
		controls.setSearchScope(scope);
		controls.setReturningAttributes(attributes);
		return search(ctx, base, filter, controls);
	}

	/**
	 * Collects every entry of a subtree search that may exceed the server's page limit (AD and Samba answer at most
	 * 1,000 entries per search, MaxPageSize): asks for pages of {@code pageSize} with the paged-results control.
	 */
	static List<Attributes> searchAllPages(DirContext ctx, String base, String filter, int pageSize,
			String... attributes) throws NamingException {
		if (!(ctx instanceof LdapContext ldap)) {
			throw new IllegalStateException("paged search needs an LDAP context");
		}
		SearchControls controls = new SearchControls();
		controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
		controls.setReturningAttributes(attributes);
		List<Attributes> entries = new ArrayList<>();
		byte[] cookie = null;
		try {
			do {
				ldap.setRequestControls(new Control[] { pagedResults(pageSize, cookie) });
				entries.addAll(search(ldap, base, filter, controls));
				cookie = null;
				for (Control control : (ldap.getResponseControls() != null) ? ldap.getResponseControls() : new Control[0]) {
					if (control instanceof PagedResultsResponseControl page) {
						cookie = page.getCookie();
					}
				}
			}
			while (cookie != null && cookie.length > 0);
		}
		finally {
			ldap.setRequestControls(null);
		}
		return entries;
	}

	private static Control pagedResults(int pageSize, byte @Nullable [] cookie) throws NamingException {
		try {
			return new PagedResultsControl(pageSize, cookie, Control.CRITICAL);
		}
		catch (java.io.IOException ex) {
			throw new NamingException("cannot encode the paged-results control: " + ex.getMessage());
		}
	}

	static List<Attributes> search(DirContext ctx, String base, String filter, SearchControls controls)
			throws NamingException {
		List<Attributes> entries = new ArrayList<>();
		NamingEnumeration<SearchResult> results = ctx.search(base, filter, controls);
		try {
			while (results.hasMore()) {
				entries.add(results.next().getAttributes());
			}
		}
		catch (PartialResultException ex) {
			// continuation references only; every entry of this naming context has been read
		}
		finally {
			results.close();
		}
		return entries;
	}

	/** The entry at {@code dn}, or {@code null} if there is none. */
	static @Nullable Attributes read(DirContext ctx, String dn, String... attributes) throws NamingException {
		List<Attributes> found;
		try {
			found = search(ctx, dn, "(objectClass=*)", SearchControls.OBJECT_SCOPE, attributes);
		}
		catch (javax.naming.NameNotFoundException ex) {
			return null;
		}
		return found.isEmpty() ? null : found.get(0);
	}

	static String defaultNamingContext(DirContext ctx) throws NamingException {
		return string(ctx.getAttributes("", new String[] { "defaultNamingContext" }), "defaultNamingContext");
	}

	static String string(Attributes entry, String name) throws NamingException {
		String value = optionalString(entry, name);
		if (value == null) {
			throw new NamingException("attribute " + name + " missing from the directory's answer");
		}
		return value;
	}

	static @Nullable String optionalString(Attributes entry, String name) throws NamingException {
		Attribute attribute = entry.get(name);
		return (attribute == null || attribute.get() == null) ? null : attribute.get().toString();
	}

	static List<String> strings(Attributes entry, String name) throws NamingException {
		Attribute attribute = entry.get(name);
		List<String> values = new ArrayList<>();
		if (attribute != null) {
			for (int i = 0; i < attribute.size(); i++) {
				values.add(attribute.get(i).toString());
			}
		}
		return values;
	}

	static byte @Nullable [] bytes(Attributes entry, String name) throws NamingException {
		Attribute attribute = entry.get(name);
		return (attribute == null || !(attribute.get() instanceof byte[] value)) ? null : value;
	}

	static List<byte[]> byteValues(Attributes entry, String name) throws NamingException {
		Attribute attribute = entry.get(name);
		List<byte[]> values = new ArrayList<>();
		if (attribute != null) {
			for (int i = 0; i < attribute.size(); i++) {
				if (attribute.get(i) instanceof byte[] value) {
					values.add(value);
				}
			}
		}
		return values;
	}

	static long longValue(Attributes entry, String name, long fallback) throws NamingException {
		String value = optionalString(entry, name);
		return (value != null) ? Long.parseLong(value) : fallback;
	}

	/** The LDAP result code in a JNDI exception's message, or -1. */
	static int resultCode(NamingException ex) {
		Matcher matcher = RESULT_CODE.matcher(String.valueOf(ex.getMessage()));
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	/** The DC's diagnostic text without the JNDI wrapping, for admin-facing messages. */
	static String diagnostic(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return message.replaceFirst("^\\[LDAP: error code \\d+ - (.*)\\]$", "$1").replace("\0", "");
	}

	/** A binary value for a search filter, every byte as an RFC 4515 {@code \\hh} escape. */
	static String filterBytes(byte[] bytes) {
		// by hand, not String.format: the inventory escapes 28 bytes for each of 10,000 SIDs
		StringBuilder escaped = new StringBuilder(bytes.length * 3);
		for (byte b : bytes) {
			escaped.append('\\').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
		}
		return escaped.toString();
	}

	static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

}
