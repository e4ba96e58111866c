package org.gmsaportal.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.directory.ListedGmsa;
import org.gmsaportal.directory.ListedPrincipal;
import org.gmsaportal.provisioning.InventoryEntry;

/**
 * Compares what a portal run made in the directory with what the directory holds now. A listing that is not whole
 * says nothing about what is missing from it: "deleted" is only judged against a complete listing.
 */
final class DirectoryDrift {

	private DirectoryDrift() {
	}

	static List<Drift> of(List<DirectoryListing> listings, List<InventoryEntry> records) {
		List<Drift> drift = new ArrayList<>();
		for (InventoryEntry entry : records) {
			listing(listings, entry).ifPresent((listing) -> compare(listing, entry, drift));
		}
		return drift;
	}

	// The listing of the run's connection, else (an entry without its request) of its domain.
	private static Optional<DirectoryListing> listing(List<DirectoryListing> listings, InventoryEntry entry) {
		return listings.stream()
			.filter((l) -> entry.knowsRequest() ? l.connection().equals(entry.directoryConnection())
					: l.domain().equalsIgnoreCase(entry.domain()))
			.findFirst();
	}

	private static void compare(DirectoryListing listing, InventoryEntry entry, List<Drift> drift) {
		String sam = entry.gmsaName() + "$";
		String subject = Subjects.gmsa(listing.domain(), sam);
		Optional<ListedGmsa> live = listing.gmsas().stream()
			.filter((g) -> g.samAccountName().equalsIgnoreCase(sam))
			.findFirst();
		if (live.isEmpty()) {
			if (listing.complete()) {
				drift.add(new Drift(subject, DriftKind.DELETED, "gMSA " + sam + " is no longer in " + listing.domain()
						+ " (deleted or renamed outside the portal)", entry.runId(), null));
			}
		}
		else {
			compare(live.get(), entry, subject, drift);
		}
		if (entry.portableUser() != null && listing.complete() && listing.users().stream()
			.noneMatch((u) -> u.samAccountName().equalsIgnoreCase(entry.portableUser()))) {
			drift.add(new Drift(Subjects.user(listing.domain(), entry.portableUser()), DriftKind.DELETED,
					"portable user " + entry.portableUser() + " is no longer in " + listing.domain()
							+ ": the hosts' plug-in can no longer retrieve " + sam,
					entry.runId(), null));
		}
	}

	private static void compare(ListedGmsa gmsa, InventoryEntry entry, String subject, List<Drift> drift) {
		List<String> allowed = gmsa.allowed().stream().map(DirectoryDrift::name).toList();
		boolean onlyTheGroup = allowed.size() == 1 && allowed.get(0).equalsIgnoreCase(entry.groupName());
		if (!onlyTheGroup) {
			drift.add(new Drift(subject, DriftKind.PRINCIPALS_CHANGED, "allowed to retrieve: recorded ["
					+ entry.groupName() + "] now " + allowed, entry.runId(), null));
		}
		if (!entry.knowsRequest()) {
			return;
		}
		Set<String> recorded = lower(entry.spns());
		Set<String> now = lower(gmsa.spns());
		if (!recorded.equals(now)) {
			drift.add(new Drift(subject, DriftKind.SPNS_CHANGED, "SPNs: recorded " + recorded + " now " + now,
					entry.runId(), null));
		}
		if (onlyTheGroup && gmsa.incomplete().isEmpty()) {
			members(gmsa, entry, subject, drift);
		}
	}

	// The group's accounts are the gMSA's retrievers when the group is all it allows.
	private static void members(ListedGmsa gmsa, InventoryEntry entry, String subject, List<Drift> drift) {
		Set<String> recorded = lower(entry.hostAccounts());
		Set<String> now = lower(gmsa.retrievers().stream().map(DirectoryDrift::name).toList());
		Set<String> missing = new TreeSet<>(recorded);
		missing.removeAll(now);
		Set<String> added = new TreeSet<>(now);
		added.removeAll(recorded);
		if (!missing.isEmpty() || (entry.groupCreated() && !added.isEmpty())) {
			drift.add(new Drift(subject, DriftKind.MEMBERS_CHANGED, "members of " + entry.groupName() + ": recorded "
					+ recorded + " now " + now + (entry.groupCreated() ? "" : " (an existing group: others may have "
							+ "been in it before the run)"),
					entry.runId(), null));
		}
	}

	private static String name(ListedPrincipal principal) {
		return (principal.name() != null) ? principal.name() : principal.sid();
	}

	private static Set<String> lower(List<String> values) {
		Set<String> lowered = new TreeSet<>();
		values.forEach((v) -> lowered.add(v.toLowerCase(Locale.ROOT)));
		return lowered;
	}

}
