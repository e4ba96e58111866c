package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Set;

import org.gmsaportal.cluster.ClusterObject;
import org.gmsaportal.cluster.WebhookPlan;
import org.gmsaportal.cluster.WorkloadKind;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.support.FakeDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans from live lookups (through {@link FakeDirectory}) and the stability and sensitivity of their hash.
 */
class PlanTests {

	private final FakeDirectory directory = new FakeDirectory();

	private final FakeCluster cluster = new FakeCluster();

	private final Planner planner = new Planner(this.directory,
			new ExistingObjects(this.directory, (domain, name) -> java.util.Optional.empty()), this.cluster,
			new org.gmsaportal.secretstores.SecretStores(java.util.List.of()));

	@BeforeEach
	void reset() {
		this.directory.reset();
		this.cluster.reset();
	}

	@Test
	void aClusterWithoutTheWebhookGetsAnInstallStepBeforeThePreflightNamingEveryObject() {
		this.cluster.webhook = new WebhookPlan(WebhookPlan.Need.INSTALL, List.of(
				new ClusterObject("apiextensions.k8s.io/v1", "CustomResourceDefinition", "gmsacredentialspecs.windows.k8s.io",
						null, null),
				new ClusterObject("apps/v1", "Deployment", "gmsa-webhook", "gmsa-webhook", null)),
				"Install the windows-gmsa webhook.");

		Plan plan = this.planner.plan(Requests.portable("web01"));

		assertThat(plan.steps()).extracting(PlannedStep::kind).containsSubsequence(StepKind.GENERATE_CREDSPEC,
				StepKind.INSTALL_GMSA_WEBHOOK, StepKind.CLUSTER_PREFLIGHT, StepKind.APPLY_TO_CLUSTER);
		PlannedStep install = plan.steps().stream().filter((s) -> s.kind() == StepKind.INSTALL_GMSA_WEBHOOK)
			.findFirst().orElseThrow();
		assertThat(install.intent()).isEqualTo(StepIntent.CREATE);
		assertThat(install.description()).contains("CustomResourceDefinition gmsacredentialspecs.windows.k8s.io")
			.contains("Deployment gmsa-webhook/gmsa-webhook");
		assertThat(plan.blockers()).isEmpty();
	}

	@Test
	void aWebhookTheAdminMustInstallBlocksThePlanOnTheClusterConnection() {
		this.cluster.webhook = new WebhookPlan(WebhookPlan.Need.BLOCKED, List.of(),
				"On AKS run az aks update --enable-windows-gmsa.");

		Plan plan = this.planner.plan(Requests.portable("web01"));

		assertThat(plan.steps()).filteredOn((s) -> s.kind() == StepKind.INSTALL_GMSA_WEBHOOK)
			.singleElement().satisfies((s) -> assertThat(s.intent()).isEqualTo(StepIntent.BLOCKED));
		assertThat(plan.blockers()).singleElement().satisfies((b) -> {
			assertThat(b.field()).isEqualTo("target.connection");
			assertThat(b.message()).contains("--enable-windows-gmsa");
		});
	}

	@Test
	void planNamesEveryStepInOrder() {
		Plan plan = this.planner.plan(Requests.portable("web01"));
		assertThat(plan.steps()).extracting(PlannedStep::kind)
			.containsExactly(StepKind.ENSURE_KDS_ROOT_KEY, StepKind.ENSURE_GROUP, StepKind.ENSURE_GMSA,
					StepKind.ENSURE_PORTABLE_USER, StepKind.ENSURE_MEMBERSHIP, StepKind.PROVE_RETRIEVAL,
					StepKind.GENERATE_CREDSPEC, StepKind.CLUSTER_PREFLIGHT, StepKind.APPLY_TO_CLUSTER,
					StepKind.VERIFY_WORKLOAD);
		assertThat(plan.steps()).extracting(PlannedStep::intent)
			.containsExactly(StepIntent.ALREADY_AS_REQUESTED, StepIntent.CREATE, StepIntent.CREATE, StepIntent.CREATE,
					StepIntent.CREATE, StepIntent.CHECK, StepIntent.APPLY, StepIntent.CHECK, StepIntent.APPLY,
					StepIntent.CHECK);
		// The run's id exists only once the plan is approved; the ticket is known now.
		assertThat(plan.steps().get(1).description()).isEqualTo("create group CN=web01-hosts,CN=Users,DC=contoso,DC=com"
				+ "; description \"Created by gMSA Portal run <run id> for ticket CHG0012345\"");
		assertThat(plan.request().placement()).isEqualTo(new Placement("CN=Users,DC=contoso,DC=com",
				"CN=Managed Service Accounts,DC=contoso,DC=com", "CN=Users,DC=contoso,DC=com"));
		assertThat(plan.steps().get(8).description()).contains("GMSACredentialSpec web01-spec",
				"ClusterRole web01-spec-gmsa-use", "RoleBinding apps/allow-webapp-use-web01-spec", "Secret apps/web01-ccg");
		assertThat(plan.domain()).isEqualTo("contoso.com");
		assertThat(plan.hash()).matches("[0-9a-f]{64}");
		assertThat(plan.runnable()).isTrue();
	}

