package org.gmsaportal.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKey;
import org.gmsaportal.directory.ListedGmsa;
import org.gmsaportal.directory.ListedPrincipal;
import org.gmsaportal.directory.ListedPrincipal.Kind;
import org.gmsaportal.directory.ListedUser;
import org.gmsaportal.provisioning.InventoryEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's rules over listings as the lab DC returns them, each rule on the smallest listing that shows it.
 */
class DirectoryAssessorTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final String DOMAIN_SID = "S-1-5-21-1-2-3";

	private static final ListedPrincipal HOSTS = new ListedPrincipal(DOMAIN_SID + "-1201", "web-hosts",
			"CN=web-hosts,CN=Users,DC=lab,DC=test", Kind.GROUP);

	private static final ListedPrincipal USER = new ListedPrincipal(DOMAIN_SID + "-1202", "web-ccg",
			"CN=web-ccg,CN=Users,DC=lab,DC=test", Kind.USER);

	private final DirectoryAssessor assessor = new DirectoryAssessor((Duration) null);

	@Test
	void everyoneAuthenticatedUsersDomainUsersAndDomainComputersAreBroadRetrievers() {
		for (String sid : List.of("S-1-1-0", "S-1-5-11", DOMAIN_SID + "-513", DOMAIN_SID + "-515")) {
			ListedGmsa gmsa = gmsa("web", List.of(), 0x18,
					List.of(HOSTS, new ListedPrincipal(sid, "x", null, Kind.WELL_KNOWN)), List.of(USER));
			assertThat(findings(listing(List.of(gmsa), 1))).singleElement().satisfies((f) -> {
				assertThat(f.code()).isEqualTo("broad-retrievers");
				assertThat(f.severity()).isEqualTo(Severity.HIGH);
				assertThat(f.reason()).contains(sid);
			});
		}
		assertThat(findings(listing(List.of(gmsa("web", List.of(), 0x18, List.of(HOSTS), List.of(USER))), 1)))
			.isEmpty();
	}

	@Test
	void rc4AndDesAreWeakEncryptionWithTheAesOnlyFix() {
		assertThat(findings(listing(List.of(gmsa("web", List.of(), 0x1c, List.of(HOSTS), List.of(USER))), 1)))
			.singleElement().satisfies((f) -> {
				assertThat(f.code()).isEqualTo("rc4-enabled");
				assertThat(f.fix()).contains("Set-ADServiceAccount -Identity web -KerberosEncryptionType AES128,AES256");
			});
		assertThat(findings(listing(List.of(gmsa("web", List.of(), 0x1f, List.of(HOSTS), List.of(USER))), 1)))
			.extracting(Finding::code, Finding::severity)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("des-enabled", Severity.HIGH),
					org.assertj.core.groups.Tuple.tuple("rc4-enabled", Severity.MEDIUM));
	}

	@Test
	void anSpnOnTwoGmsasIsAFindingOnEachAndNoPrincipalsIsOneToo() {
		DirectoryListing listing = listing(List.of(gmsa("a", List.of("HTTP/app.lab.test"), 0x18, List.of(HOSTS),
				List.of(USER)), gmsa("b", List.of("http/APP.lab.test"), 0x18, List.of(), List.of())), 1);
		assertThat(findings(listing)).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
				org.assertj.core.groups.Tuple.tuple("no-allowed-principals", "gmsa:lab.test/b$"),
				org.assertj.core.groups.Tuple.tuple("duplicate-spn", "gmsa:lab.test/a$"),
				org.assertj.core.groups.Tuple.tuple("duplicate-spn", "gmsa:lab.test/b$"));
	}

	@Test
	void severalKdsRootKeysAreAFindingQuotingWhyAndWarningAgainstDeletion() {
		assertThat(findings(listing(List.of(), 2))).singleElement().satisfies((f) -> {
			assertThat(f.code()).isEqualTo("several-kds-root-keys");
			assertThat(f.subject()).isEqualTo("kds:lab.test");
			assertThat(f.reason()).contains("2 KDS root keys").contains("only create one KDS root key per forest");
			assertThat(f.fix()).contains("Do not delete");
		});
	}

	@Test
	void aPortableUsersPasswordOlderThanTheIntervalIsAFinding() {
		InventoryEntry record = record(true, List.of());
		ListedUser old = new ListedUser("web-ccg", "CN=web-ccg,CN=Users,DC=lab,DC=test", NOW.minus(Duration.ofDays(45)),
				List.of(), false);
		DirectoryListing listing = new DirectoryListing("lab", "lab.test", NOW, List.of(), List.of(), List.of(old),
				List.of());
		assertThat(this.assessor.findings(new InventoryData(List.of(listing), List.of(), List.of(record))))
			.singleElement().satisfies((f) -> {
				assertThat(f.code()).isEqualTo("portable-password-age");
				assertThat(f.subject()).isEqualTo("user:lab.test/web-ccg");
				assertThat(f.reason()).contains("45 days ago").contains("older than 30 days")
					.contains("gmsa.provisioning.rotation.interval is not set");
			});
		assertThat(new DirectoryAssessor(Duration.ofDays(60))
			.findings(new InventoryData(List.of(listing), List.of(), List.of(record)))).isEmpty();
	}

	@Test
	void aRecordedGmsaMissingFromACompleteListingIsDeletedButNotFromAnIncompleteOne() {
		InventoryEntry record = record(false, List.of("host/web", "host/web.lab.test"));
		DirectoryListing whole = listing(List.of(), 1);
		assertThat(this.assessor.drift(new InventoryData(List.of(whole), List.of(), List.of(record))))
			.singleElement().satisfies((d) -> {
				assertThat(d.kind()).isEqualTo(DriftKind.DELETED);
				assertThat(d.subject()).isEqualTo("gmsa:lab.test/web$");
				assertThat(d.runId()).isEqualTo("run-1");
			});
		DirectoryListing partial = new DirectoryListing("lab", "lab.test", NOW, List.of(), List.of(), List.of(),
				List.of("gMSAs: the domain controller stopped answering after 0 gMSAs (page 1): timeout"));
		assertThat(this.assessor.drift(new InventoryData(List.of(partial), List.of(), List.of(record)))).isEmpty();
	}

	@Test
	void widenedPrincipalsAndAMemberAddedToTheRunsGroupAreDrift() {
		InventoryEntry record = record(false, List.of("host/web", "host/web.lab.test"));
		ListedPrincipal stranger = new ListedPrincipal(DOMAIN_SID + "-1300", "OTHER$", "CN=OTHER", Kind.COMPUTER);
		ListedPrincipal node = new ListedPrincipal(DOMAIN_SID + "-1301", "NODE1$", "CN=NODE1", Kind.COMPUTER);
		ListedGmsa added = gmsa("web", List.of("host/web", "HOST/web.lab.test"), 0x18, List.of(HOSTS),
				List.of(node, stranger));
		assertThat(this.assessor.drift(new InventoryData(List.of(listing(List.of(added), 1)), List.of(),
				List.of(record)))).singleElement().satisfies((d) -> {
					assertThat(d.kind()).isEqualTo(DriftKind.MEMBERS_CHANGED);
					assertThat(d.detail()).contains("recorded [node1$] now [node1$, other$]");
				});
		ListedGmsa widened = gmsa("web", List.of("host/web", "host/web.lab.test"), 0x18,
				List.of(HOSTS, new ListedPrincipal(DOMAIN_SID + "-515", "Domain Computers", "CN=Domain Computers",
						Kind.GROUP)), List.of(node, stranger));
		assertThat(this.assessor.drift(new InventoryData(List.of(listing(List.of(widened), 1)), List.of(),
				List.of(record)))).extracting(Drift::kind).containsExactly(DriftKind.PRINCIPALS_CHANGED);
	}

	private List<Finding> findings(DirectoryListing listing) {
		return this.assessor.findings(new InventoryData(List.of(listing), List.of(), List.of()));
	}

	private static InventoryEntry record(boolean portable, List<String> spns) {
		return new InventoryEntry("run-1", "web", "lab.test", "web-hosts", portable ? "web-ccg" : null, null, null,
				null, "apps", "web-spec", null, "admin", NOW.minus(Duration.ofDays(50)), null, "lab", spns,
				portable ? List.of("web-ccg") : List.of("NODE1$"), true);
	}

	private static DirectoryListing listing(List<ListedGmsa> gmsas, int keys) {
		List<KdsRootKey> rootKeys = new java.util.ArrayList<>();
		for (int i = 0; i < keys; i++) {
			rootKeys.add(new KdsRootKey(UUID.randomUUID(), "CN=key" + i, NOW.minus(Duration.ofDays(400)),
					NOW.minus(Duration.ofDays(400))));
		}
		return new DirectoryListing("lab", "lab.test", NOW, gmsas, rootKeys, List.of(), List.of());
	}

	private static ListedGmsa gmsa(String name, List<String> spns, int types, List<ListedPrincipal> allowed,
			List<ListedPrincipal> retrievers) {
		Set<EncryptionType> decoded = new java.util.HashSet<>();
		if ((types & 0x4) != 0) {
			decoded.add(EncryptionType.RC4_HMAC);
		}
		if ((types & 0x10) != 0) {
			decoded.add(EncryptionType.AES256_CTS_HMAC_SHA1_96);
		}
		return new ListedGmsa(name + "$", "CN=" + name + ",CN=Managed Service Accounts,DC=lab,DC=test",
				UUID.randomUUID().toString(), spns, decoded, 30, NOW, NOW, NOW, null, allowed, retrievers, List.of(),
				types);
	}

}
