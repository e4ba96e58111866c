package org.gmsaportal.directory;

import javax.naming.directory.Attributes;

import org.gmsaportal.audit.AuditTrail;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * A held session (one run or request) against the real lab DC: one session for all the work, the domain's facts read
 * once, a name found once until the session writes, and nothing remembered once the hold ends (issue 18).
 */
class SessionHoldIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	@Test
	void workInAHoldSharesOneSessionAndReadsTheDomainsFactsOnce() {
		DirectoryConnection connection = this.lab.admin();
		long lent = connection.serviceSessionsLent();
		try (LdapBudget.Tally tally = LdapBudget.open(); Directory.Session hold = connection.hold()) {
			for (int i = 0; i < 5; i++) {
				assertThat(connection.domainFacts().dnsName()).isEqualToIgnoringCase("lab.test");
			}
			// rootDSE, the domain head, its crossRef and the DC's server object: once for the five
			assertThat(tally.spent().reads()).isEqualTo(4);
			assertThat(tally.sessions()).isEqualTo(1);
		}
		assertThat(connection.serviceSessionsLent() - lent).isEqualTo(1);
		try (LdapBudget.Tally tally = LdapBudget.open()) {
			connection.domainFacts();
			connection.domainFacts();
			// without a hold every call reads again and takes a session of its own
			assertThat(tally.spent().reads()).isEqualTo(8);
			assertThat(tally.sessions()).isEqualTo(2);
		}
	}

	@Test
	void aNameIsFoundOnceUntilTheSessionWritesThenAskedAgain() {
		DirectoryConnection connection = this.lab.admin();
		String group = LabDirectory.unique("hold");
		IdentityManagement identities = new IdentityManagement(mock(AuditTrail.class), null);
		try (Directory.Session hold = connection.hold(); LdapBudget.Tally tally = LdapBudget.open()) {
			assertThat(find(connection, group)).isNull();
			int afterFirst = tally.spent().reads();
			assertThat(find(connection, group)).isNull();
			assertThat(tally.spent().reads()).as("the second lookup of the same name").isEqualTo(afterFirst);

			identities.ensureGroup(connection, new GroupRequest(group, GroupScope.DOMAIN_LOCAL, null));
			Attributes created = find(connection, group);
			assertThat(created).as("found again after the write").isNotNull();
			assertThat(created.get("distinguishedName")).isNotNull();
			assertThat(created.get("objectSid")).as("only the attributes asked for").isNull();
		}
	}

	private static Attributes find(DirectoryConnection connection, String name) {
		return connection.withServiceAccount(ctx -> Accounts.find(ctx, DomainFacts.read(ctx).defaultNamingContext(),
				name, "distinguishedName", "objectClass"));
	}

}
