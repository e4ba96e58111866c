package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.naming.directory.SearchControls;

import org.gmsaportal.directory.internal.Sids;
import org.gmsaportal.support.BenchTable;
import org.junit.jupiter.api.Test;

/**
 * Decommission's group-in-use check (issue 18, item 6) against the gMSAs of the lab DC: the check as a connection
 * makes it after its first ({@link GmsaReaders}: the gMSAs changed since, then the few that name the group) against
 * the first one, which reads every gMSA's security descriptor as each check did before. Prints medians and their
 * ratio; asserts nothing about time. For a large domain, run it after {@link DirectoryInventoryBenchmark} on the
 * same DC (its 10,000 gMSAs stay): {@code GMSA_LAB_DIR=/tmp/bench-dc ./mvnw -B test -Pbench
 * -Dtest=GroupInUseBenchmark}.
 */
class GroupInUseBenchmark {

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);

	private final LabDirectory lab = LabDirectory.shared();

	private final DirectoryConnection admin = this.lab.admin();

	@Test
	void groupInUseCheckAgainstReadingEveryGmsa() {
		String name = LabDirectory.unique("bg");
		new IdentityManagement(new org.gmsaportal.support.AuditRecorder(), null).ensureGroup(this.admin,
				GroupRequest.of(name + "-hosts"));
		String sid = this.admin.withServiceAccount(ctx -> Sids.toString(Ldap.bytes(Ldap.search(ctx, "DC=lab,DC=test",
				"(sAMAccountName=" + name + "-hosts)", SearchControls.SUBTREE_SCOPE, "objectSid").get(0), "objectSid")));
		int gmsas = this.admin.withServiceAccount(ctx -> Ldap.searchAllPages(ctx, "DC=lab,DC=test",
				"(objectClass=msDS-GroupManagedServiceAccount)", 1000, "cn").size());
		List<Double> full = new ArrayList<>();
		List<Double> kept = new ArrayList<>();
		GmsaReaders warm = new GmsaReaders();
		this.admin.withServiceAccount(ctx -> warm.naming(ctx, sid));
		for (int i = 0; i < ROUNDS; i++) {
			full.add(time(() -> this.admin.withServiceAccount(ctx -> new GmsaReaders().naming(ctx, sid))));
			kept.add(time(() -> this.admin.withServiceAccount(ctx -> warm.naming(ctx, sid))));
		}
		BenchTable table = new BenchTable("Decommission group-in-use check on the lab DC");
		table.add("check, " + gmsas + " gMSAs in the domain, median ms", median(kept), median(full));
		table.print("baseline: reading every gMSA's security descriptor, as main did; " + ROUNDS + " rounds");
	}

	private static double time(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return (System.nanoTime() - start) / 1e6;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}
