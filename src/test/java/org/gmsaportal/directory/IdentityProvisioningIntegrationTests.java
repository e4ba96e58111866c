package org.gmsaportal.directory;

import java.util.List;

import org.gmsaportal.directory.EnsureResult.Outcome;
import org.gmsaportal.directory.internal.SecurityDescriptor;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group, gMSA, portable user and membership against the Samba lab DC: created once, then idempotent.
 */
class IdentityProvisioningIntegrationTests {

	final LabDirectory lab = LabDirectory.shared();

	final AuditRecorder audit = new AuditRecorder();

	final IdentityManagement identities = new IdentityManagement(this.audit, null);

	final DirectoryConnection admin = this.lab.admin();

	/** The objects one deployment needs. */
	record Identity(String name, EnsureResult group, EnsureResult gmsa, PortableUserResult user) {
	}

	Identity provision(String prefix) {
		String name = LabDirectory.unique(prefix);
		EnsureResult group = this.identities.ensureGroup(this.admin, GroupRequest.of(name + "-hosts"));
		EnsureResult gmsa = this.identities.ensureGmsa(this.admin, GmsaRequest.of(name, name + "-hosts")
			.withExtraSpns(List.of("http/" + name + "-web.lab.test")));
		PortableUserResult user = this.identities.ensurePortableUser(this.admin,
				new PortableUserRequest(name + "-ccg", name + "-hosts", null));
		return new Identity(name, group, gmsa, user);
	}

	@Test
	void fullIdentitySetIsCreatedThenASecondRunChangesNothingAndSaysSo() {
		Identity first = provision("gs");
		assertThat(List.of(first.group(), first.gmsa(), first.user().user(), first.user().membership()))
			.extracting(EnsureResult::outcome)
			.containsOnly(Outcome.CREATED);
		assertThat(first.user().password()).isNotNull();
		assertThat(first.gmsa().warnings()).anyMatch(w -> w.contains("cannot be changed later"));
		String spns = this.lab.samba("ldbsearch", "-b", "DC=lab,DC=test", "(sAMAccountName=" + first.name() + "$)",
				"servicePrincipalName");
		assertThat(spns).contains("servicePrincipalName: host/" + first.name(),
				"servicePrincipalName: host/" + first.name() + ".lab.test",
				"servicePrincipalName: http/" + first.name() + "-web.lab.test");
		int events = this.audit.events.size();

		EnsureResult group = this.identities.ensureGroup(this.admin, GroupRequest.of(first.name() + "-hosts"));
		EnsureResult gmsa = this.identities.ensureGmsa(this.admin, GmsaRequest.of(first.name(), first.name() + "-hosts")
			.withExtraSpns(List.of("http/" + first.name() + "-web.lab.test")));
		PortableUserResult user = this.identities.ensurePortableUser(this.admin,
				new PortableUserRequest(first.name() + "-ccg", first.name() + "-hosts", null));
		assertThat(List.of(group, gmsa, user.user(), user.membership())).extracting(EnsureResult::outcome)
			.containsOnly(Outcome.ALREADY_AS_REQUESTED);
		assertThat(gmsa.summary()).contains("already as requested; nothing changed");
		assertThat(user.password()).isNull();
		assertThat(gmsa.objectGuid()).isEqualTo(first.gmsa().objectGuid());
		assertThat(this.audit.events).hasSize(events + 4);
	}

	@Test
	void changedSpnListIsReportedAsDriftAndNothingIsChanged() {
		Identity identity = provision("gd");
		EnsureResult again = this.identities.ensureGmsa(this.admin,
				GmsaRequest.of(identity.name(), identity.name() + "-hosts")
					.withExtraSpns(List.of("http/" + identity.name() + "-new.lab.test")));
		assertThat(again.outcome()).isEqualTo(Outcome.DRIFT);
		assertThat(again.drift()).singleElement()
			.asString()
			.contains("servicePrincipalName differs")
			.contains("missing [http/" + identity.name().toLowerCase() + "-new.lab.test]")
			.contains("not requested [http/" + identity.name().toLowerCase() + "-web.lab.test]");
		assertThat(this.lab.samba("ldbsearch", "-b", "DC=lab,DC=test", "(sAMAccountName=" + identity.name() + "$)",
				"servicePrincipalName")).contains("-web.lab.test").doesNotContain("-new.lab.test");
	}

