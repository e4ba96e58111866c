package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.naming.ldap.LdapContext;

import org.gmsaportal.directory.ListedPrincipal.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group members read from the Samba lab DC in ranges, as AD hands out a large group's {@code member} values
 * (MaxValRange): Samba answers {@code member;range=...} requests the same way, so a range of two values walks every
 * range of a five-member group here, as 1,500 do on AD. And the batches of the principal and member searches
 * (1,000 SIDs or DNs in one filter) made small, so that a handful of objects crosses them.
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
			// the principal search brings the first range of two members; the expansion reads the other ranges
			MemberValues members = new MemberValues(2);
			Principals principals = new Principals(InventoryLab.BASE, members);
			principals.resolve(ldap, List.of(sid));
			GroupExpansion expansion = new GroupExpansion(InventoryLab.BASE, domainSid, members);
			expansion.load(ldap, List.of(principals.get(sid)));
			return expansion.closure(principals.get(sid));
		});

		assertThat(closure.accounts()).extracting(ListedPrincipal::name).containsExactlyInAnyOrderElementsOf(users);
		assertThat(closure.failures()).isEmpty();
	}

	/**
	 * Five SIDs in batches of two (three searches), three groups in batches of two, a nested group met as a member;
	 * with the members brought by the principal search ({@code captured}) or read by DN.
	 */
	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void moreSidsGroupsAndMembersThanOneBatchAllResolveAndExpand(boolean captured) {
		String name = LabDirectory.unique(captured ? "gb" : "gd");
		List<String> groups = List.of(name + "-g1", name + "-g2", name + "-g3");
		groups.forEach(this.lab::group);
		this.lab.group(name + "-n");
		List<String> users = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			users.add(this.lab.user(name + "-u" + i));
		}
		this.lab.addMembers(groups.get(0), users.get(0), users.get(1), users.get(2));
		this.lab.addMembers(groups.get(1), users.get(2), name + "-n");
		this.lab.addMembers(name + "-n", users.get(3));
		String gone = this.lab.domainSid() + "-987653";
		List<String> sids = new ArrayList<>(groups.stream().map(this.lab::sid).toList());
		sids.add(this.lab.sid(users.get(4)));
		sids.add(gone);
		String domainSid = this.lab.domainSid();

		Map<String, List<String>> closures = this.lab.admin.withServiceAccount((ctx) -> {
			LdapContext ldap = (LdapContext) ctx;
			MemberValues members = new MemberValues();
			Principals principals = new Principals(InventoryLab.BASE, members, 2);
			principals.resolve(ldap, sids);
			GroupExpansion expansion = new GroupExpansion(InventoryLab.BASE, domainSid,
					captured ? members : new MemberValues(), 2);
			List<ListedPrincipal> resolved = sids.stream().map(principals::get).toList();
			expansion.load(ldap, resolved);
			return resolved.stream().collect(Collectors.toMap(ListedPrincipal::sid, (p) -> switch (p.kind()) {
				case GROUP -> expansion.closure(p).accounts().stream().map(ListedPrincipal::name).sorted().toList();
				default -> List.of(p.kind().name() + " " + p.name());
			}));
		});

		assertThat(closures.get(sids.get(0))).containsExactly(users.get(0), users.get(1), users.get(2));
		assertThat(closures.get(sids.get(1))).containsExactly(users.get(2), users.get(3));
		assertThat(closures.get(sids.get(2))).isEmpty();
		assertThat(closures.get(sids.get(3))).containsExactly(Kind.USER + " " + users.get(4));
		assertThat(closures.get(gone)).containsExactly(Kind.UNRESOLVED + " null");
	}

}
