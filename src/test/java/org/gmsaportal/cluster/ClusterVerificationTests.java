package org.gmsaportal.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting for the sample pod and running the checks in it, against fabric8's mock API server in CRUD mode
 * with exec answered by expectations (a real API server and Windows pods cannot run on these machines).
 */
class ClusterVerificationTests {

	private MockCluster cluster;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start();
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void aPodThatNeverBecomesReadyEndsWithinTheTimeoutWithItsEvents() {
		this.cluster.client.resource(pod("gmsa-demo-7d9f8-x2x4k", false)).create();
		this.cluster.client.resource(new EventBuilder().withNewMetadata().withName("gmsa-demo-7d9f8.1").withNamespace("app-ns")
			.endMetadata()
			.withType("Warning")
			.withReason("FailedCreate")
			.withNewInvolvedObject().withKind("ReplicaSet").withName("gmsa-demo-7d9f8").withNamespace("app-ns").endInvolvedObject()
			.withMessage("Error creating: admission webhook \"admission-webhook.windows-gmsa.sigs.k8s.io\" denied the request:"
					+ " service account webapp-sa is not authorized to `use` gMSA cred spec gmsa-webapp01")
			.build()).create();
		List<String> progress = new ArrayList<>();
		long start = System.nanoTime();

		VerifyResult result = verification().verify("lab", request(Duration.ofSeconds(3)), progress::add);

		// It waited for the pod until its last poll before the 3 s deadline (every 600 ms, at most five times), then
		// gave up: a lower bound that load cannot break, and an upper one that only tells "gave up" from "hung".
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2400)).isLessThan(Duration.ofSeconds(60));
		assertThat(result.outcome()).isEqualTo(VerifyResult.Outcome.POD_NOT_READY);
		assertThat(result.podEvents()).singleElement().asString().contains("FailedCreate", "not authorized to `use`");
		assertThat(result.explanation()).contains("not ready within 3 s", "bind the ClusterRole");
		assertThat(progress).hasSizeBetween(1, 5).allMatch((p) -> p.startsWith("Waiting for pod gmsa-demo-7d9f8-x2x4k"));
		assertThat(result.nltest()).isNull();
	}

	@Test
	void aReadyPodIsVerifiedFromNltestAndKlistOutput() {
		this.cluster.client.resource(pod("gmsa-demo-7d9f8-x2x4k", true)).create();
		expectExec("nltest&command=%2Fsc_verify%3Acontoso.com", Fixtures.resource("nltest-sc-verify-success.txt"));
		expectExec("klist&command=get&command=krbtgt", Fixtures.resource("klist-get-krbtgt-success.txt"));

		VerifyResult result = verification().verify("lab", request(Duration.ofSeconds(60)), (p) -> {
		});

		assertThat(result.nltest().success()).as(result.nltest().output()).isTrue();
		assertThat(result.klist().success()).as(result.klist().output()).isTrue();
		assertThat(result.outcome()).isEqualTo(VerifyResult.Outcome.VERIFIED);
	}

	@Test
	void aReadyPodWithoutTheGmsaIdentityIsAKerberosFailure() {
		this.cluster.client.resource(pod("gmsa-demo-7d9f8-x2x4k", true)).create();
		expectExec("nltest&command=%2Fsc_verify%3Acontoso.com", Fixtures.resource("nltest-sc-verify-rpc-unavailable.txt"));
		expectExec("klist&command=get&command=krbtgt", Fixtures.resource("klist-get-krbtgt-failure.txt"));

		VerifyResult result = verification().verify("lab", request(Duration.ofSeconds(60)), (p) -> {
		});

		assertThat(result.outcome()).isEqualTo(VerifyResult.Outcome.KERBEROS_FAILED);
		assertThat(result.explanation()).contains("RPC_S_SERVER_UNAVAILABLE");
	}

	private void expectExec(String command, String output) {
		this.cluster.server.expect()
			.get()
			.withPath("/api/v1/namespaces/app-ns/pods/gmsa-demo-7d9f8-x2x4k/exec?command=" + command + "&container=iis&stdout=true&stderr=true")
			.andUpgradeToWebSocket()
			.open(new OutputStreamMessage(output))
			.done()
			.always();
	}

	private ClusterVerification verification() {
		return new ClusterVerification((name) -> this.cluster.client);
	}

	private static VerifyRequest request(Duration timeout) {
		return new VerifyRequest("app-ns", "gmsa-demo", "run-42", "contoso.com", timeout);
	}

	private static Pod pod(String name, boolean ready) {
		return new PodBuilder().withNewMetadata().withName(name).withNamespace("app-ns")
			.addToLabels(ClusterLabels.RUN_ID, "run-42").addToLabels("app", "gmsa-demo").endMetadata()
			.withNewSpec().addNewContainer().withName("iis").withImage("mcr.microsoft.com/windows/servercore/iis").endContainer()
			.endSpec()
			.withNewStatus().withPhase(ready ? "Running" : "Pending")
			.addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
			.endStatus()
			.build();
	}

}
