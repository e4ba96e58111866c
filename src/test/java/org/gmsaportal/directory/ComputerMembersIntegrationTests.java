package org.gmsaportal.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Only real computer accounts join the allowed-hosts group (which may retrieve the gMSA password), in the plan
 * and at run time, against the Samba lab DC: another gMSA's {@code name$} and a user whose sAMAccountName ends
 * in {@code $} are refused naming what they are; a computer made by {@code samba-tool computer add} is accepted,
 * disabled as that tool leaves it, with a warning.
 */
class ComputerMembersIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final DirectoryConnection admin = this.lab.admin();

	private final AuditRecorder audit = new AuditRecorder();

	private final IdentityManagement identities = new IdentityManagement(this.audit, null);

	private final IdentityPreview preview = new IdentityPreview();

	private String group() {
		String group = LabDirectory.unique("cg");
		this.identities.ensureGroup(this.admin, GroupRequest.of(group));
		return group;
	}

	@Test
	void anotherGmsaIsNotAComputerAccountInThePlanOrAtRunTime() {
		String group = group();
		String other = LabDirectory.unique("og");
		this.identities.ensureGmsa(this.admin, GmsaRequest.of(other, group));
		EnsureResult planned = this.preview.membership(this.admin, group, other + "$", false);
		assertThat(planned.outcome()).isEqualTo(EnsureResult.Outcome.DRIFT);
		assertThat(planned.drift()).containsExactly(other + "$ is not a computer account (it is a gMSA)");

		assertThatThrownBy(() -> this.identities.ensureMembership(this.admin, group, other + "$"))
			.isInstanceOf(DirectoryException.class)
			.hasMessage("member: " + other + "$ is not a computer account (it is a gMSA)");
		assertThat(this.lab.ldb("CN=" + group + ",CN=Users,DC=lab,DC=test", "(objectClass=group)", "cn"))
			.isEqualTo(group);
		assertThat(members(group)).doesNotContainIgnoringCase(other);
		assertThat(this.audit.events).last().satisfies(e -> {
			assertThat(e.action()).isEqualTo("directory.group-membership.ensure");
			assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILURE);
		});
	}

	@Test
	void aUserWhoseNameEndsInDollarIsNotAComputerAccount() throws IOException {
		String group = group();
		String user = LabDirectory.unique("ud").toUpperCase(Locale.ROOT) + "$";
		ldbadd("dn: CN=" + user + ",CN=Users,DC=lab,DC=test\nobjectClass: user\nsAMAccountName: " + user
				+ "\nuserAccountControl: 514\n");
		EnsureResult planned = this.preview.membership(this.admin, group, user, false);
		assertThat(planned.outcome()).isEqualTo(EnsureResult.Outcome.DRIFT);
		assertThat(planned.drift()).containsExactly(user + " is not a computer account (it is a user)");
		assertThatThrownBy(() -> this.identities.ensureMembership(this.admin, group, user))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining(user + " is not a computer account (it is a user)");
		assertThat(members(group)).doesNotContainIgnoringCase(user.substring(0, user.length() - 1));
	}

	@Test
	void aComputerAccountJoinsAndADisabledOneIsAWarningNotAnError() throws IOException {
		String group = group();
		String disabled = LabDirectory.unique("DC").toUpperCase(Locale.ROOT);
		// samba-tool computer add leaves the account disabled (userAccountControl 0x1002).
		this.lab.samba("samba-tool", "computer", "add", disabled);
		EnsureResult planned = this.preview.membership(this.admin, group, disabled + "$", false);
		assertThat(planned.outcome()).isEqualTo(EnsureResult.Outcome.PLANNED);
		assertThat(planned.drift()).isEmpty();
		assertThat(planned.warnings()).singleElement().asString().startsWith(disabled + "$ is disabled");
		EnsureResult added = this.identities.ensureMembership(this.admin, group, disabled + "$");
		assertThat(added.outcome()).isEqualTo(EnsureResult.Outcome.CREATED);
		assertThat(added.warnings()).singleElement().asString().startsWith(disabled + "$ is disabled");

		String enabled = LabDirectory.unique("EC").toUpperCase(Locale.ROOT);
		this.lab.samba("samba-tool", "computer", "add", enabled);
		this.lab.samba("samba-tool", "user", "enable", enabled + "$");
		EnsureResult plannedEnabled = this.preview.membership(this.admin, group, enabled + "$", false);
		assertThat(plannedEnabled.outcome()).isEqualTo(EnsureResult.Outcome.PLANNED);
		assertThat(plannedEnabled.warnings()).isEmpty();
		assertThat(this.identities.ensureMembership(this.admin, group, enabled + "$").outcome())
			.isEqualTo(EnsureResult.Outcome.CREATED);
		assertThat(this.preview.membership(this.admin, group, enabled + "$", false).outcome())
			.isEqualTo(EnsureResult.Outcome.ALREADY_AS_REQUESTED);
		assertThat(members(group)).containsIgnoringCase("CN=" + disabled + ",").containsIgnoringCase("CN=" + enabled + ",");
	}

	private String members(String group) {
		return this.lab.samba("ldbsearch", "-b", "CN=" + group + ",CN=Users,DC=lab,DC=test", "(objectClass=group)",
				"member");
	}

	private void ldbadd(String ldif) throws IOException {
		Path file = Files.createTempFile("dollar-user", ".ldif");
		try {
			Files.writeString(file, ldif);
			this.lab.samba("ldbadd", file.toString());
		}
		finally {
			Files.delete(file);
		}
	}

}
