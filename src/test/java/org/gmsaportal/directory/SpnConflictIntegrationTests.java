package org.gmsaportal.directory;

import java.util.List;
import java.util.Locale;

import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A duplicate SPN is caught before any write, and still explained when only the DC catches it. Through the HOST
 * alias mapping (sPNMappings), {@code HOST/x} while an alias is elsewhere blocks; {@code HTTP/x} while
 * {@code HOST/x} is on a computer is a warning, and Samba accepts it from an account that may write the computer.
 */
class SpnConflictIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final AuditRecorder audit = new AuditRecorder();

	private final IdentityManagement identities = new IdentityManagement(this.audit, null);

	private final IdentityPreview preview = new IdentityPreview();

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

	/** A computer account added by samba-tool, holding {@code spn} (set with samba-tool spn add), with its DN. */
	private String computer(String name, String spn) {
		this.lab.samba("samba-tool", "computer", "add", name);
		this.lab.samba("samba-tool", "spn", "add", spn, name + "$");
		return "CN=" + name + ",CN=Computers,DC=lab,DC=test";
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
			.hasMessageContaining("SPN HOST/" + host + " cannot be registered: " + holder + " holds http/" + host)
			.hasMessageContaining("HOST alias");
		assertThat(exists(request.name())).isFalse();
	}

	@Test
	void aHostSpnRequestedWhileAComputerHoldsAMappedAliasIsBlockingAndTheDcAgrees() {
		String computer = LabDirectory.unique("AY").toUpperCase(Locale.ROOT);
		String host = "aliasy-" + computer.toLowerCase(Locale.ROOT) + ".lab.test";
		String holder = computer(computer, "HTTP/" + host);
		GmsaRequest request = second("HOST/" + host);
		assertThat(this.preview.gmsa(this.admin, request).outcome()).isEqualTo(EnsureResult.Outcome.DRIFT);
		assertThatThrownBy(() -> this.identities.ensureGmsa(this.admin, request))
			.hasMessageContaining("SPN HOST/" + host + " cannot be registered: " + holder + " holds HTTP/" + host);
		// Samba's samldb refuses it too (constraintViolation), and the portal names the alias and its holder.
		assertThatThrownBy(() -> this.identities.ensureGmsa(this.admin, request, false))
			.hasMessageContaining("The domain controller refused to create the gMSA")
			.hasMessageContaining(holder + " holds HTTP/" + host);
		assertThat(exists(request.name())).isFalse();
	}

	@Test
	void aMappedServiceClassWhoseHostSpnAComputerHoldsIsAWarningAndTheGmsaIsCreated() {
		String computer = LabDirectory.unique("AX").toUpperCase(Locale.ROOT);
		String host = "aliasx-" + computer.toLowerCase(Locale.ROOT) + ".lab.test";
		String holder = computer(computer, "HOST/" + host);
		GmsaRequest request = second("HTTP/" + host);
		EnsureResult planned = this.preview.gmsa(this.admin, request);
		assertThat(planned.outcome()).isEqualTo(EnsureResult.Outcome.PLANNED);
		assertThat(planned.warnings()).singleElement().asString()
			.contains(holder + " holds HOST/" + host)
			.contains("accepts HTTP/" + host + " on the gMSA only if the portal's account may write " + holder)
			.contains("Kerberos clients asking for HTTP/" + host + " get a ticket for the gMSA instead of " + holder);
		// The lab's service account is a domain admin, so it may write the computer: Samba accepts the SPN.
		EnsureResult created = this.identities.ensureGmsa(this.admin, request);
		assertThat(created.outcome()).isEqualTo(EnsureResult.Outcome.CREATED);
		assertThat(created.warnings()).anySatisfy(w -> assertThat(w).contains(holder + " holds HOST/" + host));
		assertThat(this.lab.samba("ldbsearch", "-b", "DC=lab,DC=test", "(sAMAccountName=" + request.name() + "$)",
				"servicePrincipalName")).containsIgnoringCase("servicePrincipalName: HTTP/" + host);
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
