package org.gmsaportal.directory;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changes to portal accounts beyond creation, against the Samba lab DC: a caller's password, a reset only
 * for the portal's own users, leaving a group, and previews that write nothing.
 */
class AccountMaintenanceIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final AuditRecorder audit = new AuditRecorder();

	private final AccountMaintenance accounts = new AccountMaintenance(this.audit);

	private final IdentityManagement identities = new IdentityManagement(this.audit, null);

	private final IdentityPreview preview = new IdentityPreview();

	@Test
	void aUserCreatedWithTheCallersPasswordSignsInWithIt() {
		DirectoryConnection admin = this.lab.admin();
		String name = LabDirectory.unique("mu");
		assertThat(this.preview.user(admin, name).outcome()).isEqualTo(EnsureResult.Outcome.PLANNED);
		assertThat(this.accounts.find(admin, "user", name)).isEmpty();
		String password = "Caller-Chosen-Pass-1!";
		assertThat(this.accounts.ensureUser(admin, name, password.toCharArray(), null).outcome())
			.isEqualTo(EnsureResult.Outcome.CREATED);
		assertThat(this.lab.as(name + "@lab.test", password).domainFacts().dnsName()).isEqualTo("lab.test");
		assertThat(this.preview.user(admin, name).outcome()).isEqualTo(EnsureResult.Outcome.ALREADY_AS_REQUESTED);

		String reset = "Reset-Pass-Chosen-2!";
		this.accounts.setPassword(admin, name, reset.toCharArray(), null);
		assertThat(this.lab.as(name + "@lab.test", reset).domainFacts().dnsName()).isEqualTo("lab.test");
		assertThat(this.audit.events.toString()).doesNotContain(password).doesNotContain(reset);
	}

	@Test
	void nothingIsWrittenWhenTheIntentCannotBeAudited() {
		DirectoryConnection admin = this.lab.admin();
		AuditTrail offline = (event) -> {
			throw new AuditUnavailableException("audit table offline", new IllegalStateException());
		};
		String name = LabDirectory.unique("fc");
		assertThatThrownBy(() -> new IdentityManagement(offline, null).ensureGroup(admin, GroupRequest.of(name)))
			.isInstanceOf(AuditUnavailableException.class);
		assertThatThrownBy(() -> new AccountMaintenance(offline).ensureUser(admin, name, "Never-Set-Pass-5!".toCharArray(), null))
			.isInstanceOf(AuditUnavailableException.class);
		assertThat(this.accounts.find(admin, "group", name)).isEmpty();
		assertThat(this.accounts.find(admin, "user", name)).isEmpty();
	}

	@Test
	void anExistingAccountThePortalDidNotCreateIsDriftNotAPlannedReset() {
		EnsureResult result = this.preview.user(this.lab.admin(), this.lab.setting("GMSA_LAB_AUDITOR"));
		assertThat(result.outcome()).isEqualTo(EnsureResult.Outcome.DRIFT);
		assertThat(result.drift()).anyMatch(d -> d.contains("was not created by the portal"));
	}

	@Test
	void aPasswordResetOfAnAccountThePortalDidNotCreateIsRefused() {
		DirectoryConnection admin = this.lab.admin();
		assertThatThrownBy(() -> this.accounts.setPassword(admin, this.lab.setting("GMSA_LAB_AUDITOR"),
				"Never-Applied-Pass-3!".toCharArray(), null))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("was not created by the portal");
		assertThat(this.lab.as(this.lab.setting("GMSA_LAB_AUDITOR") + "@lab.test",
				this.lab.setting("GMSA_LAB_AUDITOR_PASSWORD")).domainFacts()).isNotNull();
	}

	@Test
	void previewsWriteNothingAndMembershipCanBeRemovedAgain() {
		DirectoryConnection admin = this.lab.admin();
		String name = LabDirectory.unique("mg");
		assertThat(this.preview.group(admin, GroupRequest.of(name)).outcome()).isEqualTo(EnsureResult.Outcome.PLANNED);
		assertThat(this.preview.gmsa(admin, GmsaRequest.of(name, name)).outcome())
			.isEqualTo(EnsureResult.Outcome.PLANNED);
		assertThat(this.audit.events).isEmpty();
		assertThat(this.accounts.find(admin, "group", name)).isEmpty();

		this.identities.ensureGroup(admin, GroupRequest.of(name));
		this.accounts.ensureUser(admin, name + "u", "Member-Pass-Chosen-4!".toCharArray(), null);
		assertThat(this.preview.membership(admin, name, name + "u", false).outcome())
			.isEqualTo(EnsureResult.Outcome.PLANNED);
		assertThat(this.preview.membership(admin, name, "NOSUCHHOST$", false).outcome())
			.isEqualTo(EnsureResult.Outcome.DRIFT);
		assertThat(this.preview.membership(admin, name, "notyet", true).outcome()).isEqualTo(EnsureResult.Outcome.PLANNED);
		this.identities.ensureMembership(admin, name, name + "u");
		assertThat(this.preview.membership(admin, name, name + "u", false).outcome())
			.isEqualTo(EnsureResult.Outcome.ALREADY_AS_REQUESTED);
		assertThat(this.accounts.removeMembership(admin, name, name + "u", null).outcome())
			.isEqualTo(EnsureResult.Outcome.DELETED);
		assertThat(this.accounts.removeMembership(admin, name, name + "u", null).outcome())
			.isEqualTo(EnsureResult.Outcome.ALREADY_ABSENT);
	}

}
