package org.gmsaportal.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Secret;
import org.gmsaportal.credspec.PluginPreset;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.secretstores.aws.SecretsManagerStandIn;
import org.gmsaportal.support.KeyVaultStandInConfig;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.MockCluster;
import org.gmsaportal.support.Waiting;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs whose portable identity the portal writes to a Kubernetes Secret: the Samba lab DC as directory
 * {@code lab} (the real directory adapter), and as cluster {@code mock} fabric8's mock API server (CRUD mode plus
 * server-side apply, seeded with the CRD, webhooks, Windows nodes and CoreDNS), reached through a kubeconfig as a
 * real cluster would be: a real API server cannot run on these machines. One mock server for the JVM, so that
 * the classes extending this share one Spring context. The database is an H2 file of its own, so that tests can
 * search the files themselves for a password.
 * <p>
 * The cloud stores go through their real SDKs to local HTTPS stand-ins, since neither Key Vault nor Secrets Manager
 * can run here: the JVM-wide {@link KeyVaultStandInConfig Key Vault stand-in} (its own Entra sign-in and
 * resolver) and a {@link SecretsManagerStandIn} that checks every request's SigV4 signature. They are wired here,
 * not in the cloud test, so that every class extending this shares one Spring context.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(KeyVaultStandInConfig.class)
abstract class StoreRunSupport {

	static final MockCluster CLUSTER = startCluster();

	static final Path DATABASE = databaseDirectory();

	static final String NAMESPACE = "app-ns";

	static final SecretsManagerStandIn AWS = SecretsManagerStandIn.shared();

	static final String AWS_ACCOUNT = SecretsManagerStandIn.SHARED_ACCOUNT;

	@Autowired
	ProvisioningService service;

	@Autowired
	Directory directory;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	private static MockCluster startCluster() {
		// The workload's service account may not use the credspec yet: the run's RoleBinding grants it.
		MockCluster started = MockCluster.start().withGmsaSupport().answerAccessReviews(false);
		Runtime.getRuntime().addShutdownHook(new Thread(started::close));
		return started;
	}

	private static Path databaseDirectory() {
		try {
			return Files.createTempDirectory("gmsa-store-runs");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void connections(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
		registry.add("gmsa.cluster.connections.mock.kubeconfig", () -> CLUSTER.kubeconfig().toString());
		registry.add("gmsa.cluster.connections.mock.context", () -> "mock");
		KeyVaultStandInConfig.register(registry);
		SecretsManagerStandIn.register(registry);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATABASE.resolve("portal") + ";DB_CLOSE_DELAY=-1");
	}

	/**
	 * A portable request whose identity the run writes to Secret {@code app-ns/<name>-ccg} on cluster {@code mock}.
	 * @param plugin {@code null} for the Rancher preset (known by its CLSID), or the preset with its CLSID
	 */
	static ProvisioningRequest storeRequest(String name, String clsid, @Nullable PluginPreset plugin) {
		return storeRequest(name, clsid, NAMESPACE + ":" + secretName(name), plugin);
	}

	/** A portable request whose identity the run writes to the store this plug-in input names. */
	static ProvisioningRequest storeRequest(String name, String clsid, String pluginInput,
			@Nullable PluginPreset plugin) {
		return new ProvisioningRequest("lab", name, name + ".lab.test", List.of("HTTP/" + name + ".lab.test"),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", clsid, pluginInput, SecretDelivery.STORE, plugin),
				new Target.Cluster("mock", NAMESPACE, "webapp-sa", name.toLowerCase() + "-spec", List.of(), null),
				"CHG0013");
	}

	static String secretName(String name) {
		return name.toLowerCase() + "-ccg";
	}

	String start(Plan plan) {
		assertThat(plan.runnable()).as("%s", plan.blockers()).isTrue();
		return this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
	}

	RunView finished(String runId) {
		return Waiting.forRun(this.service, runId);
	}

	/** The Secret as the node's plug-in would read it, straight from the mock API server: keys to decoded values. */
	static @Nullable Map<String, String> secretData(String name) {
		Secret secret = CLUSTER.client.secrets().inNamespace(NAMESPACE).withName(secretName(name)).get();
		if (secret == null) {
			return null;
		}
		Map<String, String> data = new LinkedHashMap<>();
		secret.getData().forEach((key, value) -> data.put(key,
				new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
		return data;
	}

	static Secret secret(String name) {
		return CLUSTER.client.secrets().inNamespace(NAMESPACE).withName(secretName(name)).get();
	}

	/** Binds to the lab DC as the portable user with this password and reads the gMSA's managed password. */
	Directory.Result bindAndRead(String name, String password) {
		return this.directory.proveRetrieval("lab", name, name + "-ccg", SecretValue.of(password), null).result();
	}

	static RunView.StepView step(RunView run, StepKind kind) {
		return run.steps().stream().filter((s) -> s.kind() == kind).findFirst().orElseThrow();
	}

}
