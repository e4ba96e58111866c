package org.gmsaportal.provisioning;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.InvalidCredentialSpecInputException;
import org.gmsaportal.credspec.PortableIdentity;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.Located;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStore;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStores;
import org.gmsaportal.secretstores.StoredSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The steps of a rotation run: a new generated password on the portable user, a new version of the secret in the
 * store the node's plug-in reads, and the proof through that store. The secret keeps the marker of the provisioning
 * run that first wrote it, so that its decommission still removes it (and only it). The password goes from memory
 * to the directory and the store; only the secret's name and version reach logs, results and audit events.
 */
@Component
class RotationSteps {

	private static final Logger logger = LoggerFactory.getLogger(RotationSteps.class);

	private final Directory directory;

	private final SecretStores stores;

	private final PasswordVault vault;

	private final AuditTrail audit;

	RotationSteps(Directory directory, SecretStores stores, PasswordVault vault, AuditTrail audit) {
		this.directory = directory;
		this.stores = stores;
		this.vault = vault;
		this.audit = audit;
	}

	StepRunner.Outcome execute(StepRunner.RunContext run, RunView.StepView step) {
		return switch (step.kind()) {
			case SET_PORTABLE_PASSWORD -> {
				freshPassword(run);
				yield new StepRunner.Outcome(StepState.SUCCEEDED, "SET", "set a new generated password on "
						+ user(run) + "; kept in memory for the store only, never shown", null);
			}
			case WRITE_PORTABLE_SECRET -> write(run, step);
			case PROVE_RETRIEVAL -> prove(run);
			default -> throw new StepFailedException("A rotation run has no " + step.kind() + " step.");
		};
	}

	/**
	 * Sets a new password on the portable user, only on the user the source run created: its user step says it
	 * created it, and the account still carries the portal's marker.
	 */
	private SecretValue freshPassword(StepRunner.RunContext run) {
		String conn = run.request().directoryConnection();
		Located found = this.directory.locate(conn, Directory.ObjectType.USER, user(run), run.request().where().userOu());
		if (!found.exists() || !found.createdByPortal()) {
			throw new StepFailedException("The portable user " + user(run) + " is " + (found.exists()
					? "not marked as created by the portal (" + found.distinguishedName() + ")" : "gone from the directory")
					+ ": a rotation sets passwords only on a user the portal created. Abandon this rotation.");
		}
		SecretValue password = this.vault.generate();
		this.directory.setPassword(conn, user(run), password, run.ref());
		this.vault.keepUnshown(run.runId(), password);
		return password;
	}

	/**
	 * Writes the new version. Run again after a failed write (a resume), or after a restart lost the password, it
	 * first sets a fresh password, so that AD and the store hold the same one once this succeeds.
	 */
	private StepRunner.Outcome write(StepRunner.RunContext run, RunView.StepView step) {
		String source = source(run);
		SecretDestination where = destination(run);
		SecretStore store = store(where);
		StoredSecret before = call(() -> store.inspect(where));
		if (!before.exists() || !before.writtenByPortal() || !source.equals(before.writtenByRun())) {
			throw new StepFailedException(store.displayName() + " secret " + where.secretName() + " is "
					+ (before.exists() ? "not the one run " + source + " wrote (" + writer(before) + ")" : "gone")
					+ ": a rotation writes only over the secret the portal wrote. Abandon this rotation, or put the "
					+ "secret back, then resume.");
		}
		boolean retry = step.attempts() > 0 || this.vault.forRun(run.runId()).isEmpty();
		SecretValue password = retry ? freshPassword(run) : this.vault.forRun(run.runId()).orElseThrow();
		PortableIdentitySecret value = where.preset()
			.secretFor(new PortableIdentity(run.domain(), user(run), password))
			.orElseThrow(() -> new StepFailedException("The portal does not know the secret format of this plug-in."));
		StoredSecret written;
		try {
			written = store.write(where, value);
		}
		catch (SecretStoreException ex) {
			throw new StepFailedException(ex.getMessage() + " The directory already holds the user's new password: "
					+ "resume the rotation once the store is fixed; it sets a fresh password and writes it again.");
		}
		String version = String.valueOf(written.version());
		logger.info("Rotation {} wrote a new version of {} secret {} (version {})", run.runId(), store.displayName(),
				where.secretName(), version);
		this.audit.record(AuditEvent.of("provisioning.portable-identity.rotated", run.request().gmsaName() + "@"
				+ run.domain(), AuditOutcome.SUCCESS)
			.withDetails(Map.of("rotationRun", run.runId(), "sourceRun", source, "user", user(run), "store",
					store.displayName(), "secret", where.secretName(), "version", version))
			.withCorrelation(run.runId(), run.ticket()));
		return new StepRunner.Outcome(StepState.SUCCEEDED, "WRITTEN", "wrote a new version of " + store.displayName()
				+ " secret " + where.secretName() + ", version " + version + (retry ? ", with a fresh password set "
						+ "after a failed or interrupted write" : "") + "; " + oldVersions(store), null);
	}

