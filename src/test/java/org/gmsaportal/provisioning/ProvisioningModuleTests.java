package org.gmsaportal.provisioning;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.directory.Directory.Ensured;
import org.gmsaportal.directory.Directory.Mode;
import org.gmsaportal.directory.Directory.Result;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;

import org.gmsaportal.secretstores.SecretStores;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willCallRealMethod;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The provisioning module on its own: only its beans start; the faces of the modules it uses (the directory, the
 * clusters, the audit trail, the secret stores) are mocks. It proves that those declared dependencies are all the engine needs to
 * start, and that the request lifecycle and the approval's binding to the plan hold with nothing else around: a
 * decision publishes {@link RequestChanged}, and an approval whose plan changed starts no run.
 */
@ApplicationModuleTest
class ProvisioningModuleTests {

	private static final DomainIdentity CONTOSO = DomainIdentity.of("contoso.com", "CONTOSO", "contoso.com",
			"S-1-5-21-702590844-1001920913-2680819671", "56d9b66c-d746-4f87-bd26-26760cfdca2e");

	@MockitoBean
	Directory directory;

	@MockitoBean
	Clusters clusters;

	@MockitoBean
	AuditTrail audit;

	@MockitoBean
	SecretStores stores;

	@Autowired
	ProvisioningRequests requests;

	@Autowired
	ProvisioningService engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	private String name;

	@BeforeEach
	void aDirectoryWhereEverythingIsToBeCreated() {
		// The trail is a mock, but a filing's change runs inside recordWith: let the default method run it.
		willCallRealMethod().given(this.audit).recordWith(any(), any());
		this.name = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		given(this.directory.connections()).willReturn(List.of(new Directory.ConnectionSummary("lab", "contoso.com",
				List.of(URI.create("ldaps://dc1.contoso.com:636")), "LDAPS", false, null)));
		given(this.directory.domainFacts("lab")).willReturn(CONTOSO);
		given(this.directory.container(eq("lab"), any(), any()))
			.willReturn(new Directory.Container("CN=Users,DC=contoso,DC=com", "directory default", null));
		given(this.directory.ensureKdsRootKey(eq("lab"), any(), eq(Mode.PREVIEW), any()))
			.willReturn(Ensured.of(Result.ALREADY_AS_REQUESTED, "a usable KDS root key exists"));
		groupIs(Result.CREATED, "create group " + this.name + "-hosts");
		given(this.directory.ensureGmsa(eq("lab"), any(), eq(Mode.PREVIEW), any()))
			.willReturn(Ensured.of(Result.CREATED, "create gMSA " + this.name + "$"));
		given(this.directory.ensureMembership(eq("lab"), anyString(), anyList(), eq(Mode.PREVIEW), any()))
			.willReturn(Ensured.of(Result.CREATED, "add NODE1$"));
	}

	@Test
	void onlyTheModulesOwnBeansStartAndTheFacesOfTheModulesItUsesAreMocks() {
		Map<String, Boolean> others = new java.util.TreeMap<>();
		for (String bean : this.context.getBeanDefinitionNames()) {
			Class<?> type = this.context.getType(bean);
			String name = (type != null) ? ClassUtils.getUserClass(type).getName() : "";
			if (name.startsWith("org.gmsaportal.") && !name.startsWith("org.gmsaportal.provisioning.")
					&& name.indexOf('.', "org.gmsaportal.".length()) > 0) {
				others.put(name.replaceAll("\\$MockitoMock\\$.*", ""),
						Mockito.mockingDetails(this.context.getBean(bean)).isMock());
			}
		}
		assertThat(others).containsOnlyKeys(Directory.class.getName(), Clusters.class.getName(),
				AuditTrail.class.getName(), SecretStores.class.getName())
			.allSatisfy((type, mock) -> assertThat(mock).as(type).isTrue());
		assertThat(this.context.getBeanNamesForType(ProvisioningRequests.class)).hasSize(1);
	}

	@Test
	void aRejectedRequestPublishesRequestChangedAndIsAuditedWithItsDecider(AssertablePublishedEvents events) {
		FiledRequest filed = file();
		assertThat(filed.status()).isEqualTo(RequestStatus.PENDING_APPROVAL);

		FiledRequest rejected = this.requests.reject(Decider.person("reviewer"), filed, "duplicate of CHG-1");

		assertThat(rejected.status()).isEqualTo(RequestStatus.REJECTED);
		assertThat(events).contains(RequestChanged.class).matching(RequestChanged::requestId, filed.id());
		assertThat(events.ofType(RunChanged.class)).isEmpty();
		ArgumentCaptor<AuditEvent> recorded = ArgumentCaptor.forClass(AuditEvent.class);
		verify(this.audit, atLeastOnce()).record(recorded.capture());
		assertThat(recorded.getAllValues()).anySatisfy((event) -> {
			assertThat(event.action()).isEqualTo("api.request.rejected");
			assertThat(event.details().get("decidedBy")).isEqualTo("reviewer");
			assertThat(event.details().get("requestId")).isEqualTo(filed.id());
		});
		// A second decision on a request decided for good is refused.
		assertThatExceptionOfType(RequestConflictException.class)
			.isThrownBy(() -> this.requests.reject(Decider.person("reviewer"), rejected, "again"));
	}

