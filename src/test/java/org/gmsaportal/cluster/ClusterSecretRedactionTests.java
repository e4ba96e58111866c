package org.gmsaportal.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.gmsaportal.support.AuditRecorder;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity Secret's values never reach logs, audit events, diffs or messages, checked through a whole
 * apply, plan and decommission in fabric8's mock API server in CRUD mode (a real API server cannot run on
 * these machines).
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterSecretRedactionTests {

	private static final String ENCODED = Base64.getEncoder()
		.encodeToString(Fixtures.PASSWORD.getBytes(StandardCharsets.UTF_8));

	private MockCluster cluster;

	private final AuditRecorder audit = new AuditRecorder();

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("gmsa-crd.yaml").with("coredns.yaml");
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void secretValuesAppearInNoLogLineAuditEventOrDiff(CapturedOutput output) {
		ClusterDeployments deployments = new ClusterDeployments((name) -> this.cluster.client, this.audit);
		GmsaDeployment deployment = Fixtures.deployment("run-42");

		ApplyResult plan = deployments.plan("lab", deployment);
		ApplyResult applied = deployments.apply("lab", deployment, null);
		deployments.decommission("lab", "run-42", applied.changes().stream().map(ObjectChange::object).toList());

		// apply and delete, each an intent before the call and a result after it
		assertThat(this.audit.events).filteredOn((e) -> e.target().contains("Secret")).hasSize(4);
		assertThat(this.audit.events.toString()).doesNotContain(Fixtures.PASSWORD).doesNotContain(ENCODED);
		assertThat(List.of(plan.toString(), applied.toString())).allSatisfy((s) -> assertThat(s)
			.doesNotContain(Fixtures.PASSWORD).doesNotContain(ENCODED));
		assertThat(plan.changes()).filteredOn((c) -> c.object().kind().equals("Secret")).singleElement()
			.satisfies((c) -> assertThat(c.diff()).anyMatch((line) -> line.contains("(redacted)")));
		assertThat(output.getAll()).contains("Secret app-ns/webapp01-identity")
			.doesNotContain(Fixtures.PASSWORD).doesNotContain(ENCODED);
		assertThat(deployment.toString()).doesNotContain(Fixtures.PASSWORD);
	}

}
