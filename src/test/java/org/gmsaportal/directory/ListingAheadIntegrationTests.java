package org.gmsaportal.directory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.directory.Attributes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory's listing one page ahead on a second session ({@link ListingAhead}), against the Samba lab DC: it
 * never runs more than one page ahead of the reader (memory stays at two pages of raw entries), and a reader that
 * gives up leaves no listing thread behind.
 */
class ListingAheadIntegrationTests {

	private static final String GMSAS = "(objectClass=msDS-GroupManagedServiceAccount)";

	private final InventoryLab lab = new InventoryLab();

	@Test
	void theListingWaitsForTheReaderToTakeAPageBeforeItReadsAnother() throws Exception {
		gmsas("la", 4);
		AtomicInteger listed = new AtomicInteger();
		try (ListingAhead listing = ListingAhead.start(this.lab.admin, InventoryLab.BASE, GMSAS, 1,
				GmsaEntries.ATTRIBUTES, (pages) -> listed.set(pages))) {
			List<Attributes> first = listing.next();
			assertThat(first).hasSize(1);
			// the next page is read ahead while this one is worked on, and no further
			await(() -> listed.get() >= 2);
			TimeUnit.MILLISECONDS.sleep(500);
			assertThat(listed.get()).isEqualTo(2);
			assertThat(listing.next()).hasSize(1);
			await(() -> listed.get() >= 3);
		}
	}

	@Test
	void aReaderThatGivesUpLeavesNoListingThreadAndTheNextListingIsWhole() throws Exception {
		gmsas("lg", 3);
		ListingAhead listing = ListingAhead.start(this.lab.admin, InventoryLab.BASE, GMSAS, 1, GmsaEntries.ATTRIBUTES,
				(pages) -> {
				});
		assertThat(listing.next()).hasSize(1);
		listing.close();
		assertThat(listing.running()).isFalse();

		int whole = 0;
		try (ListingAhead again = ListingAhead.start(this.lab.admin, InventoryLab.BASE, GMSAS, 2,
				GmsaEntries.ATTRIBUTES, (pages) -> {
				})) {
			for (List<Attributes> page; (page = again.next()) != null;) {
				whole += page.size();
			}
			assertThat(again.outcome().whole()).as("%s", again.outcome()).isTrue();
			assertThat(again.outcome().entries()).isEqualTo(whole);
		}
		assertThat(whole).isGreaterThanOrEqualTo(3);
	}

	private void gmsas(String prefix, int count) {
		String name = LabDirectory.unique(prefix);
		this.lab.group(name + "-hosts");
		String sid = this.lab.sid(name + "-hosts");
		for (int i = 0; i < count; i++) {
			this.lab.rawGmsa(name + i, List.of(), 0x18, "ahead", sid);
		}
	}

	private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > until) {
				throw new AssertionError("the listing did not get there within 60 s");
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
	}

}
