package org.gmsaportal.api.v1;

import java.time.Instant;
import java.util.List;

import org.gmsaportal.directory.ListedGmsa;
import org.gmsaportal.directory.ListedPrincipal;
import org.gmsaportal.inventory.Drift;
import org.gmsaportal.inventory.Finding;
import org.gmsaportal.inventory.InventoryGmsa;
import org.gmsaportal.inventory.SnapshotHeader;
import org.jspecify.annotations.Nullable;

/**
 * The inventory as the API shows it: records with the API's names, built from a snapshot; nothing in them is a
 * secret (the directory inventory reads no password).
 */
final class InventoryViews {

	private InventoryViews() {
	}

	/**
	 * Which snapshot a page comes from, and what it could not read.
	 *
	 * @param id the snapshot's number
	 * @param takenAt when it was taken
	 * @param complete whether every connection was read whole
	 * @param incomplete why parts are missing, each prefixed by its connection
	 */
	record SnapshotView(long id, Instant takenAt, boolean complete, List<String> incomplete) {

		static SnapshotView of(SnapshotHeader snapshot) {
			List<String> gaps = snapshot.gaps().stream()
				.map((g) -> g.kind() + " " + g.connection() + ": " + g.reason()).toList();
			return new SnapshotView(snapshot.id(), snapshot.takenAt(), snapshot.complete(), gaps);
		}

	}

	/** A principal allowed to retrieve a password, or one that can after groups are expanded. */
	record PrincipalView(String sid, @Nullable String name, @Nullable String distinguishedName, String kind) {

		static PrincipalView of(ListedPrincipal p) {
			return new PrincipalView(p.sid(), p.name(), p.distinguishedName(), p.kind().name());
		}

	}

	/** One drift, with the run that made the object. */
	record DriftView(String kind, String subject, String detail, String runId, @Nullable Instant firstSeen) {

		static DriftView of(Drift d) {
			return new DriftView(d.kind().name(), d.subject(), d.detail(), d.runId(), d.firstSeen());
		}

	}

	/** One finding with its reason and fix. */
	record FindingView(String severity, String code, String subject, String reason, String fix,
			@Nullable Instant firstSeen) {

		static FindingView of(Finding f) {
			return new FindingView(f.severity().name(), f.code(), f.subject(), f.reason(), f.fix(), f.firstSeen());
		}

	}

	/**
	 * One gMSA; the list leaves out who can retrieve it after expansion ({@code retrievers} is then empty and
	 * {@code retrieverCount} says how many), the single read gives them.
	 */
	record GmsaView(String connection, String domain, String name, String ou, String distinguishedName,
			String objectGuid, List<String> spns, List<String> encryptionTypes, @Nullable Integer passwordIntervalDays,
			@Nullable Instant passwordLastSet, Instant whenCreated, Instant whenChanged, @Nullable String description,
			List<PrincipalView> allowed, int retrieverCount, List<PrincipalView> retrievers, List<DriftView> drift,
			List<FindingView> findings, @Nullable String portalRun, List<String> incomplete) {

		static GmsaView of(InventoryGmsa g, boolean withRetrievers) {
			ListedGmsa a = g.gmsa();
			return new GmsaView(g.connection(), g.domain(), g.name(), g.ou(), a.distinguishedName(), a.objectGuid(),
					a.spns(), a.encryptionTypes().stream().map(Enum::name).sorted().toList(), a.passwordIntervalDays(),
					a.passwordLastSet(), a.whenCreated(), a.whenChanged(), a.description(),
					a.allowed().stream().map(PrincipalView::of).toList(), a.retrievers().size(),
					withRetrievers ? a.retrievers().stream().map(PrincipalView::of).toList() : List.of(),
					g.drift().stream().map(DriftView::of).toList(), g.findings().stream().map(FindingView::of).toList(),
					g.portalRun(), a.incomplete());
		}

	}

	/** One page of gMSAs; pass {@code nextCursor} back as {@code cursor} until it is null. */
	record GmsaPage(SnapshotView snapshot, List<GmsaView> gmsas, @Nullable String nextCursor) {
	}

	/** One gMSA with the snapshot it comes from. */
	record GmsaOne(SnapshotView snapshot, GmsaView gmsa) {
	}

	/** One page of findings, most urgent first. */
	record FindingPage(SnapshotView snapshot, List<FindingView> findings, @Nullable String nextCursor) {
	}

}
