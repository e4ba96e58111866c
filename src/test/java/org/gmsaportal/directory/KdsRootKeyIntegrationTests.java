package org.gmsaportal.directory;

import java.time.Duration;

import org.gmsaportal.directory.KdsStatus.State;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KDS root key listing and status on the shared lab DC, compared with samba-tool; nothing here deletes a key.
 */
class KdsRootKeyIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final AuditRecorder audit = new AuditRecorder();

	private final KdsRootKeyManagement kds = new KdsRootKeyManagement(this.audit, null);

	@Test
	void provisionedKeyIsListedAsSambaToolListsItAndIsUsable() {
		KdsStatus status = this.kds.status(this.lab.admin());
		assertThat(status.state()).isEqualTo(State.USABLE);
		String listed = this.lab.samba("samba-tool", "domain", "kds", "root-key", "list");
		assertThat(status.keys()).isNotEmpty()
			.allSatisfy(key -> assertThat(listed).contains("name " + key.id()));
		// Samba's provision backdates its key by 10 h 5 min, so it is usable as soon as the DC runs.
		assertThat(status.keys()).anySatisfy(key -> assertThat(key.usableAt(status.dcTime())).isTrue());
	}

	@Test
	void identityThatMayNotSeeKeysGetsUnknownNotMissing() {
		DirectoryConnection outsider = this.lab.as(this.lab.setting("GMSA_LAB_OUTSIDER"),
				this.lab.setting("GMSA_LAB_OUTSIDER_PASSWORD"));
		KdsStatus status = this.kds.status(outsider);
		assertThat(status.keys()).isEmpty();
		assertThat(status.state()).isEqualTo(State.UNKNOWN);
		assertThat(status.explanation()).contains("finding none does not mean there is none");
	}

	@Test
	void labKeyIsRefusedWithoutExplicitConfirmationAndNothingIsWritten() {
		int before = this.kds.status(this.lab.admin()).keys().size();
		assertThatThrownBy(() -> this.kds.create(this.lab.admin(), KdsKeyMode.LAB_BACKDATED, false))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("single-DC labs only");
		assertThat(this.kds.status(this.lab.admin()).keys()).hasSize(before);
		assertThat(this.audit.events).isEmpty();
	}

	@Test
	void statusMathUsesSambasTenHoursAndFiveMinutes() {
		assertThat(KdsRootKey.USABLE_AFTER).isEqualTo(Duration.ofMinutes(605));
	}

}
