package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.Platform;
import org.gmsaportal.cluster.WebhookPlan;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory.Ensured;
import org.gmsaportal.directory.Directory.Mode;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.RunRef;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStore;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStores;
import org.gmsaportal.secretstores.StoredSecret;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns a request into a plan by asking the directory, read-only, what each ensure would do.
 */
@Component
class Planner {

	private static final java.util.Set<StepKind> CREATES_OBJECT = java.util.EnumSet.of(StepKind.ENSURE_GROUP,
			StepKind.ENSURE_GMSA, StepKind.ENSURE_PORTABLE_USER);

	// Only a preview is made with it: a user is never created from a plan.
	private static final SecretValue PREVIEW_PASSWORD = SecretValue.of("preview-only");

	private final Directory directory;

	private final ExistingObjects existing;

	private final Clusters clusters;

	private final SecretStores stores;

	private final Function<String, Platform> platforms;

	@Autowired
	Planner(Directory directory, ExistingObjects existing, Clusters clusters, SecretStores stores) {
		this(directory, existing, clusters, stores, clusters::platform);
	}

	/** A planner whose cluster connections answer their platform as {@code platforms} says. */
	Planner(Directory directory, ExistingObjects existing, Clusters clusters, SecretStores stores,
			Function<String, Platform> platforms) {
		this.directory = directory;
		this.existing = existing;
		this.clusters = clusters;
		this.stores = stores;
		this.platforms = platforms;
	}

	DomainIdentity domainFacts(String connection) {
		return this.directory.domainFacts(configured(this.directory, connection));
	}

	/** As {@link #plan(ProvisioningRequest)}, for a request made from the domain's DNS name, in one session. */
	Plan plan(String connection, Function<String, ProvisioningRequest> forDomain) {
		String conn = configured(this.directory, connection);
		try (Directory.Session session = this.directory.session(conn)) {
			String domain = this.directory.domainFacts(conn).dnsName().toLowerCase(Locale.ROOT);
			return plan(forDomain.apply(domain));
		}
	}

	Plan plan(ProvisioningRequest asked) {
		return planned(asked).plan();
	}

	/** The plan, with what its LDAP session read: an approval's re-plan hands that to the run ({@link PlanSession}). */
	PlanSession.Planned planned(ProvisioningRequest asked) {
		String conn = configured(this.directory, asked.directoryConnection());
		return PlanSession.hold(this.directory, conn, () -> plan(asked, conn));
	}

