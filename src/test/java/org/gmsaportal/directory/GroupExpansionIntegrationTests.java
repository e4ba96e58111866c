package org.gmsaportal.directory;

import java.util.List;

import javax.naming.ldap.LdapContext;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group members read from the Samba lab DC in ranges, as AD hands out a large group's {@code member} values
 * (MaxValRange): Samba answers {@code member;range=...} requests the same way, so a range of two values walks every
 * range of a five-member group here, as 1,500 do on AD.
 */
class GroupExpansionIntegrationTests {

	private final InventoryLab lab = new InventoryLab();

	@Test
	void aGroupLargerThanOneRangeIsReadRangeByRange() {
		String name = LabDirectory.unique("gr");
		String group = name + "-g";
		this.lab.group(group);
		List<String> users = List.of(this.lab.user(name + "-u1"), this.lab.user(name + "-u2"),
				this.lab.user(name + "-u3"), this.lab.user(name + "-u4"), this.lab.user(name + "-u5"));
		this.lab.addMembers(group, users.toArray(String[]::new));
		String sid = this.lab.sid(group);
		String domainSid = this.lab.domainSid();

		GroupExpansion.Closure closure = this.lab.admin.withServiceAccount((ctx) -> {
			LdapContext ldap = (LdapContext) ctx;
			Principals principals = new Principals(InventoryLab.BASE);
			principals.resolve(ldap, List.of(sid));
			GroupExpansion expansion = new GroupExpansion(InventoryLab.BASE, domainSid, 2);
			expansion.load(ldap, List.of(principals.get(sid)));
			return expansion.closure(principals.get(sid));
		});

		assertThat(closure.accounts()).extracting(ListedPrincipal::name).containsExactlyInAnyOrderElementsOf(users);
		assertThat(closure.failures()).isEmpty();
	}

}
