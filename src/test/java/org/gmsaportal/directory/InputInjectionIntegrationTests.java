package org.gmsaportal.directory;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.gmsaportal.directory.EnsureResult.Outcome;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Injection strings fed into every input: refused with the field's rule, or stored literally, never interpreted.
 */
class InputInjectionIntegrationTests {

	private static final List<String> HOSTILE = List.of("*)(objectClass=*", "x*", "\\", "a,b", "a+b", "a\0b",
			"a".repeat(300), "名前*)", "CN=x,DC=lab,DC=test");

	private final LabDirectory lab = LabDirectory.shared();

	private final AuditRecorder audit = new AuditRecorder();

	private final IdentityManagement identities = new IdentityManagement(this.audit, null);

	private final DirectoryConnection admin = this.lab.admin();

	private int objectCount() {
		return (int) this.lab.samba("ldbsearch", "-b", "DC=lab,DC=test", "(objectClass=*)", "dn")
			.lines()
			.filter(l -> l.startsWith("dn: "))
			.count();
	}

	private void refusedForEveryHostileValue(String field, Consumer<String> input) {
		for (String value : HOSTILE) {
			assertThatThrownBy(() -> input.accept(value)).as(field + " <- " + value)
				.isInstanceOf(DirectoryException.class)
				.hasMessageStartingWith(field)
				.hasMessageNotContaining("\0");
		}
	}

	@Test
	void everyInputRefusesHostileValuesAndNothingIsWritten() {
		String group = LabDirectory.unique("ig");
		this.identities.ensureGroup(this.admin, GroupRequest.of(group));
		int before = objectCount();
		int events = this.audit.events.size();

		refusedForEveryHostileValue("group name", v -> this.identities.ensureGroup(this.admin, GroupRequest.of(v)));
		refusedForEveryHostileValue("gMSA name", v -> this.identities.ensureGmsa(this.admin, GmsaRequest.of(v, group)));
		refusedForEveryHostileValue("SPN", v -> this.identities.ensureGmsa(this.admin,
				GmsaRequest.of(LabDirectory.unique("is"), group).withExtraSpns(List.of("http/" + v))));
		refusedForEveryHostileValue("allowed principals", v -> this.identities.ensureGmsa(this.admin,
				new GmsaRequest(LabDirectory.unique("ia"), null, List.of(), GmsaRequest.of("x", "y").encryptionTypes(),
						30, List.of(v), null)));
		refusedForEveryHostileValue("user name", v -> this.identities.ensurePortableUser(this.admin,
				new PortableUserRequest(v, group, null)));
		refusedForEveryHostileValue("group", v -> this.identities.ensurePortableUser(this.admin,
				new PortableUserRequest(LabDirectory.unique("iu"), v, null)));
		refusedForEveryHostileValue("container", v -> this.identities.ensureGroup(this.admin,
				new GroupRequest(LabDirectory.unique("ic"), GroupScope.DOMAIN_LOCAL, v + ",DC=evil")));
		refusedForEveryHostileValue("member", v -> this.identities.ensureMembership(this.admin, group, v));
		refusedForEveryHostileValue("gMSA name",
				v -> new PasswordRetrievalProof(this.audit, null).prove(this.admin, v, "lab.outsider", "x".toCharArray()));

		assertThat(objectCount()).isEqualTo(before);
		assertThat(this.audit.events).hasSize(events);
		assertThat(this.identities.decommission(this.admin,
				new CreatedObject("group", "CN=*,DC=lab,DC=test", UUID.randomUUID())).outcome())
			.isEqualTo(Outcome.ALREADY_ABSENT);
	}

	@Test
	void specialCharactersThatAreAllowedAreStoredLiterallyAndFoundAgain() {
		// Parentheses end filters and a leading # starts a hex DN value unless both are escaped.
		String name = "#Ops (lab) äöü " + LabDirectory.unique("");
		EnsureResult created = this.identities.ensureGroup(this.admin, GroupRequest.of(name));
		assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(this.identities.ensureGroup(this.admin, GroupRequest.of(name)).outcome())
			.isEqualTo(Outcome.ALREADY_AS_REQUESTED);
		assertThat(this.lab.samba("ldbsearch", "-b", "DC=lab,DC=test", "(objectGUID=" + created.objectGuid() + ")",
				"sAMAccountName")).contains("sAMAccountName:");
		assertThat(this.identities.decommission(this.admin, CreatedObject.of(created)).outcome())
			.isEqualTo(Outcome.DELETED);
	}

}
