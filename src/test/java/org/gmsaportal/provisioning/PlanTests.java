package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Set;

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

	private final Planner planner = new Planner(this.directory,
			new ExistingObjects(this.directory, (domain, name) -> java.util.Optional.empty()),
			new org.gmsaportal.secretstores.SecretStores(java.util.List.of()));

	@BeforeEach
	void reset() {
		this.directory.reset();
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
