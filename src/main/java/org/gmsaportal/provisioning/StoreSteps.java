package org.gmsaportal.provisioning;

import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.InvalidCredentialSpecInputException;
import org.gmsaportal.credspec.PortableIdentity;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.Directory.Ensured;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStore;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStores;
import org.gmsaportal.secretstores.StoredSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a run whose portable identity goes straight to the store its node's plug-in reads, for
 * {@link StepRunner}: the write, the proof through the store, and the removal. The password goes from memory to
 * the store; only the secret's name and version reach logs, results and audit events.
 */
final class StoreSteps {

	private static final Logger logger = LoggerFactory.getLogger(StoreSteps.class);

	private final SecretStores stores;

	private final Directory directory;

	private final PortableUserSteps portableUsers;

	StoreSteps(SecretStores stores, Directory directory, PortableUserSteps portableUsers) {
		this.stores = stores;
		this.directory = directory;
		this.portableUsers = portableUsers;
	}

	/**
	 * Writes the portable identity to the store. Run again after a failed write (a resume), it first sets a fresh
	 * password on the user (one this run created, as {@link PortableUserSteps} rules), so that whatever the failed
	 * write left behind, AD and the store hold the same password once this succeeds.
	 */
	StepRunner.Outcome write(StepRunner.RunContext run, RunView.StepView step) {
		SecretDestination where = RequestTranslation.destination(run.request(), run.runId());
		SecretStore store = store(where);
		StoredSecret before = call(() -> store.inspect(where));
		if (before.exists() && !(before.writtenByPortal() && run.runId().equals(before.writtenByRun()))) {
			throw new StepFailedException(store.displayName() + " already holds secret " + where.secretName() + ", "
					+ writer(before) + ": the portal does not overwrite it. Remove it from the store (or abandon this "
					+ "run and file one with another secret name), then resume.");
		}
		boolean retry = run.steps().stream().anyMatch((s) -> s.index() == step.index() && s.attempts() > 0);
		SecretValue password = retry ? this.portableUsers.freshPassword(run, "must change after a failed write")
				: this.portableUsers.password(run);
		Hosts.Portable portable = (Hosts.Portable) run.request().hosts();
		PortableIdentity identity = new PortableIdentity(run.domain(), portable.userName(), password);
		PortableIdentitySecret value = where.preset().secretFor(identity)
			.orElseThrow(() -> new StepFailedException("The portal does not know the secret format of this plug-in."));
		StoredSecret written;
		try {
			written = store.write(where, value);
		}
		catch (SecretStoreException ex) {
			throw new StepFailedException(ex.getMessage() + " The directory already holds the user's new password: "
					+ "resume the run once the store is fixed; it sets a fresh password and writes it again.");
		}
		logger.info("Run {} wrote the portable identity to {} secret {} (version {})", run.runId(), store.displayName(),
				where.secretName(), written.version());
		return new StepRunner.Outcome(StepState.SUCCEEDED, "WRITTEN", "wrote the portable identity of "
				+ portable.userName() + " to " + store.displayName() + " " + where.secretName() + ", version "
				+ written.version() + (retry ? ", with a fresh password set after the failed write" : "")
				+ "; the password went from memory to the store and is never shown", null);
	}

	/** Reads the identity back from the store and proves retrieval with it, the path ccg.exe takes on the node. */
	StepRunner.Outcome prove(StepRunner.RunContext run) {
		SecretDestination where = RequestTranslation.destination(run.request(), run.runId());
		SecretStore store = store(where);
		PortableIdentitySecret read = call(() -> store.read(where));
		PortableIdentity identity;
		try {
			identity = where.preset().identityFrom(read);
		}
		catch (InvalidCredentialSpecInputException ex) {
			throw new StepFailedException(store.displayName() + " " + where.secretName() + " is not in the "
					+ "plug-in's format: " + ex.field() + " " + ex.rule() + ". Resume after the write step wrote it again.");
		}
		Hosts.Portable portable = (Hosts.Portable) run.request().hosts();
		if (!identity.userName().equalsIgnoreCase(portable.userName())) {
			throw new StepFailedException(store.displayName() + " " + where.secretName() + " names user "
					+ identity.userName() + ", not the run's portable user " + portable.userName() + ".");
		}
		ProvisioningRequest request = run.request();
		Ensured ensured = this.directory.proveRetrieval(request.directoryConnection(), request.gmsaName(),
				identity.userName(), identity.password(), run.ref());
		if (ensured.result() == Directory.Result.DRIFT) {
			throw new StepFailedException(ensured.detail() + " (with the credentials read from " + store.displayName()
					+ " " + where.secretName() + ")");
		}
		return new StepRunner.Outcome(StepState.SUCCEEDED, ensured.result().name(), ensured.detail()
				+ "; retrieval proven through " + store.displayName() + " (" + where.secretName() + ")", null);
	}

	/**
	 * Removes the secret the provisioning run wrote, and only that one: a secret without its marker is left alone
	 * and the step is blocked, as other removals are.
	 */
	StepRunner.Outcome remove(StepRunner.RunContext run) {
		String writer = java.util.Objects.requireNonNull(run.decommissions(), "a decommission run");
		SecretDestination where = RequestTranslation.destination(run.request(), writer);
		SecretStore store = store(where);
		StoredSecret found = call(() -> store.inspect(where));
		if (!found.exists()) {
			return new StepRunner.Outcome(StepState.SUCCEEDED, "ALREADY_GONE", store.displayName() + " "
					+ where.secretName() + " no longer exists", null);
		}
		if (!found.writtenByPortal() || !writer.equals(found.writtenByRun())) {
			throw new StepBlockedException(store.displayName() + " " + where.secretName() + " is "
					+ writer(found) + ", not by run " + writer + ": the portal removes only the secret it wrote. "
					+ "Remove it yourself if nothing needs it, then resume.");
		}
		StoredSecret after = call(() -> store.remove(where));
		if (after.exists()) {
			throw new StepBlockedException(store.displayName() + " " + where.secretName() + " changed while the "
					+ "portal removed it and was left alone: check who wrote it, then resume.");
		}
		logger.info("Run {} removed {} secret {} (version {})", run.runId(), store.displayName(), where.secretName(),
				found.version());
		return new StepRunner.Outcome(StepState.SUCCEEDED, "REMOVED", "deleted " + store.displayName() + " "
				+ where.secretName() + ", written by run " + writer, null);
	}

	/** Who wrote a stored secret, in words, from its marker. */
	static String writer(StoredSecret found) {
		if (!found.writtenByPortal()) {
			return "not written by the portal (it has no portal marker)";
		}
		return (found.writtenByRun() != null) ? "written by portal run " + found.writtenByRun()
				: "marked as the portal's but by no run";
	}

	private SecretStore store(SecretDestination where) {
		HostAccountPreset preset = where.preset();
		return call(() -> this.stores.forPreset(preset));
	}

	private static <T> T call(java.util.function.Supplier<T> action) {
		try {
			return action.get();
		}
		catch (SecretStoreException ex) {
			throw new StepFailedException(ex.getMessage());
		}
	}

}
