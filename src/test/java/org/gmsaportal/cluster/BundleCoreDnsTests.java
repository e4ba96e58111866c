package org.gmsaportal.cluster;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.gmsaportal.support.AuditRecorder;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CoreDNS forward block travels in a bundle made without a cluster (plan-only mode, export-only runs, the
 * GitOps download), so its user gets the same block the live path merges. The live merge is run on fabric8's
 * mock API server in CRUD mode (no real API server can run on these machines) to compare the two.
 */
class BundleCoreDnsTests {

	private MockCluster cluster;

	private ClusterDeployments deployments;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("gmsa-crd.yaml").with("coredns.yaml");
		this.deployments = new ClusterDeployments((name) -> this.cluster.client, new AuditRecorder());
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void aBundleWithoutAClusterCarriesTheForwardBlockTheLivePathMergesWithTheCommandsThatAppendIt() {
		GmsaDeployment deployment = Fixtures.deployment("run-42");

		ExportBundle bundle = this.deployments.export(deployment, null, false);
		this.deployments.apply("lab", deployment, null);

		String corefile = this.cluster.client.configMaps().inNamespace("kube-system").withName("coredns").get()
			.getData().get("Corefile");
		String merged = CorefileMerge.block(deployment.dnsForward(), "run-42");
		assertThat(corefile).endsWith(merged);
		// Every line the live path merged is in the file itself, commented, inside the command that appends it.
		for (String line : merged.strip().lines().toList()) {
			assertThat(bundle.yaml()).contains("#   " + line + "\n");
		}
		assertThat(bundle.yaml()).contains("# --- CoreDNS: forward contoso.com to 10.0.0.4 10.0.0.5 ---",
				"would replace the cluster's\n# whole Corefile");
		// Still only the portal's own objects as documents: never a ConfigMap that would replace the Corefile.
		assertThat(parse(bundle.yaml())).extracting(HasMetadata::getKind).doesNotContain("ConfigMap").hasSize(5);
		assertThat(bundle.kubectlCommands()).contains(
				"kubectl -n kube-system get configmap coredns -o jsonpath='{.data.Corefile}' > Corefile",
				"grep -q '^contoso\\.com:53 ' Corefile || cat >> Corefile <<'EOF'\n" + merged.strip() + "\nEOF",
				"kubectl -n kube-system create configmap coredns --from-file=Corefile --dry-run=client -o yaml"
						+ " | kubectl apply --server-side --field-manager=gmsa-portal --force-conflicts -f -");
		assertThat(bundle.kubectlCommands()).anyMatch((c) -> c.contains("# decommission")
				&& c.contains("'# gmsa-portal: forward contoso.com run=run-42'"));
		assertThat(bundle.warnings()).contains(CoreDnsNote.WARNING);
		assertThat(bundle.coreDnsBlock()).isEqualTo(merged);
	}

	@Test
	void aBundleWithoutADnsForwardSaysNothingAboutCoreDns() {
		GmsaDeployment fixture = Fixtures.deployment("run-42");
		GmsaDeployment deployment = new GmsaDeployment("run-42", fixture.credSpecName(), fixture.credSpec(),
				fixture.namespace(), fixture.serviceAccount(), fixture.identitySecret(), null, null);

		ExportBundle bundle = this.deployments.export(deployment, null, false);

		assertThat(bundle.yaml()).doesNotContain("CoreDNS").doesNotContain("Corefile");
		assertThat(bundle.kubectlCommands()).noneMatch((c) -> c.contains("coredns"));
		assertThat(bundle.warnings()).doesNotContain(CoreDnsNote.WARNING);
	}

	private List<HasMetadata> parse(String yaml) {
		return this.cluster.client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
	}

}
