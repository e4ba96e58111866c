package org.gmsaportal.directory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

import org.gmsaportal.directory.internal.Guids;
import org.gmsaportal.directory.internal.Sids;
import org.jspecify.annotations.Nullable;

import org.springframework.ldap.support.LdapEncoder;

/**
 * What a credential spec and the readiness checks need to know about a domain, read live from a DC.
 *
 * @param defaultNamingContext the domain's DN (rootDSE defaultNamingContext)
 * @param configurationNamingContext the forest's configuration partition
 * @param rootDomainNamingContext the forest root domain's DN
 * @param domainSid the domain SID, e.g. {@code S-1-5-21-...}
 * @param domainGuid the domain head's objectGUID
 * @param dnsName the domain's DNS name (crossRef dnsRoot)
 * @param netbiosName the domain's NetBIOS name (crossRef nETBIOSName)
 * @param forestDnsName the forest root domain's DNS name
 * @param dcHostName the answering DC's DNS host name
 * @param dcServerReference the DN of the answering DC's computer object
 * @param dcTime the DC's clock when it answered
 * @param domainFunctionality domain functional level (e.g. 7 = 2016)
 * @param forestFunctionality forest functional level
 * @param dcFunctionality the DC's own functional level
 * <p>
 * Not part of the module's face ({@link Directory}): public only because the lab tests of other modules read
 * the DC through it. Main code outside this module uses {@link Directory}.
 */
