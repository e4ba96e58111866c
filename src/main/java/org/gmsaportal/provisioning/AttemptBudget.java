package org.gmsaportal.provisioning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.LdapBudget;
import org.gmsaportal.directory.PlanReads;

/**
 * The LDAP side of one attempt of a run, for {@link RunExecutor}: one session bound as the service account for all
 * its steps (one bind), started from what the approval's re-plan read where the DC proves it unchanged, and what the
 * attempt and each of its steps sent ({@link LdapBudget}), which the run stores with each step's outcome.
 */
final class AttemptBudget implements AutoCloseable {

	private final LdapBudget.Tally spent;

	private final Directory.Session session;

	private AttemptBudget(LdapBudget.Tally spent, Directory.Session session) {
		this.spent = spent;
		this.session = session;
	}

	/** Starts counting this thread's LDAP work and holds the run's session; close it on the same thread. */
	static AttemptBudget open(StepRunner steps, ProvisioningRequest request, PlanReads planned) {
		LdapBudget.Tally spent = LdapBudget.open();
		try {
			return new AttemptBudget(spent, steps.session(request, planned));
		}
		catch (RuntimeException ex) {
			spent.close();
			throw ex;
		}
	}

	/** Counts one step, from now until it is closed. */
	Step step() {
		return new Step();
	}

	/** The attempt's totals, for {@code provisioning.run.succeeded}: whoever checks them sees reads follow writes. */
	Map<String, Object> totals() {
		LdapBudget.Spent ldap = this.spent.spent();
		Map<String, Object> totals = new LinkedHashMap<>();
		totals.put("sessions", this.spent.sessions());
		totals.put("binds", ldap.binds());
		totals.put("reads", ldap.reads());
		totals.put("writes", ldap.writes());
		totals.put("millis", ldap.millis());
		return totals;
	}

	/** A step's budget in words, for its audit event. */
	static String described(RunView.Budget budget) {
		return budget.ldapReads() + " reads, " + budget.ldapWrites() + " writes, " + budget.ldapBinds() + " binds, "
				+ budget.ldapMillis() + " ms of " + budget.millis() + " ms";
	}

	/** Gives the session back, then stops counting; the totals stay readable. */
	@Override
	public void close() {
		try {
			this.session.close();
		}
		finally {
			this.spent.close();
		}
	}

	/** What one step sends, from its start until it is closed. */
	static final class Step implements AutoCloseable {

		private final long started = System.nanoTime();

		private final LdapBudget.Tally tally = LdapBudget.open();

		/** When the step started, as {@link System#nanoTime}. */
		long started() {
			return this.started;
		}

		/** The LDAP operations this thread sent while the step ran, and its whole time so far. */
		RunView.Budget budget() {
			LdapBudget.Spent spent = this.tally.spent();
			return new RunView.Budget(spent.reads(), spent.writes(), spent.binds(), spent.millis(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.started));
		}

		@Override
		public void close() {
			this.tally.close();
		}

	}

}