	private Plan plan(ProvisioningRequest asked, String conn) {
		DomainIdentity facts = this.directory.domainFacts(conn);
		// From here on the request names every OU and its platform, so the hash binds where each object goes and
		// which platform's steps the review showed.
		ProvisioningRequest request = withDnsServers(
				withPlatform(asked.withPlacement(PlanSession.place(this.directory, asked))), conn);
		Placement where = request.where();
		String domain = facts.dnsName().toLowerCase(Locale.ROOT);
		List<PlannedStep> planned = new ArrayList<>();
		List<Blocker> blockers = new ArrayList<>();
		ensure(planned, StepKind.ENSURE_KDS_ROOT_KEY, "KDS root key",
				this.directory.ensureKdsRootKey(conn, request.kdsRootKey(), Mode.PREVIEW, null));
		ensure(planned, StepKind.ENSURE_GROUP, request.groupName(), this.directory.ensureGroup(conn,
				request.groupName(), request.newGroupScope(), where.groupOu(), Mode.PREVIEW, null));
		Ensured gmsa = this.directory.ensureGmsa(conn, RequestTranslation.gmsaSpec(request), Mode.PREVIEW, null);
		blocked(planned, blockers, StepKind.ENSURE_GMSA, request.samAccountName(), gmsa,
				this.existing.gmsa(conn, domain, request, gmsa));
		if (request.hosts() instanceof Hosts.Portable portable) {
			Ensured user = this.directory.ensurePortableUser(conn, portable.userName(), where.userOu(),
					PREVIEW_PASSWORD, Mode.PREVIEW, null);
			blocked(planned, blockers, StepKind.ENSURE_PORTABLE_USER, portable.userName(), user,
					this.existing.portableUser(conn, portable.userName(), user));
			if (portable.secretDelivery() == SecretDelivery.STORE) {
				storeWrite(request, planned, blockers);
			}
		}
		ensure(planned, StepKind.ENSURE_MEMBERSHIP, request.groupName(), this.directory.ensureMembership(conn,
				request.groupName(), RequestTranslation.members(request), Mode.PREVIEW, null));
		if (request.hosts() instanceof Hosts.Portable portable) {
			String through = (portable.secretDelivery() == SecretDelivery.STORE) ? "read the portable identity back "
					+ "from secret " + RequestTranslation.destination(request, "-").secretName() + ", " : "";
			add(planned, StepKind.PROVE_RETRIEVAL, request.samAccountName(), StepIntent.CHECK, through + "bind as "
					+ portable.userName() + " and read msDS-ManagedPassword of " + request.samAccountName());
		}
		else {
			add(planned, StepKind.PROVE_RETRIEVAL, request.samAccountName(), StepIntent.SKIP,
					"skipped: domain-joined nodes retrieve the password as their computer accounts; run Test-ADServiceAccount on a node");
		}
		// Generating now, from live facts, finds input the credspec module refuses before anything is approved.
		RequestTranslation.credentialSpec(request, facts);
		List<Blocker> further = AdditionalAccounts.check(this.directory, conn, request);
		blockers.addAll(further);
		add(planned, StepKind.GENERATE_CREDSPEC, request.gmsaName(), further.isEmpty() ? StepIntent.APPLY
				: StepIntent.BLOCKED, further.isEmpty() ? "generate the credential spec from the domain facts of " + domain
						+ AdditionalAccounts.listed(request)
						: further.stream().map(Blocker::message).collect(Collectors.joining(" ")));
		if (request.target() instanceof Target.Cluster cluster) {
			PlatformProfile profile = cluster.profile();
			webhook(planned, cluster, profile.platform());
			add(planned, StepKind.CLUSTER_PREFLIGHT, cluster.connection(), StepIntent.CHECK,
					"check CRD, webhook, Windows nodes and DNS on cluster " + cluster.connection() + " ("
							+ profile.platform() + ": webhook from " + profile.webhookSource() + ")");
			add(planned, StepKind.APPLY_TO_CLUSTER, cluster.credSpecName(), StepIntent.APPLY,
					"server-side apply to cluster " + cluster.connection() + ": " + RequestTranslation.clusterObjects(request));
			if (cluster.sampleImage() != null) {
				add(planned, StepKind.VERIFY_WORKLOAD, RequestTranslation.sampleName(request), StepIntent.CHECK,
						"wait for the sample pod and run nltest /sc_verify:" + domain + " and klist get krbtgt");
			}
			WorkloadSteps.plan(this.clusters, request, domain, planned, blockers);
		}
		else if (request.target() instanceof Target.ExportOnly export) {
			add(planned, StepKind.EXPORT_BUNDLE, export.credSpecName(), StepIntent.APPLY,
					"export a YAML bundle without secret values: " + RequestTranslation.clusterObjects(request)
							+ (export.platform() != null ? "; with the steps of platform " + export.platform() : "")
							+ ExportBundles.described(export));
		}
		else if (request.target() instanceof Target.DockerHosts docker) {
			add(planned, StepKind.PLACE_ON_DOCKER_HOSTS, request.gmsaName(), StepIntent.APPLY,
					"offer the credential spec file and the commands that place it in "
							+ DockerHostCommands.FOLDER + " and run " + docker.imageToRun() + " with it");
		}
		// Blocked steps of the directory's own (a group of the wrong kind, a missing computer) on their fields too.
		planned.stream().filter((s) -> s.intent() == StepIntent.BLOCKED
				&& blockers.stream().noneMatch((b) -> b.field().equals(Blocker.field(s.kind()))
						|| b.field().startsWith(Blocker.field(s.kind()) + "[")))
			.forEach((s) -> blockers.add(new Blocker(Blocker.field(s.kind()), s.description(), null, null)));
		provenance(planned, request.ticketRef());
		return new Plan(request, domain, planned, Canonical.planHash(request, domain, planned), blockers);
	}

	/** The request with its cluster target's platform: the request's own, else its connection's. */
	private ProvisioningRequest withPlatform(ProvisioningRequest request) {
		if (request.target() instanceof Target.Cluster cluster && cluster.platform() == null) {
			return request.withTarget(cluster.withPlatform(this.platforms.apply(cluster.connection())));
		}
		return request;
	}

	/**
	 * An export's DNS servers: the request's, else the DCs the directory connection reaches, so that the bundle
	 * carries the CoreDNS forward block the live path merges and the hash binds the servers the review showed.
	 */
	private ProvisioningRequest withDnsServers(ProvisioningRequest request, String connection) {
		if (request.target() instanceof Target.ExportOnly export && export.dnsForwardServers().isEmpty()) {
			return request.withTarget(export.withDnsForwardServers(DomainDnsServers.of(this.directory, connection)));
		}
		return request;
	}

