package org.gmsaportal.provisioning;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.gmsaportal.cluster.ApplyResult;
import org.gmsaportal.cluster.ClusterObject;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.DecommissionReport;
import org.gmsaportal.cluster.ExportBundle;
import org.gmsaportal.cluster.PreflightCheck;
import org.gmsaportal.cluster.PreflightReport;
import org.gmsaportal.cluster.PreflightRequest;
import org.gmsaportal.cluster.VerifyResult;
import org.gmsaportal.credspec.CredentialSpec;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory.Ensured;
import org.gmsaportal.directory.Directory.Mode;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.PlanReads;
import org.gmsaportal.directory.Removed;
import org.gmsaportal.directory.RunRef;
import org.gmsaportal.secretstores.SecretStores;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Runs one step of a run through the directory and cluster faces, naming the run (id and ticket) so that every
 * write they audit carries it; ensures are idempotent, so running a step again is always safe.
 */
@Component
class StepRunner {

	static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(10);

	private final Directory directory;

	private final Clusters cluster;

	private final PortableUserSteps portableUsers;

	private final StoreSteps store;

	StepRunner(Directory directory, Clusters cluster, PasswordVault vault, SecretStores stores) {
		this.directory = directory;
		this.cluster = cluster;
		this.portableUsers = new PortableUserSteps(directory, vault);
		this.store = new StoreSteps(stores, directory, this.portableUsers);
	}

	/**
	 * One LDAP session for the run's directory work on this thread, until closed, starting from what the approval's
	 * re-plan read where the DC proves it unchanged ({@link Directory#session(String, PlanReads)}).
	 */
	Directory.Session session(ProvisioningRequest request, PlanReads planned) {
		return this.directory.session(request.directoryConnection(), planned);
	}

	/**
	 * What a step did.
	 *
	 * @param state succeeded or skipped (a step that did not do its job throws instead)
	 * @param result the ensure's result, if it was one
	 * @param detail what happened, in words
	 * @param artifact what it produced, if anything (never a secret)
	 */
	record Outcome(StepState state, @Nullable String result, String detail, @Nullable String artifact) {

		static Outcome done(String detail, @Nullable String artifact) {
			return new Outcome(StepState.SUCCEEDED, null, detail, artifact);
		}

	}

	/**
	 * The run a step belongs to.
	 *
	 * @param runId the run
	 * @param ticket the ticket the run was filed under, if any
	 * @param request what it provisions (or, for a decommission, what the provisioning run had provisioned)
	 * @param domain the domain's DNS name
	 * @param decommissions the provisioning run being removed, for a decommission run
	 * @param steps the run's steps as stored before this one started
	 */
	record RunContext(String runId, @Nullable String ticket, ProvisioningRequest request, String domain,
			@Nullable String decommissions, List<RunView.StepView> steps, boolean createdEarlier) {

		/** The run, as the directory's audited writes name it. */
		RunRef ref() {
			return new RunRef(this.runId, this.ticket);
		}

		@Nullable String artifactOf(StepKind kind) {
			return this.steps.stream().filter((s) -> s.kind() == kind).map(RunView.StepView::artifact)
				.filter(java.util.Objects::nonNull).findFirst().orElse(null);
		}

	}