	/** Reads the identity back from the store and proves retrieval with it, the path ccg.exe takes on the node. */
	private StepRunner.Outcome prove(StepRunner.RunContext run) {
		SecretDestination where = destination(run);
		SecretStore store = store(where);
		PortableIdentitySecret read = call(() -> store.read(where));
		PortableIdentity identity;
		try {
			identity = where.preset().identityFrom(read);
		}
		catch (InvalidCredentialSpecInputException ex) {
			throw new StepFailedException(store.displayName() + " secret " + where.secretName() + " is not in the "
					+ "plug-in's format: " + ex.field() + " " + ex.rule() + ".");
		}
		if (!identity.userName().equalsIgnoreCase(user(run))) {
			throw new StepFailedException(store.displayName() + " secret " + where.secretName() + " names user "
					+ identity.userName() + ", not the portable user " + user(run) + ".");
		}
		Directory.Ensured ensured = this.directory.proveRetrieval(run.request().directoryConnection(),
				run.request().gmsaName(), identity.userName(), identity.password(), run.ref());
		if (ensured.result() == Directory.Result.DRIFT) {
			throw new StepFailedException(ensured.detail() + " (with the credentials read from " + store.displayName()
					+ " secret " + where.secretName() + ")");
		}
		return new StepRunner.Outcome(StepState.SUCCEEDED, ensured.result().name(), ensured.detail()
				+ "; retrieval proven through " + store.displayName() + " (secret " + where.secretName() + ")", null);
	}

	/** What happens to the version the rotation replaced, per store: said on the run page, and in the README. */
	static String oldVersions(SecretStore store) {
		String name = store.displayName().toLowerCase(java.util.Locale.ROOT);
		if (name.contains("key vault")) {
			return "the previous version stays enabled in the vault until someone disables it";
		}
		if (name.contains("secrets manager")) {
			return "the previous version keeps the AWSPREVIOUS label until the next rotation";
		}
		return "the Secret was replaced in place; a Kubernetes Secret keeps no earlier value";
	}

	/** Where the source run wrote the secret: the destination keeps that run's marker. */
	static SecretDestination destination(StepRunner.RunContext run) {
		HostAccountPreset preset = Objects.requireNonNull(RequestTranslation.preset(run.request()), "a portable request");
		String connection = (run.request().target() instanceof Target.Cluster cluster) ? cluster.connection() : null;
		return new SecretDestination(preset, connection, source(run), run.request().ticketRef());
	}

	private static String source(StepRunner.RunContext run) {
		return Objects.requireNonNull(run.decommissions(), "a rotation run names the run it rotates");
	}

	private static String user(StepRunner.RunContext run) {
		return ((Hosts.Portable) run.request().hosts()).userName();
	}

	private static String writer(StoredSecret found) {
		if (!found.writtenByPortal()) {
			return "it has no portal marker";
		}
		return (found.writtenByRun() != null) ? "written by portal run " + found.writtenByRun()
				: "marked as the portal's but by no run";
	}

	private SecretStore store(SecretDestination where) {
		return call(() -> this.stores.forPreset(where.preset()));
	}

	private static <T> T call(Supplier<T> action) {
		try {
			return action.get();
		}
		catch (SecretStoreException ex) {
			throw new StepFailedException(ex.getMessage());
		}
	}

}
