package org.gmsaportal.provisioning;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who a run's audit events name across attempts, through the fake ports on H2: a run executes on a pool thread with
 * nobody signed in, its first attempt on behalf of its approver, a resumed one on behalf of whoever resumed it. The
 * directory's own events are checked against the lab DC in RunActorLabIntegrationTests.
 */
class RunActorTests extends ProvisioningEngineContract {

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aRunActsAsItsApproverAndAResumedAttemptAsWhoeverResumedIt() {
		this.directory.failOnce("gmsa", new IllegalStateException("dc01.contoso.com did not answer"));
		signIn("alice.admin");
		String runId = startApproved(Requests.portable(Requests.freshName()));
		awaitState(runId, RunState.FAILED);
		signIn("bob.admin");
		this.service.resume(runId);
		SecurityContextHolder.clearContext();
		awaitState(runId, RunState.SUCCEEDED);

		List<String> actors = this.jdbc.sql("SELECT action || ' ' || actor FROM audit_event WHERE correlation_id = ? "
				+ "ORDER BY seq").param(runId).query(String.class).list();
		int resumed = actors.indexOf("provisioning.run.resumed bob.admin");
		assertThat(resumed).as("%s", actors).isPositive();
		assertThat(actors.subList(0, resumed)).as("the first attempt, on a pool thread: its approver")
			.allSatisfy(a -> assertThat(a).endsWith(" alice.admin"));
		assertThat(actors.subList(resumed, actors.size())).as("the second attempt: whoever resumed it")
			.allSatisfy(a -> assertThat(a).endsWith(" bob.admin"));
	}

	private static void signIn(String user) {
		SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
				null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
	}

}