	/**
	 * @throws StepFailedException (or the directory's or cluster's exception) when the step could not do what was
	 * planned
	 * @throws StepBlockedException when a removal was refused because of something outside the portal
	 */
	Outcome execute(RunContext run, RunView.StepView step, @Nullable String input) {
		if (step.intent() == StepIntent.SKIP) {
			return new Outcome(StepState.SKIPPED, null, step.description(), null);
		}
		ProvisioningRequest request = run.request();
		String conn = request.directoryConnection();
		return switch (step.kind()) {
			case ENSURE_KDS_ROOT_KEY -> ensured(this.directory.ensureKdsRootKey(conn, request.kdsRootKey(), Mode.APPLY, run.ref()));
			case ENSURE_GROUP -> created(this.directory.ensureGroup(conn, request.groupName(), request.newGroupScope(),
					request.where().groupOu(), Mode.APPLY, run.ref()));
			case ENSURE_GMSA -> created(this.directory.ensureGmsa(conn, RequestTranslation.gmsaSpec(request), Mode.APPLY,
					run.ref()));
			case ENSURE_PORTABLE_USER -> this.portableUsers.ensure(run, step);
			case WRITE_PORTABLE_SECRET -> this.store.write(run, step);
			case ENSURE_MEMBERSHIP -> membership(run);
			case PROVE_RETRIEVAL -> PortableUserSteps.storeDelivered(request) ? this.store.prove(run)
					: ensured(this.directory.proveRetrieval(conn, request.gmsaName(),
							((Hosts.Portable) request.hosts()).userName(), password(run), run.ref()));
			case GENERATE_CREDSPEC -> {
				CredentialSpec spec = RequestTranslation.credentialSpec(request, this.directory.domainFacts(conn));
				yield Outcome.done("generated " + spec.suggestedFileName(), spec.toJson());
			}
			case INSTALL_GMSA_WEBHOOK -> installWebhook(run);
			case CLUSTER_PREFLIGHT -> preflight(run);
			case APPLY_TO_CLUSTER -> apply(run);
			case EXPORT_BUNDLE -> export(run);
			case PLACE_ON_DOCKER_HOSTS -> dockerHosts(run);
			case VERIFY_WORKLOAD -> verify(run, step.target());
			case PATCH_WORKLOAD -> WorkloadSteps.patch(this.cluster, run, step.target());
			case UNPATCH_WORKLOAD -> WorkloadSteps.release(this.cluster, run, input);
			case REMOVE_FROM_CLUSTER -> removeFromCluster(run, step.target(), input);
			case REMOVE_GMSA_WEBHOOK -> removeWebhook(run, step.target());
			case REMOVE_MEMBERSHIP -> removed(this.directory.removeMembership(conn, step.target(), strings(input),
					run.ref()));
			case REMOVE_PORTABLE_SECRET -> this.store.remove(run);
			case REMOVE_PORTABLE_USER -> removed(this.directory.remove(conn, Directory.ObjectType.USER, step.target(),
					CreatedRecord.read(input), run.ref()));
			case REMOVE_GMSA -> removed(this.directory.remove(conn, Directory.ObjectType.GMSA, request.gmsaName(),
					CreatedRecord.read(input), run.ref()));
			case REMOVE_GROUP -> removed(this.directory.remove(conn, Directory.ObjectType.GROUP, step.target(),
					CreatedRecord.read(input), run.ref()));
			// Only a rotation sets a password on its own, and RunExecutor gives rotation runs to RotationSteps.
			case SET_PORTABLE_PASSWORD -> throw new IllegalStateException("a " + step.kind() + " step outside a rotation");
		};
	}

	private Outcome membership(RunContext run) {
		ProvisioningRequest request = run.request();
		Ensured ensured = this.directory.ensureMembership(request.directoryConnection(), request.groupName(),
				RequestTranslation.members(request), Mode.APPLY, run.ref());
		Outcome outcome = ensured(ensured);
		return new Outcome(outcome.state(), outcome.result(), outcome.detail(), Canonical.json(ensured.added()));
	}

	private SecretValue password(RunContext run) {
		return this.portableUsers.password(run);
	}

	private Outcome preflight(RunContext run) {
		Target.Cluster target = (Target.Cluster) run.request().target();
		PlatformProfile profile = target.profile();
		PreflightReport report = this.cluster.preflight(target.connection(),
				new PreflightRequest(target.namespace(), target.serviceAccount(), target.credSpecName(), run.domain(),
						!target.dnsForwardServers().isEmpty() && profile.mergesCoreDns(), profile.workloadDnsConfig(),
						profile.webhookInstall(target.connection())));
		String summary = report.checks().stream().map((c) -> c.id() + " " + c.status()).collect(Collectors.joining(", "));
		if (!report.passed()) {
			throw new StepFailedException("cluster preflight failed: " + report.checks().stream()
				.filter((c) -> c.status() == PreflightCheck.Status.FAIL)
				.map((c) -> c.explanation() + ((c.fix() != null) ? " Fix: " + c.fix() : ""))
				.collect(Collectors.joining(" ")));
		}
		return Outcome.done(summary, null);
	}

	private Outcome apply(RunContext run) {
		Target.Cluster target = (Target.Cluster) run.request().target();
		// A store-delivered password is the store's: the deployment carries no Secret, and must not reset it.
		SecretValue password = (run.request().hosts() instanceof Hosts.Portable
				&& !PortableUserSteps.storeDelivered(run.request())) ? password(run) : null;
		ApplyResult result = this.cluster.apply(target.connection(), RequestTranslation.deployment(run.runId(),
				run.request(), run.domain(), credSpec(run), password), run.ticket());
		List<ClusterObject> objects = result.changes().stream().map((c) -> c.object()).toList();
		String detail = result.changes().stream().map((c) -> c.change() + " " + c.object())
			.collect(Collectors.joining(", "));
		return Outcome.done(detail, Canonical.json(objects));
	}

