package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStore;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStores;

import org.springframework.stereotype.Component;

/**
 * Plans the rotation of a succeeded provisioning run's portable identity: a new password on the user it created,
 * a new version of the secret it wrote to the store, and the proof through the store. Refuses, naming why, a run
 * that has no such identity and a second rotation while one is open.
 */
@Component
class RotationPlanner {

	private final RunRepository runs;

	private final RotationRepository rotations;

	private final SecretStores stores;

	RotationPlanner(RunRepository runs, RotationRepository rotations, SecretStores stores) {
		this.runs = runs;
		this.rotations = rotations;
		this.stores = stores;
	}

	Plan plan(String runId) {
		RunView run = this.runs.find(runId)
			.orElseThrow(() -> new ProvisioningRefusedException("There is no run " + runId + "."));
		if (run.kind() != RunKind.PROVISION || run.state() != RunState.SUCCEEDED) {
			throw new ProvisioningRefusedException("Run " + runId + " is a " + run.kind() + " run, " + run.state()
					+ ": only a succeeded provisioning run has a portable identity to rotate.");
		}
		ProvisioningRequest request = this.runs.request(runId);
		if (!(request.hosts() instanceof Hosts.Portable portable) || portable.secretDelivery() != SecretDelivery.STORE
				|| !succeeded(run, StepKind.WRITE_PORTABLE_SECRET, null)) {
			throw new ProvisioningRefusedException("Run " + runId + " wrote no portable identity to a secret store: "
					+ "the portal rotates only an identity it delivered to the store itself (for manual delivery, set a "
					+ "new password and store it yourself).");
		}
		if (!succeeded(run, StepKind.ENSURE_PORTABLE_USER, Directory.Result.CREATED.name())) {
			throw new ProvisioningRefusedException("Run " + runId + " did not create the portable user "
					+ portable.userName() + ": the portal sets passwords only on a user it created.");
		}
		this.rotations.open(runId).ifPresent((open) -> {
			throw new ProvisioningRefusedException("Rotation " + open.id() + " of run " + runId + " is " + open.state()
					+ ": resume or abandon it before starting another rotation.");
		});
		HostAccountPreset preset = java.util.Objects.requireNonNull(RequestTranslation.preset(request));
		String connection = (request.target() instanceof Target.Cluster cluster) ? cluster.connection() : null;
		SecretDestination where = new SecretDestination(preset, connection, runId);
		SecretStore store;
		try {
			store = this.stores.forPreset(preset);
		}
		catch (SecretStoreException ex) {
			throw new ProvisioningRefusedException(ex.getMessage());
		}
		List<PlannedStep> steps = new ArrayList<>();
		steps.add(new PlannedStep(0, StepKind.SET_PORTABLE_PASSWORD, portable.userName(), StepIntent.CHANGE,
				"set a new generated password on user " + portable.userName() + ", created by run " + runId
						+ "; it goes from memory to the store and is never shown"));
		steps.add(new PlannedStep(1, StepKind.WRITE_PORTABLE_SECRET, where.secretName(), StepIntent.APPLY,
				"write a new version of " + store.displayName() + " secret " + where.secretName() + ", only while it "
						+ "carries run " + runId + "'s marker; " + RotationSteps.oldVersions(store)));
		steps.add(new PlannedStep(2, StepKind.PROVE_RETRIEVAL, request.samAccountName(), StepIntent.CHECK,
				"read the portable identity back from secret " + where.secretName() + ", bind as "
						+ portable.userName() + " and read msDS-ManagedPassword of " + request.samAccountName()));
		return new Plan(request, run.domain(), steps,
				Canonical.planHash(request, run.domain() + " rotation " + runId, steps));
	}

	private static boolean succeeded(RunView run, StepKind kind, @org.jspecify.annotations.Nullable String result) {
		return run.steps().stream().anyMatch((s) -> s.kind() == kind && s.state() == StepState.SUCCEEDED
				&& (result == null || result.equals(s.result())));
	}

}