	@Test
	void anApprovalWhosePlanChangedIsRefusedKeepsTheNewPlanForReviewAndStartsNoRun(AssertablePublishedEvents events) {
		FiledRequest filed = file();
		long runs = runCount();
		// Meanwhile someone created the group: the plan the request was filed with is no longer the plan.
		groupIs(Result.ALREADY_AS_REQUESTED, "group " + this.name + "-hosts exists as requested");

		assertThatExceptionOfType(RequestConflictException.class)
			.isThrownBy(() -> this.requests.approve(Decider.person("reviewer"), filed, filed.planHash(), null))
			.withMessageContaining("The plan changed since it was filed");

		FiledRequest now = this.requests.find(filed.id()).orElseThrow();
		assertThat(now.status()).isEqualTo(RequestStatus.PENDING_APPROVAL);
		assertThat(now.runId()).isNull();
		assertThat(now.planHash()).isNotEqualTo(filed.planHash()).isEqualTo(this.engine.plan(request()).hash());
		assertThat(runCount()).isEqualTo(runs);
		assertThat(events.ofType(RunChanged.class)).isEmpty();
		assertThat(events.ofType(RequestChanged.class)).isEmpty();
		verify(this.directory, never()).ensureGroup(anyString(), anyString(), any(), any(), eq(Mode.APPLY), any());
		verify(this.directory, never()).ensureGmsa(anyString(), any(), eq(Mode.APPLY), any());
	}

	@Test
	void theWizardsApprovalOfAStalePlanNamesBothPlansAndStartsNoRun() {
		Plan shown = this.engine.plan(request());
		groupIs(Result.ALREADY_AS_REQUESTED, "group " + this.name + "-hosts exists as requested");
		String current = this.engine.plan(request()).hash();
		long runs = runCount();
		String token = UUID.randomUUID().toString();

		assertThatExceptionOfType(ApprovalMismatchException.class)
			.isThrownBy(() -> this.engine.start(request(),
					new Approval(shown.hash(), "wizard-admin", Instant.now(), null), token))
			.withMessage("The approval is for plan " + shown.hash() + ", not for plan " + current
					+ ": approve the plan that is to run.");

		assertThat(this.engine.runStartedWith(token)).isEmpty();
		assertThat(runCount()).isEqualTo(runs);
		verify(this.directory, never()).ensureGroup(anyString(), anyString(), any(), any(), eq(Mode.APPLY), any());
		verifyNoInteractions(this.clusters);
	}

	@Test
	void aPlanWithADriftedStepIsBlockedAndItsApprovalIsRefused() {
		groupIs(Result.DRIFT, "group " + this.name + "-hosts exists with other members");
		Plan plan = this.engine.plan(request());
		assertThat(plan.runnable()).isFalse();
		assertThat(plan.steps()).extracting(PlannedStep::kind, PlannedStep::intent)
			.contains(org.assertj.core.groups.Tuple.tuple(StepKind.ENSURE_GROUP, StepIntent.BLOCKED));
		long runs = runCount();

		assertThatExceptionOfType(ProvisioningRefusedException.class)
			.isThrownBy(() -> this.engine.start(request(), new Approval(plan.hash(), "wizard-admin", Instant.now(), null),
					UUID.randomUUID().toString()))
			.withMessageContaining("The plan cannot run")
			.withMessageContaining("exists with other members");
		assertThat(runCount()).isEqualTo(runs);
	}

	private void groupIs(Result result, String detail) {
		given(this.directory.ensureGroup(eq("lab"), anyString(), any(), any(), eq(Mode.PREVIEW), any()))
			.willReturn(Ensured.of(result, detail));
	}

	private ProvisioningRequest request() {
		return new ProvisioningRequest("lab", this.name, this.name + ".contoso.com",
				List.of("HTTP/" + this.name + ".contoso.com"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, this.name + "-hosts", new Hosts.DomainJoined(List.of("NODE1$")),
				new Target.ExportOnly("apps", "webapp", this.name + "-spec"), "CHG-1");
	}

	/** A request filed through the module's front-door API by a client of its own, pending approval. */
	private FiledRequest file() {
		String client = UUID.randomUUID().toString();
		this.jdbc.sql("INSERT INTO api_client (id, name, token_hash, scopes, callback_hosts, signing_secret_enc, "
				+ "created_at, created_by) VALUES (?, ?, ?, 'requests:write', '', 'x', ?, 'test')")
			.params(client, "c-" + client.substring(0, 8),
					UUID.randomUUID().toString().replace("-", "") + "0".repeat(32), OffsetDateTime.now())
			.update();
		Plan plan = this.engine.plan(request());
		RequestSubmission filing = new RequestSubmission(client, "key-" + this.name, "0".repeat(64),
				RequestKind.PROVISION, null, "{\"gmsaName\":\"" + this.name + "\"}", "CHG-1");
		return this.requests.file(UUID.randomUUID().toString(), filing, plan, "api.request.filed",
				Map.of("planHash", plan.hash()), null);
	}

	private long runCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run").query(Long.class).single();
	}

}
