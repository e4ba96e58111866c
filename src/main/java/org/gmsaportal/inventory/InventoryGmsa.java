package org.gmsaportal.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.directory.ListedGmsa;
import org.gmsaportal.provisioning.InventoryEntry;
import org.jspecify.annotations.Nullable;

/**
 * One gMSA of a snapshot as the front doors list it: where it was read, the drift and findings about it, and the
 * portal run that made it, if one did.
 *
 * @param connection the directory connection it was read through
 * @param domain the domain's DNS name
 * @param gmsa the account as the directory held it
 * @param drift the snapshot's drift about it
 * @param findings the snapshot's findings about it, most urgent first
 * @param portalRun the succeeded provisioning run that made it, by the portal's records; {@code null} if none did
 */
public record InventoryGmsa(String connection, String domain, ListedGmsa gmsa, List<Drift> drift,
		List<Finding> findings, @Nullable String portalRun) {

	public InventoryGmsa {
		drift = List.copyOf(drift);
		findings = List.copyOf(findings);
	}

	/** The account name with its trailing {@code $}. */
	public String name() {
		return this.gmsa.samAccountName();
	}

	/** The container it lives in: its DN without the first RDN. */
	public String ou() {
		String dn = this.gmsa.distinguishedName();
		for (int i = 0; i < dn.length(); i++) {
			if (dn.charAt(i) == '\\') {
				i++;
			}
			else if (dn.charAt(i) == ',') {
				return dn.substring(i + 1);
			}
		}
		return "";
	}

	/** The most urgent finding's severity, or {@code null} without findings. */
	public @Nullable Severity worst() {
		return this.findings.stream().map(Finding::severity).min(Enum::compareTo).orElse(null);
	}

	/** Whether the directory could not read all of this entry (the list shows it, never as whole). */
	public boolean incomplete() {
		return !this.gmsa.incomplete().isEmpty();
	}

	/**
	 * Every gMSA of the snapshot, by connection then name, with the drift and findings whose subject names it
	 * ({@code gmsa:<domain>/<name>}, compared without case and trailing {@code $}) and the portal's run of it.
	 */
	public static List<InventoryGmsa> of(InventorySnapshot snapshot, List<InventoryEntry> records) {
		Map<String, String> runs = runs(records);
		// grouped once by subject: a scan of every drift and finding per gMSA grows with their product
		Map<String, List<Drift>> driftByKey = snapshot.drift().stream()
			.collect(Collectors.groupingBy(d -> String.valueOf(subjectKey(d.subject()))));
		Map<String, List<Finding>> findingsByKey = snapshot.findings().stream()
			.sorted((a, b) -> a.severity().compareTo(b.severity()))
			.collect(Collectors.groupingBy(f -> String.valueOf(subjectKey(f.subject()))));
		List<InventoryGmsa> all = new ArrayList<>();
		for (DirectoryListing listing : snapshot.directories()) {
			for (ListedGmsa gmsa : listing.gmsas()) {
				String key = key(listing.domain(), gmsa.samAccountName());
				List<Drift> drift = driftByKey.getOrDefault(key, List.of());
				List<Finding> findings = findingsByKey.getOrDefault(key, List.of());
				all.add(new InventoryGmsa(listing.connection(), listing.domain(), gmsa, drift, findings,
						run(runs, listing.domain(), gmsa.samAccountName(), drift)));
			}
		}
		return all;
	}

	/** The portal's runs by gMSA ({@code domain/name}, lower case, without {@code $}). */
	static Map<String, String> runs(List<InventoryEntry> records) {
		return records.stream()
			.collect(Collectors.toMap(r -> key(r.domain(), r.gmsaName()), InventoryEntry::runId, (a, b) -> a));
	}

	/** The run that made a gMSA: the portal's record of it, else the run its drift names. */
	static @Nullable String run(Map<String, String> runs, String domain, String name, List<Drift> drift) {
		String run = runs.get(key(domain, name));
		return (run != null) ? run : drift.stream().map(Drift::runId).findFirst().orElse(null);
	}

	/** The gMSA of that connection and name (with or without its {@code $}), if the snapshot holds it. */
	public static Optional<InventoryGmsa> find(List<InventoryGmsa> all, String connection, String name) {
		String wanted = bare(name);
		return all.stream()
			.filter(g -> g.connection().equals(connection) && bare(g.name()).equals(wanted))
			.findFirst();
	}

	/** The same gMSA name in every connection that holds it (for a lookup by name alone). */
	public static List<InventoryGmsa> named(List<InventoryGmsa> all, String name) {
		String wanted = bare(name);
		return all.stream().filter(g -> bare(g.name()).equals(wanted)).toList();
	}

	/** The subject string the assessors use for this gMSA. */
	public String subject() {
		return "gmsa:" + this.domain + "/" + name();
	}

	private static @Nullable String subjectKey(String subject) {
		if (!subject.startsWith("gmsa:") || subject.indexOf('/') < 0) {
			return null;
		}
		String rest = subject.substring("gmsa:".length());
		int slash = rest.lastIndexOf('/');
		return key(rest.substring(0, slash), rest.substring(slash + 1));
	}

	private static String key(String domain, String name) {
		return domain.toLowerCase(Locale.ROOT) + "/" + bare(name);
	}

	private static String bare(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith("$") ? lower.substring(0, lower.length() - 1) : lower;
	}

}