	@Test
	void eachPickedWorkloadIsAStepAfterTheSampleWithItsDryRunDiff() {
		Plan plan = this.planner.plan(Requests.withWorkloads(Requests.portable("web01"),
				new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", true),
				new WorkloadRef(WorkloadKind.CRON_JOB, "report", false)));

		assertThat(plan.steps()).extracting(PlannedStep::kind).endsWith(StepKind.APPLY_TO_CLUSTER,
				StepKind.VERIFY_WORKLOAD, StepKind.PATCH_WORKLOAD, StepKind.PATCH_WORKLOAD);
		PlannedStep web = plan.steps().get(10);
		assertThat(web.target()).isEqualTo("Deployment/web");
		assertThat(web.intent()).isEqualTo(StepIntent.CHANGE);
		assertThat(web.description()).contains("field manager gmsa-portal-workloads, never forced",
				"gmsaCredentialSpecName=web01-spec", "serviceAccountName=webapp",
				"dry run: + /spec/template/spec/securityContext");
		assertThat(plan.steps().get(11).description()).doesNotContain("serviceAccountName");
		assertThat(plan.runnable()).isTrue();
		assertThat(this.cluster.calls).containsExactly("review-workloads");
	}

	@Test
	void aMissingAndALinuxOnlyWorkloadAreBlockersNamingThem() {
		Plan plan = this.planner.plan(Requests.withWorkloads(Requests.portable("web01"),
				new WorkloadRef(WorkloadKind.DEPLOYMENT, "missing-web", false),
				new WorkloadRef(WorkloadKind.DEPLOYMENT, "linux-api", false)));

		assertThat(plan.runnable()).isFalse();
		assertThat(plan.blockers()).extracting(Blocker::field, Blocker::message).containsExactly(
				org.assertj.core.groups.Tuple.tuple("target.workloads[0]", "Deployment/missing-web does not exist"),
				org.assertj.core.groups.Tuple.tuple("target.workloads[1]", "Deployment/linux-api runs on Linux nodes only"));
		assertThat(plan.steps()).filteredOn((s) -> s.kind() == StepKind.PATCH_WORKLOAD)
			.extracting(PlannedStep::intent).containsOnly(StepIntent.BLOCKED);
	}

