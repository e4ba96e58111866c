package org.gmsaportal.directory;

import java.time.Duration;
import java.util.List;

import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proof ccg.exe depends on: the portable user reads msDS-ManagedPassword over TLS, an outsider cannot.
 */
class PasswordRetrievalProofIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final AuditRecorder audit = new AuditRecorder();

	private final IdentityManagement identities = new IdentityManagement(this.audit, null);

	private final PasswordRetrievalProof proof = new PasswordRetrievalProof(this.audit, null);

	@Test
	void portableUserCanReadTheManagedPasswordAndTheProofReportsOnlyMetadata() {
		DirectoryConnection admin = this.lab.admin();
		String name = LabDirectory.unique("pf");
		this.identities.ensureGroup(admin, GroupRequest.of(name + "-hosts"));
		this.identities.ensureGmsa(admin, GmsaRequest.of(name, name + "-hosts"));
		PortableUserResult user = this.identities.ensurePortableUser(admin,
				new PortableUserRequest(name + "-ccg", name + "-hosts", null));

		ProofResult result = this.proof.prove(admin, name, name + "-ccg", user.password().reveal());

		assertThat(result.retrieved()).isTrue();
		assertThat(result.missingPreconditions()).isEmpty();
		assertThat(result.password().version()).isEqualTo(1);
		assertThat(result.password().currentPasswordBytes()).isEqualTo(256);
		assertThat(result.password().queryPasswordInterval()).isPositive().isLessThanOrEqualTo(Duration.ofDays(30));
		assertThat(this.audit.events).last().satisfies(event -> {
			assertThat(event.action()).isEqualTo(PasswordRetrievalProof.ACTION);
			assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
			assertThat(event.details().get("currentPasswordBytes")).isEqualTo(256);
		});
	}

	@Test
	void userOutsideTheAllowedGroupCannotAndTheProofSaysWhy() {
		DirectoryConnection admin = this.lab.admin();
		String name = LabDirectory.unique("po");
		this.identities.ensureGroup(admin, GroupRequest.of(name + "-hosts"));
		this.identities.ensureGmsa(admin, GmsaRequest.of(name, name + "-hosts"));

		ProofResult result = this.proof.prove(admin, name, this.lab.setting("GMSA_LAB_OUTSIDER"),
				this.lab.setting("GMSA_LAB_OUTSIDER_PASSWORD").toCharArray());

		assertThat(result.retrieved()).isFalse();
		assertThat(result.password()).isNull();
		assertThat(result.missingPreconditions()).singleElement()
			.asString()
			.contains("lab.outsider is not in a group")
			.contains("add it to the allowed group");
		assertThat(this.audit.events).last()
			.satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE));
	}

	@Test
	void anEmptyPasswordIsRefusedBeforeAnyBind() {
		DirectoryConnection admin = this.lab.admin();
		assertThatThrownBy(() -> this.proof.prove(admin, "anygmsa", "anyuser", new char[0]))
			.isInstanceOf(DirectoryException.class)
			.hasMessage("password: must not be empty");
		assertThat(this.audit.events).isEmpty();
	}

	@Test
	void wrongPasswordIsReportedAsARefusedSignIn() {
		String name = LabDirectory.unique("pw");
		DirectoryConnection admin = this.lab.admin();
		this.identities.ensureGroup(admin, GroupRequest.of(name + "-hosts"));
		this.identities.ensureGmsa(admin, GmsaRequest.of(name, name + "-hosts"));
		ProofResult result = this.proof.prove(admin, name, this.lab.setting("GMSA_LAB_OUTSIDER"),
				"wrong-Passw0rd".toCharArray());
		assertThat(result.retrieved()).isFalse();
		assertThat(result.explanation()).contains("refused the sign-in").doesNotContain("wrong-Passw0rd");
		assertThat(List.of(result.toString(), this.audit.dump())).noneMatch(s -> s.contains("wrong-Passw0rd"));
	}

}
