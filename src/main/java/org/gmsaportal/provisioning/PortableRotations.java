package org.gmsaportal.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.gmsaportal.audit.Actor;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Rotation of the portable identity of a succeeded provisioning run whose identity the portal wrote to a secret
 * store: plan, approve and start a rotation run (kind ROTATION, linked to the run it rotates, which stays
 * SUCCEEDED), and when each identity was last rotated and is next due. A rotation run is resumed and abandoned like
 * any run, through {@link ProvisioningService}.
 */
@Service
public class PortableRotations {

	private final RotationPlanner planner;

	private final RotationRepository rotations;

	private final ProvisioningService engine;

	private final RotationSettings settings;

	private final Clock clock;

	PortableRotations(RotationPlanner planner, RotationRepository rotations, ProvisioningService engine,
			RotationSettings settings, Clock clock) {
		this.planner = planner;
		this.rotations = rotations;
		this.engine = engine;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The plan of rotating the run's portable identity; changes nothing.
	 * @throws ProvisioningRefusedException if the run has no identity the portal wrote to a store, or a rotation of
	 * it is open (the refusal names it)
	 */
	public Plan plan(String runId) {
		return this.planner.plan(runId);
	}

	/**
	 * Binds an approval to the rotation's plan as it stands now.
	 * @throws ApprovalMismatchException if the approval is for another plan (it carries the current plan)
	 */
	public ApprovedPlan approve(String runId, Approval approval) {
		Plan plan = this.planner.plan(runId);
		if (!plan.hash().equals(approval.planHash())) {
			throw new ApprovalMismatchException("The approval is for plan " + approval.planHash() + ", not for plan "
					+ plan.hash() + ": approve the plan that is to run.", plan);
		}
		return new ApprovedPlan(plan, approval, RunKind.ROTATION, runId, Map.of());
	}

	/**
	 * Starts a rotation run of the provisioning run, approved by whoever acts on this thread.
	 * @return the rotation run's id
	 */
	public String rotate(String runId, Approval approval) {
		return this.engine.start(approve(runId, approval), null);
	}

	/** Starts a rotation the schedule approved: the portal's own decision, so it runs as {@code system}. */
	String rotateBySchedule(String runId, Duration interval) {
		Plan plan = this.planner.plan(runId);
		Approval approval = new Approval(plan.hash(), Actor.system().name(), this.clock.instant(),
				"scheduled rotation, every " + interval);
		return this.engine.start(new ApprovedPlan(plan, approval, RunKind.ROTATION, runId, Map.of()).byPolicy(),
				null);
	}

	/**
	 * When a portable identity in a store was last rotated and is next due.
	 *
	 * @param runId the provisioning run that wrote it
	 * @param gmsaName its gMSA
	 * @param domain the gMSA's domain
	 * @param lastRotation when its last rotation succeeded; null if it was never rotated
	 * @param nextRotation when the schedule rotates it next; null when no schedule is set
	 */
	public record Status(String runId, String gmsaName, String domain, @Nullable Instant lastRotation,
			@Nullable Instant nextRotation) {
	}

	/** Every portable identity the portal wrote to a store, oldest first, at most {@code limit}. */
	public List<Status> statuses(int limit) {
		return this.rotations.rotatableWithLastRotation(limit).stream()
			.map((row) -> status(row.getKey(), row.getValue().orElse(null)))
			.toList();
	}

	/** The rotation status of one provisioning run, if it wrote its portable identity to a store. */
	public java.util.Optional<Status> status(String runId) {
		return this.rotations.rotatable(runId).map(this::status);
	}

	private Status status(RotationRepository.Rotatable source) {
		return status(source, this.rotations.lastRotated(source.runId()).orElse(null));
	}

	private Status status(RotationRepository.Rotatable source, @Nullable Instant last) {
		Duration interval = this.settings.interval();
		Instant next = (interval != null) ? ((last != null) ? last : source.written()).plus(interval) : null;
		return new Status(source.runId(), source.gmsaName(), source.domain(), last, next);
	}

}