	@Test
	void aRequestWithoutWorkloadsKeepsTheJsonAndHashItHadBefore() {
		ProvisioningRequest request = Requests.portable("web01");

		assertThat(Canonical.json(request)).doesNotContain("workloads");
		assertThat(Canonical.json(Requests.withWorkloads(request, new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", true))))
			.contains("\"workloads\":[{\"kind\":\"DEPLOYMENT\",\"name\":\"web\",\"serviceAccount\":true}]");
		assertThat(Canonical.JSON.readValue(Canonical.json(request), ProvisioningRequest.class)).isEqualTo(request);
		assertThat(this.planner.plan(request).steps()).noneMatch((s) -> s.kind() == StepKind.PATCH_WORKLOAD);
		assertThat(this.cluster.calls).isEmpty();
	}

	@Test
	void domainJoinedExportPlanSkipsTheProofAndExports() {
		Plan plan = this.planner.plan(Requests.domainJoined("web02"));
		assertThat(plan.steps()).extracting(PlannedStep::kind).containsExactly(StepKind.ENSURE_KDS_ROOT_KEY,
				StepKind.ENSURE_GROUP, StepKind.ENSURE_GMSA, StepKind.ENSURE_MEMBERSHIP, StepKind.PROVE_RETRIEVAL,
				StepKind.GENERATE_CREDSPEC, StepKind.EXPORT_BUNDLE);
		assertThat(plan.steps().get(4).intent()).isEqualTo(StepIntent.SKIP);
	}

	@Test
	void hashIsStableForTheSameRequestAndLookups() {
		ProvisioningRequest request = Requests.portable("web01");
		ProvisioningRequest reordered = new ProvisioningRequest(request.directoryConnection(), request.gmsaName(),
				request.dnsHostName().toUpperCase(), List.of("HTTP/b.contoso.com", "HTTP/a.contoso.com"),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96),
				request.kdsRootKey(), request.groupName(), request.hosts(), request.target(), request.ticketRef());
		ProvisioningRequest sameAgain = new ProvisioningRequest(request.directoryConnection(), request.gmsaName(),
				request.dnsHostName(), List.of("HTTP/a.contoso.com", "HTTP/b.contoso.com"),
				Set.of(EncryptionType.AES128_CTS_HMAC_SHA1_96, EncryptionType.AES256_CTS_HMAC_SHA1_96),
				request.kdsRootKey(), request.groupName(), request.hosts(), request.target(), request.ticketRef());
		assertThat(this.planner.plan(request).hash()).isEqualTo(this.planner.plan(request).hash());
		assertThat(this.planner.plan(reordered).hash()).isEqualTo(this.planner.plan(sameAgain).hash());
	}

	@Test
	void requestSurvivesItsCanonicalFormUnchanged() {
		ProvisioningRequest request = Requests.portable("web01");
		assertThat(Canonical.request(Canonical.json(request))).isEqualTo(request);
		assertThat(Canonical.request(Canonical.json(Requests.domainJoined("web02")))).isEqualTo(Requests.domainJoined("web02"));
	}

	@Test
	void hashChangesWithAnyRequestField() {
		ProvisioningRequest base = Requests.portable("web01");
		String hash = this.planner.plan(base).hash();
		List<ProvisioningRequest> variants = List.of(
				with(base, "HTTP/other.contoso.com", base.encryptionTypes(), base.ticketRef()),
				with(base, base.spns().get(0), Set.of(EncryptionType.AES128_CTS_HMAC_SHA1_96), base.ticketRef()),
				with(base, base.spns().get(0), base.encryptionTypes(), "CHG0099999"),
				with(base, base.spns().get(0), base.encryptionTypes(), null), Requests.portable("web02"));
		assertThat(variants).allSatisfy((variant) -> assertThat(this.planner.plan(variant).hash()).isNotEqualTo(hash));
	}

	@Test
	void hashChangesWhenTheDirectoryChanges() {
		ProvisioningRequest request = Requests.portable("web01");
		Plan before = this.planner.plan(request);
		this.directory.groups.add("web01-hosts");
		Plan after = this.planner.plan(request);
		assertThat(after.hash()).isNotEqualTo(before.hash());
		assertThat(after.steps().get(1).intent()).isEqualTo(StepIntent.ALREADY_AS_REQUESTED);
		assertThat(after.steps().get(1).description()).isEqualTo("group web01-hosts exists");
	}

	@Test
	void anExistingUserIsBlockedOnItsFieldAndNeverPlannedAsAPasswordReset() {
		this.directory.users.put("web01-ccg", "whatever");
		Plan plan = this.planner.plan(Requests.portable("web01"));
		PlannedStep user = plan.steps().get(3);
		assertThat(user.intent()).isEqualTo(StepIntent.BLOCKED);
		assertThat(user.description()).contains("already exists", "never resets")
			.doesNotContain("password will be set to a new generated one");
		assertThat(plan.blockers()).extracting(Blocker::field).containsExactly("hosts.userName");
	}

	@Test
	void driftOrMissingKeyBlocksThePlan() {
		this.directory.kdsRootKey = false;
		Plan plan = this.planner.plan(Requests.portable("web01"));
		assertThat(plan.runnable()).isFalse();
		assertThat(plan.steps().get(0).intent()).isEqualTo(StepIntent.BLOCKED);
	}

	private static ProvisioningRequest with(ProvisioningRequest base, String spn, Set<EncryptionType> types,
			String ticket) {
		return new ProvisioningRequest(base.directoryConnection(), base.gmsaName(), base.dnsHostName(), List.of(spn),
				types, base.kdsRootKey(), base.groupName(), base.hosts(), base.target(), ticket);
	}

}