	@Test
	void driftIsRepairedOnlyWhenAskedAndThenMatches() {
		Identity identity = provision("gr");
		String other = identity.name() + "-b";
		this.identities.ensureGroup(this.admin, GroupRequest.of(other));
		GmsaRequest changed = new GmsaRequest(identity.name(), null, List.of("http/" + identity.name() + "-new.lab.test"),
				java.util.EnumSet.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), 30, List.of(other), null);
		assertThat(this.identities.ensureGmsa(this.admin, changed).drift()).hasSize(3);

		EnsureResult repaired = this.identities.repairGmsa(this.admin, changed);

		assertThat(repaired.outcome()).isEqualTo(Outcome.REPAIRED);
		assertThat(repaired.drift()).hasSize(3);
		assertThat(this.identities.ensureGmsa(this.admin, changed).outcome()).isEqualTo(Outcome.ALREADY_AS_REQUESTED);
		String otherSid = this.lab.ldb("DC=lab,DC=test", "(sAMAccountName=" + other + ")", "objectSid");
		assertThat(this.lab.ldb("DC=lab,DC=test", "(sAMAccountName=" + identity.name() + "$)",
				"msDS-GroupMSAMembership")).isEqualTo("O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;" + otherSid + ")");
		assertThat(this.audit.actions()).contains(GmsaRepair.ACTION);
	}

	@Test
	void writtenSecurityDescriptorRoundTripsAndTheDcsViewNamesExactlyTheGroup() {
		Identity identity = provision("gsd");
		String groupSid = this.lab.ldb("DC=lab,DC=test", "(sAMAccountName=" + identity.name() + "-hosts)",
				"objectSid");
		// Samba's own decoder renders the stored descriptor as SDDL.
		String sddl = this.lab.ldb("DC=lab,DC=test", "(sAMAccountName=" + identity.name() + "$)",
				"msDS-GroupMSAMembership");
		// 0xF01FF in SDDL letters; one ACE, for the group only, owner BUILTIN\Administrators.
		assertThat(sddl).isEqualTo("O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;" + groupSid + ")");
		byte[] stored = this.admin.withServiceAccount(ctx -> Ldap.bytes(
				Accounts.find(ctx, "DC=lab,DC=test", identity.name() + "$", "msDS-GroupMSAMembership"),
				"msDS-GroupMSAMembership"));
		SecurityDescriptor parsed = SecurityDescriptor.parse(stored);
		assertThat(parsed.retrievers()).containsExactly(groupSid);
		assertThat(parsed.toBytes()).isEqualTo(stored);
	}

	@Test
	void existingObjectThatIsNotAGroupIsDriftNotAnOverwrite() {
		EnsureResult result = this.identities.ensureGroup(this.admin,
				GroupRequest.of(this.lab.setting("GMSA_LAB_OUTSIDER")));
		assertThat(result.outcome()).isEqualTo(Outcome.DRIFT);
		assertThat(result.drift()).singleElement().asString().contains("not a group");
	}

	@Test
	void badNamesAreRefusedNamingTheRuleBeforeAnythingIsWritten() {
		assertThatThrownBy(() -> this.identities.ensureGmsa(this.admin, GmsaRequest.of("much-too-long-name1", "x")))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("gMSA name: must be 1 to 15");
		assertThatThrownBy(() -> this.identities.ensureGmsa(this.admin,
				GmsaRequest.of(LabDirectory.unique("gb"), "no-such-group-x")))
			.hasMessageContaining("allowed principals: no account or group named no-such-group-x");
		assertThat(this.audit.events).isEmpty();
	}

}
