package org.gmsaportal.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link InventoryServiceContract} holds the service's {@link KeptSnapshot} to, on H2 and PostgreSQL: every part
 * read in SQL equals the same part answered from the snapshot held whole ({@link KeptSnapshot#of}).
 */
final class KeptSnapshotChecks {

	private KeptSnapshotChecks() {
	}

	/** A snapshot with a gap in a directory and in a cluster, and findings of every severity. */
	static InventorySnapshot withGapsAndFindings(Instant takenAt) {
		InventorySnapshot many = InventoryFixtures.many(12);
		DirectoryListing corp = many.directories().get(0);
		DirectoryListing partial = new DirectoryListing(corp.connection(), corp.domain(), corp.readAt(), corp.gmsas(),
				corp.kdsRootKeys(), corp.users(), List.of("Directory: the DC stopped answering after page 3"));
		ClusterListing aks1 = InventoryFixtures.cluster("aks1");
		ClusterListing gone = new ClusterListing("gone", takenAt, List.of(), List.of(),
				List.of("Cluster: the kubeconfig could not be read", "Webhook certificates: not read"), List.of());
		List<Finding> findings = new ArrayList<>(many.findings());
		findings.add(InventoryFixtures.finding(Severity.MEDIUM, "rc4-enabled", "app07"));
		findings.add(InventoryFixtures.finding(Severity.MEDIUM, "des-enabled", "app08"));
		findings.add(InventoryFixtures.finding(Severity.HIGH, "no-allowed-principals", "app11"));
		return new InventorySnapshot(0, takenAt, "auditor", List.of(partial), List.of(aks1, gone), many.drift(),
				findings);
	}

	static void headerMatches(KeptSnapshot read, InventorySnapshot whole) {
		assertThat(read.header()).isEqualTo(SnapshotHeader.of(whole));
	}

	/** Each part of {@code read} against the same part of the snapshot held whole, for several filters and ranges. */
	static void partsMatch(KeptSnapshot read, InventorySnapshot whole, List<InventoryEntry> records) {
		KeptSnapshot reference = KeptSnapshot.of(whole);
		for (FindingQuery query : List.of(FindingQuery.all(), new FindingQuery(Severity.MEDIUM, null),
				new FindingQuery(null, "APP0"), new FindingQuery(Severity.HIGH, "broad"),
				new FindingQuery(null, "_%"))) {
			assertThat(read.findingCount(query)).as("%s", query).isEqualTo(reference.findingCount(query));
			for (int offset : new int[] { 0, 1, 3, 50 }) {
				assertThat(read.findings(query, offset, 2)).as("%s from %d", query, offset)
					.isEqualTo(reference.findings(query, offset, 2));
			}
			List<Finding> streamed = new ArrayList<>();
			read.eachFinding(query, streamed::add);
			assertThat(streamed).as("%s exported", query).isEqualTo(reference.findings(query, 0, 1000));
		}
		for (GmsaQuery query : List.of(GmsaQuery.all(),
				new GmsaQuery("app1", null, null, null, GmsaQuery.Sort.RETRIEVERS, true),
				new GmsaQuery(null, null, Severity.LOW, null, GmsaQuery.Sort.NAME, false),
				new GmsaQuery(null, null, null, true, GmsaQuery.Sort.OU, false))) {
			assertThat(read.gmsaCount(query)).as("%s", query).isEqualTo(reference.gmsaCount(query));
			for (int offset : new int[] { 0, 5, 70 }) {
				assertThat(read.gmsasFrom(records, query, offset, 7)).as("%s from %d", query, offset)
					.isEqualTo(reference.gmsasFrom(records, query, offset, 7));
			}
			List<InventoryGmsa> streamed = new ArrayList<>();
			read.eachGmsa(records, query, streamed::add);
			assertThat(streamed).as("%s exported", query).isEqualTo(reference.gmsasFrom(records, query, 0, 1000));
		}
		assertThat(read.named(records, "APP01$")).isEqualTo(reference.named(records, "APP01$"));
		assertThat(read.drift()).isEqualTo(reference.drift());
		assertThat(read.directories()).isEqualTo(reference.directories());
		assertThat(read.clusters()).isEqualTo(reference.clusters());
		assertThat(read.domains()).isEqualTo(reference.domains());
	}

}
