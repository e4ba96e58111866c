package org.gmsaportal.inventory;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.directory.ListedGmsa;
import org.gmsaportal.provisioning.InventoryEntry;

/**
 * Records and directory listings as the inventory's tests need them, built directly: the directory inventory's
 * lab reading is another module's, and these tests are about what the inventory makes of a listing.
 */
final class InventoryFixtures {

	static final Instant READ_AT = Instant.parse("2026-12-01T08:00:00Z");

	private InventoryFixtures() {
	}

	/** What run {@code runId} recorded: gMSA {@code gmsa} of contoso.com, its credential spec on {@code cluster}. */
	static InventoryEntry record(String runId, String gmsa, String cluster, String credSpecName) {
		return new InventoryEntry(runId, gmsa, "contoso.com", gmsa + "-hosts", null, null, null, cluster, "app-ns",
				credSpecName, null, "admin", READ_AT.minusSeconds(86_400), null);
	}

	/** A listing of contoso.com holding exactly these gMSAs (account names without {@code $}). */
	static DirectoryListing contoso(boolean complete, String... gmsas) {
		List<ListedGmsa> listed = Arrays.stream(gmsas).map(InventoryFixtures::gmsa).toList();
		return new DirectoryListing("lab", "contoso.com", READ_AT, listed, List.of(), List.of(),
				complete ? List.of() : List.of("gMSAs: the DC timed out after page 3"));
	}

	static ListedGmsa gmsa(String name) {
		return new ListedGmsa(name + "$", "CN=" + name + ",CN=Managed Service Accounts,DC=contoso,DC=com",
				"6d1e0b2a-0000-4000-8000-" + String.format("%012d", Math.abs(name.hashCode())), List.of(), Set.of(),
				null,
				null, READ_AT, READ_AT, null, List.of(), List.of(), List.of());
	}

}
