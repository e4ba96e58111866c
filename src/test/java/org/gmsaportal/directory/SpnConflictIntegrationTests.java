package org.gmsaportal.directory;

import java.util.List;

import org.gmsaportal.audit.AuditOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A duplicate SPN is caught before any write, and still explained when only the DC catches it.
 */
class SpnConflictIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final RecordingAuditTrail audit = new RecordingAuditTrail();

	private final IdentityManagement identities = new IdentityManagement(this.audit);

	private final DirectoryConnection admin = this.lab.admin();

	private String holderWithSpn(String spn) {
		String name = LabDirectory.unique("sh");
		this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-hosts"));
		return this.identities.ensureGmsa(this.admin, GmsaRequest.of(name, name + "-hosts")
			.withExtraSpns(List.of(spn))).distinguishedName();
	}

	private GmsaRequest second(String spn) {
		String name = LabDirectory.unique("sd");
		this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-hosts"));
		return GmsaRequest.of(name, name + "-hosts").withExtraSpns(List.of(spn));
	}

	private boolean exists(String name) {
		return this.lab.samba("ldbsearch", "-b", "DC=lab,DC=test", "(sAMAccountName=" + name + "$)", "dn")
			.contains("dn: ");
	}

	@Test
	void duplicateSpnIsCaughtByThePreCheckBeforeAnyWrite() {
		String spn = "http/" + LabDirectory.unique("dup") + ".lab.test";
		String holder = holderWithSpn(spn);
		GmsaRequest request = second(spn);
		assertThatThrownBy(() -> this.identities.ensureGmsa(this.admin, request))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("SPN " + spn + " is already registered on " + holder);
		assertThat(exists(request.name())).isFalse();
		assertThat(this.audit.events).last()
			.satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE));
	}

	@Test
	void hostAliasCollisionIsCaughtByThePreCheck() {
		String host = LabDirectory.unique("al") + ".lab.test";
		String holder = holderWithSpn("http/" + host);
		GmsaRequest request = second("HOST/" + host);
		assertThatThrownBy(() -> this.identities.ensureGmsa(this.admin, request))
			.hasMessageContaining("SPN HOST/" + host + " is already registered on " + holder)
			.hasMessageContaining("HOST alias");
		assertThat(exists(request.name())).isFalse();
	}

	@Test
	void duplicateSpnRejectedByTheDcIsExplainedWithTheHolder() {
		String spn = "MSSQLSvc/" + LabDirectory.unique("db") + ".lab.test:1433";
		String holder = holderWithSpn(spn);
		GmsaRequest request = second(spn);
		// Skip the pre-check, as when another admin registers the SPN between check and write.
		assertThatThrownBy(() -> this.identities.ensureGmsa(this.admin, request, false))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("The domain controller refused to create the gMSA")
			.hasMessageContaining("SPN " + spn + " is already registered on " + holder)
			.hasMessageNotContaining("LDAP: error code");
		assertThat(exists(request.name())).isFalse();
	}

}