	/**
	 * The install of the gMSA CRD and webhook, only where the cluster lacks them, naming every object it creates;
	 * blocked where the admin must act first (AKS's add-on, cert-manager not ready).
	 */
	private void webhook(List<PlannedStep> planned, Target.Cluster cluster, Platform platform) {
		WebhookPlan webhook;
		try {
			webhook = this.clusters.webhookPlan(cluster.connection(), platform);
		}
		catch (ClusterOperationException ex) {
			// An unreachable or unknown cluster is the preflight step's to report, as before this step existed.
			return;
		}
		switch (webhook.need()) {
			case NONE -> {
			}
			case INSTALL -> add(planned, StepKind.INSTALL_GMSA_WEBHOOK, cluster.connection(), StepIntent.CREATE,
					webhook.explanation() + " Objects: " + webhook.objects().stream().map(Object::toString)
						.collect(java.util.stream.Collectors.joining(", ")) + ".");
			case BLOCKED -> add(planned, StepKind.INSTALL_GMSA_WEBHOOK, cluster.connection(), StepIntent.BLOCKED,
					webhook.explanation());
		}
	}

	/**
	 * The store write, right after the user: blocked (on the plug-in input that names the secret) when the store
	 * already holds a secret of that name, since the portal overwrites nothing, or when the store cannot be asked.
	 */
	private void storeWrite(ProvisioningRequest request, List<PlannedStep> planned, List<Blocker> blockers) {
		planned.replaceAll((step) -> (step.kind() == StepKind.ENSURE_PORTABLE_USER)
				? new PlannedStep(step.index(), step.kind(), step.target(), step.intent(),
						step.description().replace("shown once", "written to the secret store, never shown"))
				: step);
		SecretDestination where = RequestTranslation.destination(request, "<run id>");
		Blocker blocker;
		String description = "";
		try {
			SecretStore store = this.stores.forPreset(where.preset());
			StoredSecret found = store.inspect(where);
			description = "write the portable identity to " + store.displayName() + " " + where.secretName()
					+ " from memory, marked as the run's; the password is never shown";
			blocker = found.exists() ? new Blocker("hosts.pluginInput", store.displayName() + " already holds secret "
					+ where.secretName() + ", " + StoreSteps.writer(found) + ". The portal does not overwrite a "
					+ "secret: remove it from the store, or choose another secret name.", found.writtenByRun(), null)
					: null;
		}
		catch (SecretStoreException ex) {
			blocker = new Blocker("hosts.pluginInput", ex.getMessage(), null, null);
		}
		if (blocker != null) {
			blockers.add(blocker);
			add(planned, StepKind.WRITE_PORTABLE_SECRET, where.secretName(), StepIntent.BLOCKED, blocker.message());
		}
		else {
			add(planned, StepKind.WRITE_PORTABLE_SECRET, where.secretName(), StepIntent.CREATE, description);
		}
	}

	// What an admin who finds the object in ADUC reads; the run id exists only once the plan is approved.
	private static void provenance(List<PlannedStep> planned, @Nullable String ticket) {
		String description = new RunRef("<run id>", ticket).provenance();
		planned.replaceAll(step -> step.intent() == StepIntent.CREATE && CREATES_OBJECT.contains(step.kind())
				? new PlannedStep(step.index(), step.kind(), step.target(), step.intent(),
						step.description() + "; description \"" + description + "\"")
				: step);
	}

	private static void ensure(List<PlannedStep> planned, StepKind kind, String target, Ensured preview) {
		StepIntent intent = switch (preview.result()) {
			case CREATED -> StepIntent.CREATE;
			case ALREADY_AS_REQUESTED -> StepIntent.ALREADY_AS_REQUESTED;
			case DRIFT -> StepIntent.BLOCKED;
		};
		String description = preview.detail();
		if (kind == StepKind.ENSURE_PORTABLE_USER && intent == StepIntent.CREATE) {
			description += "; with a generated password, shown once";
		}
		add(planned, kind, target, intent, description);
	}

	/** The step as the preview says, or BLOCKED with the blocker's words when the request may not take it over. */
	private static void blocked(List<PlannedStep> planned, List<Blocker> blockers, StepKind kind, String target,
			Ensured preview, @Nullable Blocker blocker) {
		if (blocker == null) {
			ensure(planned, kind, target, preview);
			return;
		}
		blockers.add(blocker);
		add(planned, kind, target, StepIntent.BLOCKED, blocker.message());
	}

	private static void add(List<PlannedStep> planned, StepKind kind, String target, StepIntent intent,
			String description) {
		planned.add(new PlannedStep(planned.size(), kind, target, intent, description));
	}

	/**
	 * The connection's name, once it is known to be configured: an unknown one is a wrong request, not a directory
	 * failure, and the wizard and the API name the field.
	 */
	static String configured(Directory directory, String connection) {
		if (directory.connections().stream().noneMatch(c -> c.name().equals(connection))) {
			throw new InvalidRequestException("directoryConnection",
					"must name a configured directory connection (gmsa.directory.connections.<name>.*)");
		}
		return connection;
	}

}
