package org.gmsaportal.directory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.gmsaportal.directory.ListedPrincipal.Kind;
import org.gmsaportal.directory.internal.SecurityDescriptor;
import org.gmsaportal.inventory.DirectoryAssessor;
import org.gmsaportal.inventory.Finding;
import org.gmsaportal.inventory.InventoryData;
import org.gmsaportal.inventory.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory inventory against the Samba lab DC: gMSAs made outside the portal (raw LDAP adds, Samba's tools)
 * are listed with their attributes and with who may retrieve each password, groups expanded.
 */
class DirectoryInventoryIntegrationTests {

	private final InventoryLab lab = new InventoryLab();

	@Test
	void aGmsaMadeOutsideThePortalIsListedWithItsAttributesAndRetrievers() {
		String name = LabDirectory.unique("io");
		String group = name + "-hosts";
		this.lab.group(group);
		String user = this.lab.user(name + "-u");
		String computer = this.lab.computer(name.toUpperCase(Locale.ROOT) + "C");
		this.lab.addMembers(group, user, computer);
		String dn = this.lab.rawGmsa(name, List.of("HTTP/" + name + ".lab.test", "host/" + name), 0x14,
				"made by hand", this.lab.sid(group));

		ListedGmsa gmsa = InventoryLab.gmsa(this.lab.read(), name);

		assertThat(gmsa.distinguishedName()).isEqualToIgnoringCase(dn);
		assertThat(gmsa.objectGuid()).matches("[0-9a-f-]{36}");
		assertThat(gmsa.spns()).containsExactlyInAnyOrder("HTTP/" + name + ".lab.test", "host/" + name);
		assertThat(gmsa.encryptionTypes()).containsExactlyInAnyOrder(EncryptionType.RC4_HMAC,
				EncryptionType.AES256_CTS_HMAC_SHA1_96);
		assertThat(gmsa.supportedEncryptionTypes()).isEqualTo(0x14);
		assertThat(gmsa.passwordIntervalDays()).isEqualTo(7);
		assertThat(gmsa.description()).isEqualTo("made by hand");
		assertThat(gmsa.whenCreated()).isNotNull();
		assertThat(gmsa.allowed()).singleElement().satisfies((p) -> {
			assertThat(p.name()).isEqualTo(group);
			assertThat(p.kind()).isEqualTo(Kind.GROUP);
		});
		assertThat(gmsa.retrievers()).extracting(ListedPrincipal::name, ListedPrincipal::kind)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(user, Kind.USER),
					org.assertj.core.groups.Tuple.tuple(computer, Kind.COMPUTER));
		assertThat(gmsa.incomplete()).isEmpty();
	}

	@Test
	void widenedToDomainComputersTheGmsaIsRetrievableByEveryComputerAndRaisesAHighFinding() {
		String name = LabDirectory.unique("iw");
		String group = name + "-hosts";
		this.lab.group(group);
		String dn = this.lab.rawGmsa(name, List.of(), 0x18, "widened later", this.lab.sid(group));
		// a computer that is in no group at all: only its primaryGroupID (515) makes it a Domain Computer
		String computer = this.lab.computer(name.toUpperCase(Locale.ROOT) + "W");
		String domainComputers = this.lab.domainSid() + "-515";
		this.lab.allow(dn, SecurityDescriptor.allowingRetrieval(List.of(this.lab.sid(group), domainComputers)));

		DirectoryListing listing = this.lab.read();
		ListedGmsa gmsa = InventoryLab.gmsa(listing, name);

		assertThat(gmsa.allowed()).extracting(ListedPrincipal::name).containsExactly(group, "Domain Computers");
		assertThat(gmsa.retrievers()).extracting(ListedPrincipal::name).contains(computer);
		assertThat(gmsa.incomplete()).isEmpty();
		List<Finding> findings = new DirectoryAssessor((Duration) null)
			.findings(new InventoryData(List.of(listing), List.of(), List.of()));
		assertThat(findings).filteredOn((f) -> f.subject().equals("gmsa:lab.test/" + name + "$"))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.severity()).isEqualTo(Severity.HIGH);
				assertThat(f.code()).isEqualTo("broad-retrievers");
				assertThat(f.reason()).contains("Domain Computers").contains(domainComputers);
				assertThat(f.fix()).contains("Set-ADServiceAccount -Identity " + name
						+ " -PrincipalsAllowedToRetrieveManagedPassword");
			});
	}

	@Test
	void aNestedGroupCycleResolvesToExactlyTheUsersAndComputersAtEveryLevel() {
		String name = LabDirectory.unique("ic");
		String g1 = name + "-g1";
		String g2 = name + "-g2";
		String g3 = name + "-g3";
		for (String group : List.of(g1, g2, g3)) {
			this.lab.group(group);
		}
		String upper = name.toUpperCase(Locale.ROOT);
		List<String> users = List.of(this.lab.user(name + "-u1"), this.lab.user(name + "-u2"),
				this.lab.user(name + "-u3"));
		List<String> computers = List.of(this.lab.computer(upper + "1"), this.lab.computer(upper + "2"),
				this.lab.computer(upper + "3"));
		this.lab.addMembers(g1, g2, users.get(0), computers.get(0));
		this.lab.addMembers(g2, g3, users.get(1), computers.get(1));
		this.lab.addMembers(g3, g1, users.get(2), computers.get(2));
		// an account outside the chain, so a wrong expansion cannot pass by listing everything
		this.lab.user(name + "-x");
		this.lab.rawGmsa(name + "a", List.of(), 0x18, "cycle from g1", this.lab.sid(g1));
		this.lab.rawGmsa(name + "b", List.of(), 0x18, "cycle from g3", this.lab.sid(g3));

		DirectoryListing listing = this.lab.read();

		for (String gmsa : List.of(name + "a", name + "b")) {
			ListedGmsa listed = InventoryLab.gmsa(listing, gmsa);
			assertThat(listed.retrievers()).extracting(ListedPrincipal::name)
				.containsExactlyInAnyOrder(users.get(0), users.get(1), users.get(2), computers.get(0),
						computers.get(1), computers.get(2));
			assertThat(listed.retrievers()).filteredOn((p) -> p.name().startsWith(name + "-u"))
				.extracting(ListedPrincipal::kind).containsOnly(Kind.USER);
			assertThat(listed.incomplete()).isEmpty();
		}
	}

	@Test
	void aSidThatNoLongerResolvesMarksTheEntryIncompleteAndKeepsTheRest() {
		String name = LabDirectory.unique("iu");
		String group = name + "-hosts";
		this.lab.group(group);
		String user = this.lab.user(name + "-u");
		this.lab.addMembers(group, user);
		String gone = this.lab.domainSid() + "-987654";
		this.lab.rawGmsa(name, List.of(), 0x18, "stale SID", this.lab.sid(group), gone);

		ListedGmsa gmsa = InventoryLab.gmsa(this.lab.read(), name);

		assertThat(gmsa.allowed()).extracting(ListedPrincipal::kind).containsExactly(Kind.GROUP, Kind.UNRESOLVED);
		assertThat(gmsa.retrievers()).extracting(ListedPrincipal::name).containsExactly(user);
		assertThat(gmsa.incomplete()).singleElement().asString().contains(gone).contains("does not resolve");
	}

	@Test
	void aDenyAceTakesItsGroupsMembersAwayFromTheRetrievers() {
		String name = LabDirectory.unique("id");
		this.lab.group(name + "-a");
		this.lab.group(name + "-d");
		String kept = this.lab.user(name + "-k");
		String denied = this.lab.user(name + "-n");
		this.lab.addMembers(name + "-a", kept, denied);
		this.lab.addMembers(name + "-d", denied);
		String dn = this.lab.rawGmsa(name, List.of(), 0x18, "deny", this.lab.sid(name + "-a"));
		this.lab.allow(dn, new SecurityDescriptor(SecurityDescriptor.CONTROL, SecurityDescriptor.BUILTIN_ADMINISTRATORS,
				null, List.of(new SecurityDescriptor.Ace(1, 0, SecurityDescriptor.GMSA_READER_MASK, this.lab.sid(name + "-d")),
						new SecurityDescriptor.Ace(0, 0, SecurityDescriptor.GMSA_READER_MASK, this.lab.sid(name + "-a")))));

		ListedGmsa gmsa = InventoryLab.gmsa(this.lab.read(), name);

		assertThat(gmsa.allowed()).extracting(ListedPrincipal::name).containsExactly(name + "-a");
		assertThat(gmsa.retrievers()).extracting(ListedPrincipal::name).containsExactly(kept);
	}

	@Test
	void theNamedUsersAreListedWithTheirGroupsAndMissingOnesLeftOut() {
		String name = LabDirectory.unique("iv");
		this.lab.group(name + "-g");
		String user = this.lab.user(name + "-u");
		this.lab.addMembers(name + "-g", user);

		DirectoryListing listing = this.lab.read(user, name + "-none", "bad*name");

		assertThat(listing.users()).as("%s", listing.incomplete()).singleElement().satisfies((u) -> {
			assertThat(u.samAccountName()).isEqualTo(user);
			assertThat(u.passwordLastSet()).isNotNull();
			assertThat(u.memberOf()).anyMatch((g) -> g.toLowerCase(Locale.ROOT).startsWith("cn=" + name + "-g,"));
			assertThat(u.disabled()).isFalse();
		});
		assertThat(listing.kdsRootKeys()).isNotEmpty();
		assertThat(listing.domain()).isEqualTo("lab.test");
		assertThat(listing.incomplete()).singleElement().asString().contains("bad*name");
	}

	@Test
	void aDomainControllerThatStopsAnsweringAfterAPageLeavesWhatWasReadMarkedIncomplete() throws Exception {
		String name = LabDirectory.unique("ip");
		this.lab.group(name + "-hosts");
		for (int i = 0; i < 3; i++) {
			this.lab.rawGmsa(name + i, List.of(), 0x18, "paged", this.lab.sid(name + "-hosts"));
		}
		DirectoryConnection impatient = impatient();
		String pid = Files.readString(this.lab.lab.dir().resolve("samba.pid")).strip();
		DirectoryListing listing;
		try {
			// SIGSTOP after the first page: to the client, a DC that hangs mid-listing
			listing = this.lab.read(impatient, 2, (pages) -> {
				if (pages == 1) {
					LabDirectory.run("kill", "-STOP", pid);
				}
			});
		}
		finally {
			LabDirectory.run("kill", "-CONT", pid);
		}
		assertThat(listing.gmsas()).hasSize(2);
		assertThat(listing.complete()).isFalse();
		assertThat(listing.incomplete()).singleElement().asString()
			.startsWith("gMSAs: the domain controller stopped answering after 2 gMSAs (page 2)")
			.contains("the domain may hold more than listed");
		// the whole listing again once the DC answers, paged the same way
		assertThat(this.lab.read(this.lab.admin, 2, (pages) -> {
		}).gmsas()).hasSizeGreaterThanOrEqualTo(3).extracting(ListedGmsa::samAccountName).contains(name + "2$");
	}

	@Test
	void aFaultOnTheListingSessionWhileThePageBeforeIsResolvedKeepsThatPageAndMarksTheListingIncomplete() {
		String name = LabDirectory.unique("il");
		String group = name + "-hosts";
		this.lab.group(group);
		String user = this.lab.user(name + "-u");
		this.lab.addMembers(group, user);
		for (int i = 0; i < 3; i++) {
			this.lab.rawGmsa(name + i, List.of(), 0x18, "second session", this.lab.sid(group));
		}

		// the listing runs on its own session and thread: the fault comes while page 1 is resolved on the first
		DirectoryListing listing = this.lab.read(this.lab.admin, 2, (pages) -> {
			if (pages == 2) {
				throw new IllegalStateException("listing session lost");
			}
		});

		assertThat(listing.gmsas()).hasSize(2);
		assertThat(listing.complete()).isFalse();
		assertThat(listing.incomplete()).singleElement().asString()
			.startsWith("gMSAs: the domain controller stopped answering after 2 gMSAs (page 2)")
			.contains("listing session lost")
			.contains("the domain may hold more than listed");
		// the session the fault left is not lent again: the next read is whole and resolves as before
		DirectoryListing again = this.lab.read(this.lab.admin, 2, (pages) -> {
		});
		assertThat(again.complete()).as("%s", again.incomplete()).isTrue();
		assertThat(InventoryLab.gmsa(again, name + "2").retrievers()).extracting(ListedPrincipal::name)
			.containsExactly(user);
	}

	private DirectoryConnection impatient() {
		LabDirectory dc = this.lab.lab;
		return DirectoryConnections.build("lab", new DirectorySettings.Connection(
				List.of(URI.create(dc.setting("GMSA_LAB_LDAPS_URL"))), "lab.test", false,
				Path.of(dc.setting("GMSA_LAB_CA_FILE")), false, false, dc.setting("GMSA_LAB_DOMAIN_ADMIN"),
				dc.setting("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"), null, Duration.ofSeconds(5), Duration.ofSeconds(2),
				new DirectorySettings.Ou(null, null, null)));
	}

}
