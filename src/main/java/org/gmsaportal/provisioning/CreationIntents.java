package org.gmsaportal.provisioning;

import java.time.Duration;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

import org.gmsaportal.directory.Directory.ObjectType;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.Located;

import org.springframework.stereotype.Component;

/**
 * Closes the gap between a directory write and its record. Before a step creates a group, gMSA or portable user,
 * the run records the object's DN (the intent); if the portal stops after the write but before the step's
 * outcome is recorded, the resumed attempt finds the object "already as requested". When that object is the
 * intended one, carries the portal's marker, was created no earlier than the intent and no other run recorded
 * creating it since, the run counts it as its own creation, so that its decommission removes it instead of leaving
 * it behind.
 */
@Component
class CreationIntents {

	// whenCreated and the DC's clock come in whole seconds, and may come from two DCs of the domain.
	static final Duration TOLERANCE = Duration.ofSeconds(2);

	private final Directory directory;

	private final RunAttemptRepository attempts;

	CreationIntents(Directory directory, RunAttemptRepository attempts) {
		this.directory = directory;
		this.attempts = attempts;
	}

	/**
	 * The object a create step is about to write.
	 *
	 * @param type group, gMSA or user
	 * @param name its name (a gMSA without {@code $})
	 */
	record Creation(ObjectType type, String name) {
	}

	/**
	 * A step about to run, as far as creating a directory object goes.
	 *
	 * @param creation what it creates, if it creates an object the run's decommission removes
	 * @param earlier the intent an earlier attempt of the run recorded for it, if any
	 * @param createdEarlier whether that attempt evidently created the object: only then is it the run's own
	 */
	record Prepared(Optional<Creation> creation, Optional<RunAttemptRepository.Intended> earlier,
			boolean createdEarlier) {
	}

	/** The step's creation, read before the attempt starts the step, so that an intent found is an earlier one's. */
	Prepared prepare(String runId, ProvisioningRequest request, RunView.StepView step) {
		Optional<Creation> creation = creation(request, step);
		Optional<RunAttemptRepository.Intended> earlier = creation
			.flatMap((c) -> this.attempts.intended(runId, step.index()));
		return new Prepared(creation, earlier, creation.isPresent() && earlier.isPresent()
				&& createdEarlier(runId, request, creation.get(), earlier.get()));
	}

	/** What the step creates, if it is a step that creates a directory object the run's decommission removes. */
	Optional<Creation> creation(ProvisioningRequest request, RunView.StepView step) {
		if (step.intent() != StepIntent.CREATE) {
			return Optional.empty();
		}
		return switch (step.kind()) {
			case ENSURE_GROUP -> Optional.of(new Creation(ObjectType.GROUP, request.groupName()));
			case ENSURE_GMSA -> Optional.of(new Creation(ObjectType.GMSA, request.gmsaName()));
			case ENSURE_PORTABLE_USER -> Optional.of(new Creation(ObjectType.USER, step.target()));
			default -> Optional.empty();
		};
	}

	/** Where the write will create the object, and the DC's time now: the intent to record before the write. */
	Located locate(ProvisioningRequest request, Creation creation) {
		Placement where = request.where();
		String container = switch (creation.type()) {
			case GROUP -> where.groupOu();
			case GMSA -> where.gmsaOu();
			case USER -> where.userOu();
		};
		return this.directory.locate(request.directoryConnection(), creation.type(), creation.name(), container);
	}

	/**
	 * The step's outcome, with the object counted as created by this run if an earlier attempt intended it and
	 * evidently created it.
	 */
	StepRunner.Outcome reconcile(String runId, ProvisioningRequest request, Creation creation,
			RunAttemptRepository.Intended intended, StepRunner.Outcome outcome) {
		if (!Directory.Result.ALREADY_AS_REQUESTED.name().equals(outcome.result())) {
			return outcome;
		}
		if (!createdEarlier(runId, request, creation, intended)) {
			return outcome;
		}
		return new StepRunner.Outcome(outcome.state(), Directory.Result.CREATED.name(),
				"created " + intended.distinguishedName() + " in an earlier attempt of this run, which stopped before "
						+ "recording it (it carries the portal's marker and was created after the run announced it); "
						+ "the run owns it and its decommission removes it. " + outcome.detail(),
				outcome.artifact());
	}

	/**
	 * Whether an earlier attempt of this run, which recorded {@code intended} before writing, evidently created the
	 * object: it exists where intended, carries the portal's marker, was created after the intent, and no other run
	 * recorded creating it.
	 */
	boolean createdEarlier(String runId, ProvisioningRequest request, Creation creation,
			RunAttemptRepository.Intended intended) {
		Located found = locate(request, creation);
		return found.exists() && found.createdByPortal() && found.whenCreated() != null
				&& sameDn(found.distinguishedName(), intended.distinguishedName())
				&& !found.whenCreated().isBefore(intended.at().minus(TOLERANCE))
				// e.g. a hosts group shared by two gMSAs: the run that recorded creating it owns it, not this one
				&& !this.attempts.createdByAnotherRun(runId, found.distinguishedName(), intended.at().minus(TOLERANCE));
	}

	private static boolean sameDn(String a, String b) {
		try {
			return new LdapName(a).equals(new LdapName(b));
		}
		catch (InvalidNameException ex) {
			return a.equalsIgnoreCase(b);
		}
	}

}