public record DomainFacts(String defaultNamingContext, String configurationNamingContext,
		String rootDomainNamingContext, String domainSid, UUID domainGuid, String dnsName, String netbiosName,
		String forestDnsName, String dcHostName, String dcServerReference, Instant dcTime, int domainFunctionality,
		int forestFunctionality, int dcFunctionality) {

	private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
		.withZone(ZoneOffset.UTC);

	/** Microsoft's names for the functional level numbers. */
	public static String levelName(int level) {
		return switch (level) {
			case 0 -> "2000";
			case 1 -> "2003 interim";
			case 2 -> "2003";
			case 3 -> "2008";
			case 4 -> "2008 R2";
			case 5 -> "2012";
			case 6 -> "2012 R2";
			case 7 -> "2016";
			case 10 -> "2025";
			default -> "level " + level;
		};
	}

	/**
	 * The facts as the DC states them; on a session a run or request holds, read once and then carried, with the DC's
	 * clock advanced by the time elapsed since (the facts themselves change only by an admin raising a level).
	 */
	static DomainFacts read(DirContext ctx) throws NamingException {
		return advanced(CountingContext.stable(ctx, "domainFacts", c -> new Read(readOrReuse(c), System.nanoTime())));
	}

	/** The facts a held session read already, advanced to now; {@code null} when it read none. */
	static @Nullable DomainFacts known(DirContext ctx) {
		return (CountingContext.known(ctx, "domainFacts") instanceof Read read) ? advanced(read) : null;
	}

	private static DomainFacts advanced(Read read) {
		// The DC's clock comes in whole seconds: so does the time carried forward.
		long elapsed = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - read.nanoTime());
		return (elapsed == 0) ? read.facts() : read.facts().at(read.facts().dcTime().plusSeconds(elapsed));
	}

	/**
	 * On a run's session that starts from its plan's reads: the rootDSE only, and the plan's facts (the domain's SID,
	 * GUID and names, which no run changes) with the DC's clock and levels as it answers now, when the same DC
	 * answers; that also tells the session it may check the plan's other reads. Any other DC: everything read again.
	 */
	private static DomainFacts readOrReuse(DirContext ctx) throws NamingException {
		DomainFacts planned = CountingContext.plannedFacts(ctx);
		Attributes rootDse = rootDse(ctx);
		if (planned == null) {
			return fromRootDse(ctx, rootDse);
		}
		boolean same = planned.dcHostName().equalsIgnoreCase(Ldap.string(rootDse, "dnsHostName"))
				&& planned.defaultNamingContext().equalsIgnoreCase(Ldap.string(rootDse, "defaultNamingContext"));
		CountingContext.planDc(ctx, same);
		if (!same) {
			return fromRootDse(ctx, rootDse);
		}
		return new DomainFacts(planned.defaultNamingContext, planned.configurationNamingContext,
				planned.rootDomainNamingContext, planned.domainSid, planned.domainGuid, planned.dnsName,
				planned.netbiosName, planned.forestDnsName, planned.dcHostName, planned.dcServerReference,
				parseGeneralizedTime(Ldap.string(rootDse, "currentTime")),
				(int) Ldap.longValue(rootDse, "domainFunctionality", -1),
				(int) Ldap.longValue(rootDse, "forestFunctionality", -1),
				(int) Ldap.longValue(rootDse, "domainControllerFunctionality", -1));
	}

	private DomainFacts at(Instant now) {
		return new DomainFacts(this.defaultNamingContext, this.configurationNamingContext, this.rootDomainNamingContext,
				this.domainSid, this.domainGuid, this.dnsName, this.netbiosName, this.forestDnsName, this.dcHostName,
				this.dcServerReference, now, this.domainFunctionality, this.forestFunctionality, this.dcFunctionality);
	}

	private record Read(DomainFacts facts, long nanoTime) {
	}

	static DomainFacts readLive(DirContext ctx) throws NamingException {
		return fromRootDse(ctx, rootDse(ctx));
	}

	private static Attributes rootDse(DirContext ctx) throws NamingException {
		return ctx.getAttributes("",
				new String[] { "defaultNamingContext", "configurationNamingContext", "rootDomainNamingContext",
						"dnsHostName", "serverName", "currentTime", "domainFunctionality", "forestFunctionality",
						"domainControllerFunctionality" });
	}

	private static DomainFacts fromRootDse(DirContext ctx, Attributes rootDse) throws NamingException {
		String domain = Ldap.string(rootDse, "defaultNamingContext");
		String config = Ldap.string(rootDse, "configurationNamingContext");
		String root = Ldap.string(rootDse, "rootDomainNamingContext");
		Attributes head = Ldap.read(ctx, domain, "objectSid", "objectGUID");
		byte[] sid = (head != null) ? Ldap.bytes(head, "objectSid") : null;
		byte[] guid = (head != null) ? Ldap.bytes(head, "objectGUID") : null;
		if (sid == null || guid == null) {
			throw new NamingException("cannot read objectSid/objectGUID of " + domain);
		}
		Attributes crossRef = crossRef(ctx, config, domain);
		Attributes rootRef = root.equalsIgnoreCase(domain) ? crossRef : crossRef(ctx, config, root);
		Attributes server = Ldap.read(ctx, Ldap.string(rootDse, "serverName"), "serverReference");
		return new DomainFacts(domain, config, root, Sids.toString(sid), Guids.toUuid(guid),
				Ldap.string(crossRef, "dnsRoot"), Ldap.string(crossRef, "nETBIOSName"),
				Ldap.string(rootRef, "dnsRoot"), Ldap.string(rootDse, "dnsHostName"),
				(server != null) ? Ldap.string(server, "serverReference") : "",
				parseGeneralizedTime(Ldap.string(rootDse, "currentTime")),
				(int) Ldap.longValue(rootDse, "domainFunctionality", -1),
				(int) Ldap.longValue(rootDse, "forestFunctionality", -1),
				(int) Ldap.longValue(rootDse, "domainControllerFunctionality", -1));
	}

	private static Attributes crossRef(DirContext ctx, String config, String namingContext) throws NamingException {
		List<Attributes> refs = Ldap.search(ctx, "CN=Partitions," + config,
				"(&(objectClass=crossRef)(nCName=" + LdapEncoder.filterEncode(namingContext) + "))",
				SearchControls.ONELEVEL_SCOPE, "dnsRoot", "nETBIOSName");
		if (refs.isEmpty()) {
			throw new NamingException("no crossRef for " + namingContext + " under CN=Partitions," + config);
		}
		return refs.get(0);
	}

	// AD writes e.g. 20261122135751.0Z; the fraction is always zero.
	static Instant parseGeneralizedTime(String value) {
		return Instant.from(GENERALIZED_TIME.parse(value.substring(0, 14)));
	}

}
