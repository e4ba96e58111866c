package org.gmsaportal.provisioning;

import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory.Ensured;
import org.gmsaportal.directory.Directory.Mode;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.Located;

/**
 * The portable user's step and its password, for {@link StepRunner}. A run sets a password only on a user it
 * created itself: an account that existed before the run is never reset as a side effect (the plan blocks it, and
 * a run approved under an older plan that reaches one fails instead of resetting it).
 */
final class PortableUserSteps {

	private final Directory directory;

	private final PasswordVault vault;

	PortableUserSteps(Directory directory, PasswordVault vault) {
		this.directory = directory;
		this.vault = vault;
	}

	StepRunner.Outcome ensure(StepRunner.RunContext run, RunView.StepView step) {
		String conn = run.request().directoryConnection();
		String userName = step.target();
		SecretValue password = this.vault.generate();
		String ou = run.request().where().userOu();
		Ensured ensured = this.directory.ensurePortableUser(conn, userName, ou, password, Mode.APPLY, run.ref());
		if (ensured.result() == Directory.Result.CREATED) {
			keep(run, password);
			return new StepRunner.Outcome(StepState.SUCCEEDED, ensured.result().name(),
					ensured.detail() + "; password generated, " + handling(run), CreatedRecord.of(ensured));
		}
		if (ensured.result() == Directory.Result.DRIFT) {
			throw new StepFailedException(ensured.detail() + " The portal does not overwrite this; fix it in the "
					+ "directory, then resume.");
		}
		Located found = this.directory.locate(conn, Directory.ObjectType.USER, userName, ou);
		if (step.intent() == StepIntent.CREATE && found.createdByPortal() && run.createdEarlier()) {
			// An earlier attempt of this run created it and stopped before recording it (CreationIntents checked,
			// before this attempt, that no other run did): its password was never shown, so the run sets one.
			this.directory.setPassword(conn, userName, password, run.ref());
			keep(run, password);
			return new StepRunner.Outcome(StepState.SUCCEEDED, ensured.result().name(), "user "
					+ found.distinguishedName() + " was created by an earlier attempt of this run, which stopped "
					+ "before its password was used; password set to a new generated one, " + handling(run), null);
		}
		throw new StepFailedException("The portable user " + userName + " already exists (" + found.distinguishedName()
				+ ") and this run did not create it: a run never resets an existing account's password. Abandon this "
				+ "run and file a request with a new portable user name.");
	}

	/**
	 * The run's password; after a restart lost it, a new one is set, but only on a user this run created (its
	 * user step's result says so).
	 */
	SecretValue password(StepRunner.RunContext run) {
		return this.vault.forRun(run.runId()).orElseGet(() -> freshPassword(run, "is not known to this run"));
	}

	/**
	 * Sets a new generated password on the portable user and keeps it for the run; only on a user this run
	 * created (its user step's result says so), never on anyone else's account.
	 * @param why why the run needs a new one, for the refusal
	 */
	SecretValue freshPassword(StepRunner.RunContext run, String why) {
		Hosts.Portable portable = (Hosts.Portable) run.request().hosts();
		boolean created = run.steps().stream().anyMatch((s) -> s.kind() == StepKind.ENSURE_PORTABLE_USER
				&& Directory.Result.CREATED.name().equals(s.result()));
		if (!created) {
			throw new StepFailedException("The password of the portable user " + portable.userName() + " " + why
					+ " and the run did not create that user, so it does not reset it.");
		}
		SecretValue password = this.vault.generate();
		this.directory.setPassword(run.request().directoryConnection(), portable.userName(), password, run.ref());
		keep(run, password);
		return password;
	}

	private void keep(StepRunner.RunContext run, SecretValue password) {
		if (storeDelivered(run.request())) {
			this.vault.keepUnshown(run.runId(), password);
		}
		else {
			this.vault.put(run.runId(), password);
		}
	}

	private static String handling(StepRunner.RunContext run) {
		return storeDelivered(run.request()) ? "kept in memory for the secret store only, never shown" : "shown once";
	}

	/** Whether the run writes the password to the plug-in's store itself (and so never shows it). */
	static boolean storeDelivered(ProvisioningRequest request) {
		return request.hosts() instanceof Hosts.Portable portable && portable.secretDelivery() == SecretDelivery.STORE;
	}

}
