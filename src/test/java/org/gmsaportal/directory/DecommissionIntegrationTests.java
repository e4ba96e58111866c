package org.gmsaportal.directory;

import java.util.List;
import java.util.UUID;

import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.directory.EnsureResult.Outcome;
import org.gmsaportal.directory.internal.Guids;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decommission deletes exactly the objects the portal recorded, and refuses objects it did not create.
 */
class DecommissionIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final AuditRecorder audit = new AuditRecorder();

	private final IdentityManagement identities = new IdentityManagement(this.audit, null);

	private final DirectoryConnection admin = this.lab.admin();

	private boolean exists(String samAccountName) {
		return this.lab.samba("ldbsearch", "-b", "DC=lab,DC=test", "(sAMAccountName=" + samAccountName + ")", "dn")
			.contains("dn: ");
	}

	@Test
	void decommissionRemovesExactlyWhatWasCreatedInReverse() {
		String name = LabDirectory.unique("dc");
		EnsureResult group = this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-hosts"));
		EnsureResult gmsa = this.identities.ensureGmsa(this.admin, GmsaRequest.of(name, name + "-hosts"));
		EnsureResult user = this.identities
			.ensurePortableUser(this.admin, new PortableUserRequest(name + "-ccg", name + "-hosts", null))
			.user();
		int before = objectCount();

		List<EnsureResult> deleted = List.of(gmsa, user, group)
			.stream()
			.map(created -> this.identities.decommission(this.admin, CreatedObject.of(created)))
			.toList();

		assertThat(deleted).extracting(EnsureResult::outcome).containsOnly(Outcome.DELETED);
		assertThat(exists(name + "$")).isFalse();
		assertThat(exists(name + "-ccg")).isFalse();
		assertThat(exists(name + "-hosts")).isFalse();
		assertThat(objectCount()).isEqualTo(before - 3);
		assertThat(this.identities.decommission(this.admin, CreatedObject.of(gmsa)).outcome())
			.isEqualTo(Outcome.ALREADY_ABSENT);
	}

	@Test
	void objectThePortalDidNotCreateIsRefusedAndKept() {
		String outsider = this.lab.setting("GMSA_LAB_OUTSIDER");
		String dn = "CN=" + outsider + ",OU=GmsaPortal,DC=lab,DC=test";
		UUID guid = UUID.fromString(this.lab.ldb("DC=lab,DC=test", "(sAMAccountName=" + outsider + ")", "objectGUID"));
		assertThatThrownBy(() -> this.identities.decommission(this.admin, new CreatedObject("user", dn, guid)))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("was not created by the portal");
		assertThat(exists(outsider)).isTrue();
		assertThat(this.audit.events).last()
			.satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED));
	}

	@Test
	void recordedGuidThatNoLongerMatchesTheNameTouchesNothing() {
		String name = LabDirectory.unique("dg");
		EnsureResult group = this.identities.ensureGroup(this.admin, GroupRequest.of(name));
		// Someone deleted the portal's group and made another with the same name: a different objectGUID.
		CreatedObject recorded = new CreatedObject("group", group.distinguishedName(), UUID.randomUUID());
		assertThat(this.identities.decommission(this.admin, recorded).outcome()).isEqualTo(Outcome.ALREADY_ABSENT);
		assertThat(exists(name)).isTrue();
		assertThat(Guids.toBytes(group.objectGuid())).hasSize(16);
		assertThatThrownBy(() -> this.identities.decommission(this.admin,
				new CreatedObject("gMSA", group.distinguishedName(), group.objectGuid())))
			.hasMessageContaining("is not a gMSA");
		assertThat(exists(name)).isTrue();
	}

	@Test
	void aGroupWithAMemberSomeoneElseAddedIsKeptUntilTheMemberIsGone() {
		String name = LabDirectory.unique("dm");
		EnsureResult group = this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-hosts"));
		String outsider = this.lab.setting("GMSA_LAB_OUTSIDER");
		this.lab.samba("samba-tool", "group", "addmembers", name + "-hosts", outsider);

		assertThatThrownBy(() -> this.identities.decommission(this.admin, CreatedObject.of(group)))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("still has members (CN=" + outsider + ",")
			.hasMessageContaining("remove them or delete the group yourself, then resume");
		assertThat(exists(name + "-hosts")).isTrue();
		assertThat(this.audit.events).last().satisfies(event -> {
			assertThat(event.action()).isEqualTo("directory.object.delete");
			assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
		});

		this.lab.samba("samba-tool", "group", "removemembers", name + "-hosts", outsider);
		assertThat(this.identities.decommission(this.admin, CreatedObject.of(group)).outcome())
			.isEqualTo(Outcome.DELETED);
		assertThat(exists(name + "-hosts")).isFalse();
	}

	@Test
	void aGroupAnotherGmsaStillTrustsIsKeptUntilThatGmsaIsGone() {
		String name = LabDirectory.unique("dr");
		EnsureResult group = this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-hosts"));
		EnsureResult mine = this.identities.ensureGmsa(this.admin, GmsaRequest.of(name, name + "-hosts"));
		// A second gMSA made to trust the same hosts group, outside this run.
		EnsureResult other = this.identities.ensureGmsa(this.admin, GmsaRequest.of(name + "x", name + "-hosts"));
		assertThat(this.identities.decommission(this.admin, CreatedObject.of(mine)).outcome())
			.isEqualTo(Outcome.DELETED);

		assertThatThrownBy(() -> this.identities.decommission(this.admin, CreatedObject.of(group)))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("may still read the password of " + other.distinguishedName())
			.hasMessageNotContaining(mine.distinguishedName());
		assertThat(exists(name + "-hosts")).isTrue();

		assertThat(this.identities.decommission(this.admin, CreatedObject.of(other)).outcome())
			.isEqualTo(Outcome.DELETED);
		assertThat(this.identities.decommission(this.admin, CreatedObject.of(group)).outcome())
			.isEqualTo(Outcome.DELETED);
		assertThat(exists(name + "-hosts")).isFalse();
	}

	@Test
	void aGmsaMadeToTrustTheGroupAfterAnEarlierCheckIsSeenAndOneDeletedSinceIsNot() {
		String name = LabDirectory.unique("dc");
		EnsureResult group = this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-hosts"));
		EnsureResult spare = this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-spare"));
		// The first check on the connection reads every gMSA; later ones read only those changed since (issue 18).
		assertThat(this.identities.decommission(this.admin, CreatedObject.of(spare)).outcome())
			.isEqualTo(Outcome.DELETED);
		long fullReads = this.admin.gmsaReaders().fullReads();
		EnsureResult later = this.identities.ensureGmsa(this.admin, GmsaRequest.of(name + "x", name + "-hosts"));

		assertThatThrownBy(() -> this.identities.decommission(this.admin, CreatedObject.of(group)))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("may still read the password of " + later.distinguishedName());
		assertThat(this.identities.decommission(this.admin, CreatedObject.of(later)).outcome())
			.isEqualTo(Outcome.DELETED);
		assertThat(this.identities.decommission(this.admin, CreatedObject.of(group)).outcome())
			.as("the deleted gMSA no longer keeps the group").isEqualTo(Outcome.DELETED);
		assertThat(this.admin.gmsaReaders().fullReads()).as("no check read every gMSA again").isEqualTo(fullReads);
	}

	@Test
	void theSearchForGmsasThatTrustAGroupReadsEveryPage() {
		// More gMSAs than one page holds, so that only a search that follows the paging cookie finds them all.
		String name = LabDirectory.unique("dp");
		this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-hosts"));
		for (int i = 0; i < 3; i++) {
			this.identities.ensureGmsa(this.admin, GmsaRequest.of(name + i, name + "-hosts"));
		}
		String filter = "(&(objectClass=msDS-GroupManagedServiceAccount)(sAMAccountName=" + name + "*))";
		List<String> paged = this.admin.withServiceAccount((ctx) -> Ldap.searchAllPages(ctx, "DC=lab,DC=test", filter, 2,
				"sAMAccountName")).stream().map((entry) -> string(entry, "sAMAccountName")).toList();
		assertThat(paged).containsExactlyInAnyOrder(name + "0$", name + "1$", name + "2$");
	}

	private static String string(javax.naming.directory.Attributes entry, String attribute) {
		try {
			return Ldap.string(entry, attribute);
		}
		catch (javax.naming.NamingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int objectCount() {
		return (int) this.lab.samba("ldbsearch", "-b", "DC=lab,DC=test", "(objectClass=*)", "dn")
			.lines()
			.filter(l -> l.startsWith("dn: "))
			.count();
	}

}
