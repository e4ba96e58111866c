package org.gmsaportal.web.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.RunKind;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunTimes;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.StepState;
import org.gmsaportal.provisioning.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run page's timeline: how far a run got, how long each step took and the object each acts on.
 */
class RunTimelineTests {

	private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

	private static final ProvisioningRequest REQUEST = new ProvisioningRequest("lab", "WebApp01",
			"webapp01.lab.test", List.of(), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
			KdsRootKeyChoice.USE_EXISTING, "WebApp01-hosts",
			new Hosts.Portable("webapp01-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:webapp01-ccg"),
			new Target.Cluster("mock", "apps", "webapp", "webapp01-spec", List.of(), null), null);

	@Test
	void aRunningRunCountsItsDoneStepsNamesTheCurrentOneAndTimesIt() {
		RunView run = run(RunState.RUNNING, StepState.SUCCEEDED, StepState.SKIPPED, StepState.RUNNING,
				StepState.PENDING);
		RunTimes.Times times = new RunTimes.Times(START.minusSeconds(30), List.of(
				new RunTimes.StepTimes(0, START, START.plusMillis(850)),
				new RunTimes.StepTimes(1, START.plusSeconds(1), START.plusMillis(13_400)),
				new RunTimes.StepTimes(2, START.plusSeconds(14), null)));
		RunTimeline timeline = RunTimeline.of(run, Optional.of(times), REQUEST, START.plusSeconds(200));
		assertThat(timeline.done()).isEqualTo(2);
		assertThat(timeline.total()).isEqualTo(4);
		assertThat(timeline.current().step().kind()).isEqualTo(StepKind.APPLY_TO_CLUSTER);
		assertThat(timeline.steps()).extracting(RunTimeline.Step::took)
			.containsExactly("850 ms", "12.4 s", "3 min 6 s", "\u2013");
		assertThat(timeline.took()).isEqualTo("3 min 20 s");
		assertThat(timeline.approvedAt()).isEqualTo(START.minusSeconds(30));
	}

	@Test
	void aStoppedRunNamesTheStepItStoppedAtAndItsWholeTime() {
		RunView run = run(RunState.FAILED, StepState.SUCCEEDED, StepState.SUCCEEDED, StepState.FAILED,
				StepState.PENDING);
		RunTimeline timeline = RunTimeline.of(run, Optional.empty(), null, START.plus(Duration.ofDays(3)));
		assertThat(timeline.current().step().state()).isEqualTo(StepState.FAILED);
		assertThat(timeline.elapsed()).isEqualTo(Duration.ofSeconds(61));
		assertThat(timeline.approvedAt()).isNull();
		// Without the stored times, a step says it has none rather than guessing.
		assertThat(timeline.steps()).extracting(RunTimeline.Step::took).containsOnly("\u2013");
	}

	@Test
	void eachStepNamesItsObjectAndLinksWhereThePortalShowsIt() {
		RunTimeline timeline = RunTimeline.of(run(RunState.SUCCEEDED, StepState.SUCCEEDED, StepState.SUCCEEDED,
				StepState.SUCCEEDED, StepState.SUCCEEDED), Optional.empty(), REQUEST, START);
		assertThat(timeline.steps()).extracting(RunTimeline.Step::object).containsExactly(
				new StepObjects.StepObject("gMSA WebApp01$", "/inventory/gmsas/lab/WebApp01"),
				new StepObjects.StepObject("user webapp01-ccg", "/inventory/users?name=webapp01-ccg"),
				new StepObjects.StepObject("GMSACredentialSpec webapp01-spec",
						"/inventory/credential-specs?name=webapp01-spec"),
				new StepObjects.StepObject("Deployment apps/web01", null));
		// Without the request (a run whose request no longer reads), the step's own target and no link.
		assertThat(RunTimeline.of(run(RunState.SUCCEEDED, StepState.SUCCEEDED, StepState.SUCCEEDED,
				StepState.SUCCEEDED, StepState.SUCCEEDED), Optional.empty(), null, START).steps().get(0).object())
			.isEqualTo(new StepObjects.StepObject("gMSA WebApp01$", null));
	}

	/** Four steps in the given states: the gMSA, the portable user, the cluster apply and a workload patch. */
	private static RunView run(RunState state, StepState... steps) {
		List<StepKind> kinds = List.of(StepKind.ENSURE_GMSA, StepKind.ENSURE_PORTABLE_USER, StepKind.APPLY_TO_CLUSTER,
				StepKind.PATCH_WORKLOAD);
		List<String> targets = List.of("WebApp01$", "webapp01-ccg", "webapp01-spec", "Deployment/web01");
		List<RunView.StepView> views = new java.util.ArrayList<>();
		for (int i = 0; i < steps.length; i++) {
			views.add(new RunView.StepView(i, kinds.get(i), targets.get(i), StepIntent.CREATE, "step " + i, steps[i],
					null, null, null, 1));
		}
		return new RunView("0b7e3c7e-1a2b-4c3d-8e9f-0123456789ab", RunKind.PROVISION, state, "lab.test", "WebApp01",
				"a".repeat(64), "admin", null, null, null, null, START, START.plusSeconds(61), views);
	}

}
