package org.gmsaportal.directory;

import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.gmsaportal.audit.AuditTrail;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * A run's session starts from what its plan's session read (issue 18), against the real lab DC: on the same DC one
 * search checks every name the plan read by {@code uSNChanged}, and what it proves unchanged is not read again; a
 * name changed or made since, or another DC, is read again.
 */
class PlanReadsIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final IdentityManagement identities = new IdentityManagement(mock(AuditTrail.class), null);

	@Test
	void aRunsSessionReusesWhatThePlanReadAfterOneGuardSearch() {
		DirectoryConnection connection = this.lab.admin();
		String group = group(connection);
		String absent = LabDirectory.unique("none");
		PlanReads planned = plan(connection, group, absent);
		assertThat(planned.names()).isEqualTo(2);

		try (Directory.Session run = connection.hold(planned); LdapBudget.Tally tally = LdapBudget.open()) {
			assertThat(connection.domainFacts().dnsName()).isEqualToIgnoringCase("lab.test");
			assertThat(tally.spent().reads()).as("the rootDSE only: the plan's DC answers").isEqualTo(1);
			assertThat(find(connection, group)).isNotNull();
			assertThat(find(connection, absent)).isNull();
			assertThat(tally.spent().reads()).as("one guard search for both names").isEqualTo(2);
		}
	}

	@Test
	void aNameChangedOrMadeSinceThePlanIsReadAgain() throws Exception {
		DirectoryConnection connection = this.lab.admin();
		String group = group(connection);
		String absent = LabDirectory.unique("none");
		PlanReads planned = plan(connection, group, absent);

		// Outside the portal's sessions: the group becomes a distribution group, and the absent name is taken.
		DirectoryConnection outside = this.lab.admin();
		String dn = find(outside, group).get("distinguishedName").get().toString();
		outside.withServiceAccount(ctx -> {
			ctx.modifyAttributes(dn, new ModificationItem[] { new ModificationItem(DirContext.REPLACE_ATTRIBUTE,
					new BasicAttribute("groupType", "2")) });
			return null;
		});
		group(outside, absent);

		try (Directory.Session run = connection.hold(planned); LdapBudget.Tally tally = LdapBudget.open()) {
			connection.domainFacts();
			assertThat(find(connection, group).get("groupType").get()).as("the change, not the plan's read")
				.isEqualTo("2");
			assertThat(find(connection, absent)).as("made since the plan").isNotNull();
			// rootDSE, the guard search, and each name read again
			assertThat(tally.spent().reads()).isEqualTo(4);
		}
	}

	@Test
	void anotherDcMeansEverythingIsReadAgain() {
		DirectoryConnection connection = this.lab.admin();
		String group = group(connection);
		PlanReads planned = plan(connection, group, LabDirectory.unique("none"));
		DomainFacts facts = connection.domainFacts();
		DomainFacts elsewhere = new DomainFacts(facts.defaultNamingContext(), facts.configurationNamingContext(),
				facts.rootDomainNamingContext(), facts.domainSid(), facts.domainGuid(), facts.dnsName(),
				facts.netbiosName(), facts.forestDnsName(), "dc9.lab.test", facts.dcServerReference(), facts.dcTime(),
				facts.domainFunctionality(), facts.forestFunctionality(), facts.dcFunctionality());
		PlanReads fromDc9 = new PlanReads(planned.connection(), elsewhere, planned.configuration(),
				planned.accounts());

		try (Directory.Session run = connection.hold(fromDc9); LdapBudget.Tally tally = LdapBudget.open()) {
			assertThat(connection.domainFacts().dcHostName()).isEqualTo(facts.dcHostName());
			assertThat(find(connection, group)).isNotNull();
			// the domain's facts in full (4) and the name itself: no guard search, since uSNChanged is per DC
			assertThat(tally.spent().reads()).isEqualTo(5);
		}
	}

	private PlanReads plan(DirectoryConnection connection, String... names) {
		try (Directory.Session plan = connection.hold()) {
			for (String name : names) {
				find(connection, name);
			}
			return plan.reads();
		}
	}

	private String group(DirectoryConnection connection) {
		return group(connection, LabDirectory.unique("guard"));
	}

	private String group(DirectoryConnection connection, String name) {
		this.identities.ensureGroup(connection, new GroupRequest(name, GroupScope.GLOBAL, null));
		return name;
	}

	private static Attributes find(DirectoryConnection connection, String name) {
		return connection.withServiceAccount(ctx -> Accounts.find(ctx, DomainFacts.read(ctx).defaultNamingContext(),
				name, "distinguishedName", "groupType"));
	}

}
