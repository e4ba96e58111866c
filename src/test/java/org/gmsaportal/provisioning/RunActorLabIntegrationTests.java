package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who a wizard run's writes are attributed to, against the Samba lab DC: the wizard approves on the signed-in
 * ADMIN's request thread ({@code ReviewController} calls {@link ProvisioningService#start(ProvisioningRequest,
 * Approval, String)}), and the run then executes on a pool thread with nobody signed in. Its directory writes must
 * still name that ADMIN, and a decommission the ADMIN who approved it.
 */
@SpringBootTest
class RunActorLabIntegrationTests {

	@Autowired
	ProvisioningService service;

	@Autowired
	AuditLog auditLog;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aWizardRunsDirectoryWritesNameTheAdminWhoApprovedItAndItsDecommissionTheirApprover() {
		String name = Requests.freshName();
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name.toLowerCase() + "-spec"), null);
		signIn("alice.admin");
		Plan plan = this.service.plan(request);
		String runId = this.service.start(request, new Approval(plan.hash(), "alice.admin", Instant.now(), null),
				"key-" + name);
		assertThat(Waiting.forRun(this.service, runId).state()).isEqualTo(RunState.SUCCEEDED);

		List<AuditRow> run = eventsOf(runId);
		assertThat(run).extracting(AuditRow::action)
			.contains("directory.group.ensure", "directory.gmsa.ensure", "directory.user.ensure",
					"directory.gmsa.password-proof", "provisioning.run.succeeded");
		assertThat(run).allSatisfy(e -> assertThat(e.actor() + "/" + e.actorKind() + "/" + e.actorRoles())
			.as(e.action()).isEqualTo("alice.admin/PERSON/ADMIN"));

		signIn("bob.admin");
		Plan removal = this.service.decommissionPlan(runId);
		String decommission = this.service.decommission(runId,
				new Approval(removal.hash(), "bob.admin", Instant.now(), null));
		SecurityContextHolder.clearContext();
		assertThat(Waiting.forRun(this.service, decommission).state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(eventsOf(decommission)).extracting(AuditRow::action).contains("directory.object.delete");
		assertThat(eventsOf(decommission)).allSatisfy(e -> assertThat(e.actor() + "/" + e.actorKind())
			.as(e.action()).isEqualTo("bob.admin/PERSON"));
	}

	private static void signIn(String user) {
		SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
				null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
	}

	private List<AuditRow> eventsOf(String runId) {
		return this.auditLog.search(new AuditQuery(null, null, null, null, null, null, runId), 0, 500).events();
	}

}
