package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;

import org.gmsaportal.directory.Directory.ObjectType;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.MigratedH2;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The portable user's step never resets the password of an account the run did not create, even for a run approved
 * under an older plan that announced a reset; a user the run creates gets its generated password, shown once.
 */
class PortableUserStepsTests {

	private final FakeDirectory directory = new FakeDirectory();

	private final PasswordVault vault = new PasswordVault(PasswordShowingsTests.showings(MigratedH2.create()));

	private final PortableUserSteps steps = new PortableUserSteps(this.directory, this.vault);

	@Test
	void aUserThatExistedBeforeTheRunIsNotResetEvenWhenAnOlderPlanAnnouncedIt() {
		this.directory.users.put("web01-ccg", "set-by-someone-else");
		StepRunner.RunContext run = run();

		assertThatThrownBy(() -> this.steps.ensure(run, step(StepIntent.CHANGE)))
			.isInstanceOf(StepFailedException.class)
			.hasMessageContaining("already exists")
			.hasMessageContaining("never resets");
		assertThat(this.directory.users.get("web01-ccg")).isEqualTo("set-by-someone-else");
		assertThat(this.vault.forRun("run-1")).isEmpty();
	}

	@Test
	void aUserTheRunCreatesGetsTheGeneratedPassword() {
		StepRunner.Outcome outcome = this.steps.ensure(run(), step(StepIntent.CREATE));

		assertThat(outcome.result()).isEqualTo("CREATED");
		assertThat(outcome.detail()).contains("password generated, shown once").doesNotContain("not changed");
		assertThat(this.vault.forRun("run-1")).isPresent()
			.hasValueSatisfying(p -> assertThat(this.directory.users.get("web01-ccg")).isEqualTo(p.reveal()));
	}

	@Test
	void aPortalMadeUserThisRunDidNotCreateIsNotResetThoughThePlanSaidCreate() {
		// Another run planned and created the same user name first: its marker is the portal's, its password theirs.
		this.directory.users.put("web01-ccg", "set-by-another-run");
		this.directory.createdByPortal.put(ObjectType.USER + " web01-ccg", Instant.now());

		assertThatThrownBy(() -> this.steps.ensure(run(), step(StepIntent.CREATE)))
			.isInstanceOf(StepFailedException.class)
			.hasMessageContaining("never resets");
		assertThat(this.directory.users.get("web01-ccg")).isEqualTo("set-by-another-run");
	}

	private static StepRunner.RunContext run() {
		return new StepRunner.RunContext("run-1", null, Requests.portable("web01"), "contoso.com", null, List.of(),
				false);
	}

	private static RunView.StepView step(StepIntent intent) {
		return new RunView.StepView(3, StepKind.ENSURE_PORTABLE_USER, "web01-ccg", intent, "the user", StepState.PENDING,
				null, null, null, 0);
	}

}
