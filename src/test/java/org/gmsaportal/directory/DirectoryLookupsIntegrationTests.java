package org.gmsaportal.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.gmsaportal.directory.DirectoryLookups.ComputerAccount;
import org.gmsaportal.directory.DirectoryLookups.ComputerMatches;
import org.gmsaportal.directory.DirectoryLookups.HeldSpn;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wizard's live lookups against the Samba lab DC: SPN collisions (also through the HOST alias mapping the
 * DC enforces) and the computer account search, with the accounts made by Samba's own tools.
 */
class DirectoryLookupsIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final DirectoryConnection admin = this.lab.admin();

	private final DirectoryLookups lookups = new DirectoryLookups();

	private final IdentityManagement identities = new IdentityManagement(new AuditRecorder(), null);

	/** A computer account added by samba-tool (which leaves it disabled), with its DN. */
	private String computer(String name, String... spns) {
		this.lab.samba("samba-tool", "computer", "add", name);
		for (String spn : spns) {
			this.lab.samba("samba-tool", "spn", "add", spn, name + "$");
		}
		return "CN=" + name + ",CN=Computers,DC=lab,DC=test";
	}

	@Test
	void retrieversNameOnlyThePrincipalsAGmsaLetsRetrieveItsPassword() {
		String allowed = LabDirectory.unique("ra");
		String other = LabDirectory.unique("rb");
		this.identities.ensureGroup(this.admin, GroupRequest.of(allowed));
		this.identities.ensureGroup(this.admin, GroupRequest.of(other));
		String gmsa = LabDirectory.unique("rg");
		this.identities.ensureGmsa(this.admin, GmsaRequest.of(gmsa, allowed));
		String computer = LabDirectory.unique("RC").toUpperCase(Locale.ROOT);
		computer(computer);

		Directory.Retrievers found = this.lookups.retrievers(this.admin, gmsa, List.of(other, allowed, "nobody-here"));
		assertThat(found.isGmsa()).isTrue();
		assertThat(found.distinguishedName()).containsIgnoringCase("CN=" + gmsa + ",");
		assertThat(found.allowed()).containsExactly(allowed);
		assertThat(this.lookups.retrievers(this.admin, LabDirectory.unique("rm"), List.of(allowed)).distinguishedName())
			.isNull();
		Directory.Retrievers notGmsa = this.lookups.retrievers(this.admin, computer, List.of(allowed));
		assertThat(notGmsa.kind()).isEqualTo("computer account");
		assertThat(notGmsa.allowed()).isEmpty();
	}

	@Test
	void anSpnHeldByAnotherAccountIsAConflictNamingTheHolder() {
		String name = LabDirectory.unique("SC").toUpperCase(Locale.ROOT);
		String spn = "http/" + name.toLowerCase(Locale.ROOT) + ".lab.test";
		String holder = computer(name, spn);
		List<HeldSpn> conflicts = this.lookups.spnConflicts(this.admin, LabDirectory.unique("gn"),
				List.of("HTTP/" + name + ".lab.test", "http/free-" + name.toLowerCase(Locale.ROOT) + ".lab.test"));
		assertThat(conflicts).singleElement().satisfies(c -> {
			assertThat(c.requested()).isEqualTo("HTTP/" + name + ".lab.test");
			assertThat(c.held()).isEqualTo(spn);
			assertThat(c.holder()).isEqualToIgnoringCase(holder);
			assertThat(c.message()).contains("is already registered on " + c.holder()).contains("setspn -D");
			assertThat(c.blocking()).isTrue();
		});
	}

	@Test
	void aHostSpnOnAnotherAccountMakesAMappedServiceClassAWarning() {
		String name = LabDirectory.unique("SA").toUpperCase(Locale.ROOT);
		String host = name.toLowerCase(Locale.ROOT) + ".lab.test";
		String holder = computer(name, "HOST/" + host);
		List<HeldSpn> conflicts = this.lookups.spnConflicts(this.admin, LabDirectory.unique("gn"),
				List.of("http/" + host));
		assertThat(conflicts).singleElement().satisfies(c -> {
			assertThat(c.held()).isEqualTo("HOST/" + host);
			assertThat(c.holder()).isEqualToIgnoringCase(holder);
			assertThat(c.message()).contains("HOST alias").contains("get a ticket for the gMSA instead of " + c.holder());
			assertThat(c.blocking()).isFalse();
		});
	}

	@Test
	void aMappedServiceClassOnAnotherAccountMakesItsHostSpnBlocking() {
		String name = LabDirectory.unique("SB").toUpperCase(Locale.ROOT);
		String host = name.toLowerCase(Locale.ROOT) + ".lab.test";
		String holder = computer(name, "HTTP/" + host);
		assertThat(this.lookups.spnConflicts(this.admin, LabDirectory.unique("gn"), List.of("HOST/" + host)))
			.singleElement().satisfies(c -> {
				assertThat(c.held()).isEqualTo("HTTP/" + host);
				assertThat(c.holder()).isEqualToIgnoringCase(holder);
				assertThat(c.blocking()).isTrue();
			});
	}

	@Test
	void theGmsasOwnSpnIsNoConflictButIsOneForAnotherGmsa() {
		String name = LabDirectory.unique("so");
		String spn = "http/" + name + ".lab.test";
		this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-hosts"));
		String dn = this.identities.ensureGmsa(this.admin, GmsaRequest.of(name, name + "-hosts")
			.withExtraSpns(List.of(spn))).distinguishedName();
		assertThat(this.lookups.spnConflicts(this.admin, name, List.of(spn))).isEmpty();
		assertThat(this.lookups.spnConflicts(this.admin, name + "$", List.of(spn, "host/" + name))).isEmpty();
		assertThat(this.lookups.spnConflicts(this.admin, LabDirectory.unique("ot"), List.of(spn)))
			.extracting(HeldSpn::holder).singleElement().asString().isEqualToIgnoringCase(dn);
		// Before the admin has named the gMSA, every holder is someone else.
		assertThat(this.lookups.spnConflicts(this.admin, " ", List.of(spn))).extracting(HeldSpn::holder)
			.singleElement().asString().isEqualToIgnoringCase(dn);
	}

	@Test
	void aMalformedSpnOrNameIsRefusedNamingTheRule() {
		assertThatThrownBy(() -> this.lookups.spnConflicts(this.admin, "web01", List.of("http/x)(servicePrincipalName=*")))
			.isInstanceOf(DirectoryException.class).hasMessageContaining("expected service/host");
		assertThatThrownBy(() -> this.lookups.spnConflicts(this.admin, "*", List.of("http/x.lab.test")))
			.isInstanceOf(DirectoryException.class).hasMessageStartingWith("gMSA name:");
		assertThat(this.lookups.spnConflicts(this.admin, "web01", List.of())).isEmpty();
	}

	@Test
	void theSearchFindsASambaToolComputerByPrefixAndBySubstring() {
		String name = LabDirectory.unique("CS").toUpperCase(Locale.ROOT);
		String dn = computer(name);
		ComputerMatches byPrefix = this.lookups.searchComputers(this.admin, name.substring(0, 5).toLowerCase(Locale.ROOT));
		assertThat(byPrefix.accounts()).extracting(ComputerAccount::samAccountName).contains(name + "$");
		ComputerAccount found = this.lookups.searchComputers(this.admin, name.substring(2)).accounts().stream()
			.filter(a -> a.samAccountName().equals(name + "$")).findFirst().orElseThrow();
		assertThat(found.distinguishedName()).isEqualToIgnoringCase(dn);
		// samba-tool computer add leaves the account disabled (userAccountControl 0x1002).
		assertThat(found.disabled()).isTrue();
		assertThat(found.dnsHostName()).isNull();
	}

	@Test
	void theSearchFindsByDnsHostNameAndLeavesOutGmsas() throws IOException {
		String prefix = LabDirectory.unique("CD").toUpperCase(Locale.ROOT);
		add(prefix, 1, "dNSHostName: " + prefix.toLowerCase(Locale.ROOT) + "0.apps.lab.test");
		String gmsa = prefix.toLowerCase(Locale.ROOT) + "g";
		this.identities.ensureGroup(this.admin, GroupRequest.of(gmsa + "-hosts"));
		this.identities.ensureGmsa(this.admin, GmsaRequest.of(gmsa, gmsa + "-hosts"));
		ComputerMatches result = this.lookups.searchComputers(this.admin, prefix.toLowerCase(Locale.ROOT) + "0.apps");
		assertThat(result.accounts()).singleElement().satisfies(a -> {
			assertThat(a.samAccountName()).isEqualTo(prefix + "0$");
			assertThat(a.dnsHostName()).isEqualTo(prefix.toLowerCase(Locale.ROOT) + "0.apps.lab.test");
			assertThat(a.disabled()).isFalse();
		});
		assertThat(this.lookups.searchComputers(this.admin, gmsa).accounts()).isEmpty();
	}

	@Test
	void filterCharactersAreSearchedLiterallyNotInterpreted() {
		// The DC's own computer account always exists, so an interpreted wildcard would find it.
		assertThat(this.lookups.searchComputers(this.admin, "a").accounts()).isNotEmpty();
		for (String injection : List.of("*", "*)(objectClass=*", "*))(|(sAMAccountName=*", "\\2a", "x)(cn=*")) {
			ComputerMatches result = this.lookups.searchComputers(this.admin, injection);
			assertThat(result.accounts()).as(injection).isEmpty();
			assertThat(result.truncated()).as(injection).isFalse();
		}
		assertThat(this.lookups.searchComputers(this.admin, "   ").accounts()).isEmpty();
		assertThatThrownBy(() -> this.lookups.searchComputers(this.admin, "x".repeat(65)))
			.isInstanceOf(DirectoryException.class).hasMessageStartingWith("computer search: 1 to 64 characters");
		assertThatThrownBy(() -> this.lookups.searchComputers(this.admin, "a\u0000b"))
			.isInstanceOf(DirectoryException.class).hasMessageContaining("without control characters");
	}

	@Test
	void theSearchReturnsAtMostTheLimitAndSaysWhenThereWasMore() throws IOException {
		String prefix = LabDirectory.unique("CL").toUpperCase(Locale.ROOT);
		add(prefix, DirectoryLookups.MAX_COMPUTERS + 2);
		ComputerMatches many = this.lookups.searchComputers(this.admin, prefix);
		assertThat(many.accounts()).hasSize(DirectoryLookups.MAX_COMPUTERS);
		assertThat(many.truncated()).isTrue();
		assertThat(many.accounts()).extracting(ComputerAccount::samAccountName).allMatch(n -> n.startsWith(prefix))
			.isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
		ComputerMatches one = this.lookups.searchComputers(this.admin, prefix + "7$");
		assertThat(one.accounts()).extracting(ComputerAccount::samAccountName).containsExactly(prefix + "7$");
		assertThat(one.truncated()).isFalse();
	}

	/** {@code count} enabled computer accounts PREFIX0$..., added in one ldbadd, with extra LDIF lines. */
	private void add(String prefix, int count, String... extra) throws IOException {
		StringBuilder ldif = new StringBuilder();
		for (int i = 0; i < count; i++) {
			ldif.append("dn: CN=").append(prefix).append(i).append(",CN=Computers,DC=lab,DC=test\n")
				.append("objectClass: computer\nsAMAccountName: ").append(prefix).append(i).append("$\n")
				.append("userAccountControl: 4096\n");
			for (String line : extra) {
				ldif.append(line).append('\n');
			}
			ldif.append('\n');
		}
		Path file = Files.createTempFile("computers", ".ldif");
		try {
			Files.writeString(file, ldif);
			this.lab.samba("ldbadd", file.toString());
		}
		finally {
			Files.delete(file);
		}
	}

}