	/** Says what it did to each object, "unchanged" included: a resumed or repeated install changes nothing. */
	private Outcome installWebhook(RunContext run) {
		Target.Cluster target = (Target.Cluster) run.request().target();
		// The platform the plan bound (its hash covers it), so the install judges the cluster as the review did.
		ApplyResult result = this.cluster.installWebhook(target.connection(), target.profile().platform(), run.runId(),
				run.ticket());
		String detail = result.changes().stream().map((c) -> c.change() + " " + c.object())
			.collect(Collectors.joining(", "));
		String warnings = result.warnings().isEmpty() ? "" : "; " + String.join(" ", result.warnings());
		return new Outcome(StepState.SUCCEEDED, result.unchanged() ? "UNCHANGED" : "APPLIED",
				(result.unchanged() ? "nothing to change: " : "") + detail + warnings, null);
	}

	private Outcome removeWebhook(RunContext run, String connection) {
		DecommissionReport report = this.cluster.removeWebhook(connection, run.runId());
		return Outcome.done(report.outcomes().stream().map((o) -> o.result() + " " + o.object() + ": " + o.explanation())
			.collect(Collectors.joining("; ")), null);
	}

	private Outcome export(RunContext run) {
		ExportBundle bundle = ExportBundles.of(this.cluster, run.runId(), run.request(), run.domain(), credSpec(run));
		String warnings = bundle.warnings().isEmpty() ? "" : "; " + String.join(" ", bundle.warnings());
		Target.ExportOnly export = (Target.ExportOnly) run.request().target();
		// The platform's own steps (webhook, DNS, workload fields) head the bundle, so GitOps users see them.
		String notes = (export.platform() != null)
				? export.profile().bundleNotes("<cluster>", run.domain(), export.dnsForwardServers()) : "";
		return Outcome.done("exported " + bundle.fileName() + warnings, notes + bundle.yaml());
	}

	private Outcome dockerHosts(RunContext run) {
		String json = run.artifactOf(StepKind.GENERATE_CREDSPEC);
		if (json == null) {
			throw new StepFailedException("the credential spec of this run is missing: its generate step has not run");
		}
		String file = ArtifactNames.credentialSpec(json);
		List<String> commands = DockerHostCommands.of(run.request(), file, run.domain());
		java.util.Map<String, Object> artifact = new java.util.LinkedHashMap<>();
		artifact.put("credentialSpecFile", file);
		artifact.put("folder", DockerHostCommands.FOLDER);
		artifact.put("commands", commands);
		return Outcome.done("download " + file + " (the credential spec step's artifact) and on each host: "
				+ String.join("; ", commands), Canonical.json(artifact));
	}

	private Outcome verify(RunContext run, String workload) {
		Target.Cluster target = (Target.Cluster) run.request().target();
		VerifyResult result = this.cluster.verify(target.connection(), target.namespace(), workload, run.runId(),
				run.domain(), VERIFY_TIMEOUT);
		if (result.outcome() != VerifyResult.Outcome.VERIFIED) {
			throw new StepFailedException(result.explanation());
		}
		return Outcome.done(result.explanation(), null);
	}

	private Outcome removeFromCluster(RunContext run, String connection, @Nullable String input) {
		List<ClusterObject> objects = (input == null) ? List.of()
				: Arrays.asList(Canonical.JSON.readValue(input, ClusterObject[].class));
		DecommissionReport report = this.cluster.decommission(connection, java.util.Objects.requireNonNull(run.decommissions()),
				objects);
		return Outcome.done(report.outcomes().stream().map((o) -> o.result() + " " + o.object() + ": " + o.explanation())
			.collect(Collectors.joining("; ")), null);
	}

	private java.util.Map<String, Object> credSpec(RunContext run) {
		String json = run.artifactOf(StepKind.GENERATE_CREDSPEC);
		if (json == null) {
			throw new StepFailedException("the credential spec of this run is missing: its generate step has not run");
		}
		return CredentialSpec.fromJson(json).toMap();
	}

	private static Outcome ensured(Ensured ensured) {
		if (ensured.result() == Directory.Result.DRIFT) {
			throw new StepFailedException(ensured.detail() + " The portal does not overwrite this; fix it in the directory, then resume.");
		}
		return new Outcome(StepState.SUCCEEDED, ensured.result().name(), ensured.detail(), null);
	}

	/** As {@link #ensured}, keeping the DN and objectGUID of a created object for its decommission. */
	private static Outcome created(Ensured ensured) {
		Outcome outcome = ensured(ensured);
		return new Outcome(outcome.state(), outcome.result(), outcome.detail(), CreatedRecord.of(ensured));
	}

	/** @throws StepBlockedException when the directory kept the object: the step did not do its job */
	private static Outcome removed(Removed removed) {
		if (removed.blocked()) {
			throw new StepBlockedException(removed.detail());
		}
		return new Outcome(StepState.SUCCEEDED, removed.removed() ? "REMOVED" : "ALREADY_GONE", removed.detail(), null);
	}

	private static List<String> strings(@Nullable String json) {
		return (json == null) ? List.of() : Arrays.asList(Canonical.JSON.readValue(json, String[].class));
	}

}
