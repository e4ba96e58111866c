package org.gmsaportal.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.PartialResultException;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the DC allows (issue 18, API filing): the directory reads one API filing's plan makes, issued raw over JNDI
 * by {@code clients} threads, each on one LDAPS session bound once (as the portal keeps one idle session per
 * concurrent filing), for {@code seconds}; prints the filings per second the DC answers that way, and p50/p95 of
 * one filing's reads. This is the ceiling of the portal's filing rate on this DC and machine: a filing cannot be
 * faster than its reads.
 *
 * <p>
 * The reads, from the plan's code (directory module, a domain-joined export-only filing with the default OUs):
 * the domain's facts (rootDSE, the domain head's objectSid and objectGUID, the DC's server object, the crossRef of
 * the domain), the KDS root keys, the two default containers, the group's and the gMSA's names, the SPN search with
 * the sPNMappings it needs, the member computer and the domain's DCs (the export's DNS servers): 13 reads.
 *
 * <p>
 * JDK only, a single source file: {@code java src/test/java/org/gmsaportal/bench/DirectoryReadLoad.java
 * ldaps://127.0.0.1:636 CA_FILE BIND_USER PASSWORD_FILE CLIENTS SECONDS MEMBER} (scripts/bench.sh filing does this;
 * the password is read from a file, so that it is not on a command line).
 */
public final class DirectoryReadLoad {

	private DirectoryReadLoad() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 7) {
			System.err.println(
					"usage: DirectoryReadLoad LDAPS_URL CA_FILE BIND_USER PASSWORD_FILE CLIENTS SECONDS MEMBER");
			System.exit(2);
		}
		trust(Path.of(args[1]));
		String password = Files.readString(Path.of(args[3])).strip();
		int clients = Integer.parseInt(args[4]);
		Duration duration = Duration.ofSeconds(Long.parseLong(args[5]));
		String member = args[6];
		List<LdapContext> sessions = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			sessions.add(bind(args[0], args[2], password));
		}
		AtomicLong names = new AtomicLong();
		run(sessions, member, names, Duration.ofSeconds(3));
		long[] sorted = run(sessions, member, names, duration);
		for (LdapContext session : sessions) {
			session.close();
		}
		double perSecond = sorted.length / (double) duration.toSeconds();
		System.out.printf("%nWhat the DC allows: a filing's 13 plan reads, raw JNDI, %d sessions bound once, %d s%n",
				clients, duration.toSeconds());
		System.out.printf("DC-allowed filings/s: %.1f (p50 %.1f ms, p95 %.1f ms, %d filings' reads)%n", perSecond,
				percentile(sorted, 0.50), percentile(sorted, 0.95), sorted.length);
	}

	/** Each session issues a filing's reads in a loop; returns each filing's time in nanoseconds, sorted. */
	private static long[] run(List<LdapContext> sessions, String member, AtomicLong names, Duration duration)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(sessions.size(), (task) -> {
			Thread thread = new Thread(task);
			thread.setDaemon(true);
			return thread;
		});
		long end = System.nanoTime() + duration.toNanos();
		List<Future<long[]>> workers = new ArrayList<>();
		for (LdapContext session : sessions) {
			workers.add(pool.submit(() -> {
				long[] samples = new long[256];
				int n = 0;
				while (System.nanoTime() < end) {
					long t0 = System.nanoTime();
					filingReads(session, "r" + Long.toString(names.incrementAndGet(), 36), member);
					if (n + 1 >= samples.length) {
						samples = Arrays.copyOf(samples, samples.length * 2);
					}
					samples[n++] = System.nanoTime() - t0;
				}
				return Arrays.copyOf(samples, n);
			}));
		}
		List<long[]> all = new ArrayList<>();
		for (Future<long[]> worker : workers) {
			all.add(worker.get());
		}
		pool.shutdown();
		return all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
	}

	/** The reads of one filing's plan for a gMSA (and its group) named {@code name}, domain-joined to member. */
	private static void filingReads(LdapContext ctx, String name, String member) throws Exception {
		Attributes root = ctx.getAttributes("", new String[] { "defaultNamingContext", "configurationNamingContext",
				"dnsHostName", "serverName", "domainFunctionality", "forestFunctionality" });
		String domain = (String) root.get("defaultNamingContext").get();
		String config = (String) root.get("configurationNamingContext").get();
		ctx.getAttributes(domain, new String[] { "objectSid", "objectGUID" });
		ctx.getAttributes((String) root.get("serverName").get(), new String[] { "serverReference" });
		search(ctx, "CN=Partitions," + config, "(&(objectClass=crossRef)(nCName=" + domain + "))", "dnsRoot",
				"nETBIOSName");
		search(ctx, "CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services," + config,
				"(objectClass=msKds-ProvRootKey)", "cn", "msKds-UseStartTime", "msKds-CreateTime");
		ctx.getAttributes("CN=Users," + domain, new String[] { "objectClass" });
		ctx.getAttributes("CN=Managed Service Accounts," + domain, new String[] { "objectClass" });
		String[] account = { "distinguishedName", "objectGUID", "objectClass", "objectSid", "groupType",
				"adminDescription", "userAccountControl", "dNSHostName", "servicePrincipalName", "uSNChanged" };
		search(ctx, domain, "(sAMAccountName=" + name + "-hosts)", account);
		search(ctx, domain, "(sAMAccountName=" + name + "$)", account);
		ctx.getAttributes("CN=Directory Service,CN=Windows NT,CN=Services," + config, new String[] { "sPNMappings" });
		String dns = domain.replaceAll("(?i)(^|,)DC=", "$1").replace(',', '.');
		search(ctx, domain, "(|(servicePrincipalName=host/" + name + ")(servicePrincipalName=host/" + name + "." + dns
				+ "))", "distinguishedName", "servicePrincipalName");
		search(ctx, domain, "(&(objectCategory=computer)(sAMAccountName=" + member + "))", account);
		search(ctx, "OU=Domain Controllers," + domain, "(objectClass=computer)", "dNSHostName");
	}

	private static void search(LdapContext ctx, String base, String filter, String... attributes) throws Exception {
		SearchControls controls = new SearchControls(SearchControls.SUBTREE_SCOPE, 0, 0, attributes, false, false);
		NamingEnumeration<SearchResult> found = ctx.search(base, filter, controls);
		try {
			while (found.hasMore()) {
				found.next();
			}
		}
		catch (PartialResultException referrals) {
			// AD ends a domain-wide search with continuation references to its DNS zones, which nobody follows
		}
		found.close();
	}

	private static LdapContext bind(String url, String user, String password) throws Exception {
		Hashtable<String, Object> env = new Hashtable<>();
		env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
		env.put(Context.PROVIDER_URL, url);
		env.put(Context.SECURITY_AUTHENTICATION, "simple");
		env.put(Context.SECURITY_PRINCIPAL, user);
		env.put(Context.SECURITY_CREDENTIALS, password);
		env.put(Context.REFERRAL, "ignore");
		env.put("java.naming.ldap.attributes.binary", "objectSid objectGUID");
		return new InitialLdapContext(env, null);
	}

	/** The lab CA as the default SSL context's only trust anchor, which JNDI's LDAPS uses. */
	private static void trust(Path caFile) throws Exception {
		KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
		store.load(null, null);
		try (InputStream in = Files.newInputStream(caFile)) {
			int i = 0;
			for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				store.setCertificateEntry("ca" + i++, (X509Certificate) cert);
			}
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		SSLContext.setDefault(context);
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

}
