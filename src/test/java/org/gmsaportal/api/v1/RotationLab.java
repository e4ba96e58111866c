package org.gmsaportal.api.v1;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Secret;
import org.gmsaportal.GmsaPortalApplication;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.SecretDelivery;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.MockCluster;
import org.gmsaportal.support.Waiting;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portal of its own for the rotation tests: an H2 database in files (so a test can read every byte the database
 * wrote), the Samba lab DC as directory {@code lab}, and the JVM-wide fabric8 mock API server of
 * {@link ApiLabSupport} as cluster {@code mock} (a mock: no real API server runs here), where the Kubernetes Secret
 * destination writes the portable identity. Pages are fetched over HTTP as the local admin.
 */
final class RotationLab implements AutoCloseable {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	static final String NAMESPACE = "app-ns";

	final MockCluster cluster = ApiLabSupport.cluster;

	final ConfigurableApplicationContext portal;

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final int port;

	RotationLab(Path data) {
		// Command-line arguments, so they win over the tests' config/application.properties (an in-memory H2).
		this.portal = new SpringApplicationBuilder(GmsaPortalApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("portal"),
				"--gmsa.directory.connections.lab.urls=" + LabServices.dc("GMSA_LAB_LDAPS_URL"),
				"--gmsa.directory.connections.lab.domain=lab.test",
				"--gmsa.directory.connections.lab.ca-file=" + LabServices.dc("GMSA_LAB_CA_FILE"),
				"--gmsa.directory.connections.lab.bind-user=" + LabServices.dc("GMSA_LAB_DOMAIN_ADMIN"),
				"--gmsa.directory.connections.lab.bind-password=" + LabServices.dc("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"),
				"--gmsa.cluster.connections.mock.kubeconfig=" + this.cluster.kubeconfig(),
				"--gmsa.cluster.connections.mock.context=mock");
		this.port = ((WebServerApplicationContext) this.portal).getWebServer().getPort();
	}

	<T> T bean(Class<T> type) {
		return this.portal.getBean(type);
	}

	/** A portable request whose identity the run writes to a Kubernetes Secret in the workload's namespace. */
	static ProvisioningRequest storeDelivered(String name) {
		return new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), NAMESPACE + ":" + name + "-ccg",
						SecretDelivery.STORE),
				new Target.Cluster("mock", NAMESPACE, "webapp-sa", name + "-spec", List.of(), null), null);
	}

	static String freshName(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
	}

	/** Provisions the request to SUCCEEDED and returns its run. */
	String provision(ProvisioningRequest request) {
		ProvisioningService service = bean(ProvisioningService.class);
		Plan plan = service.plan(request);
		String runId = service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView done = Waiting.forRun(service, runId);
		assertThat(done.state()).as("%s %s", done.failure(), done.steps()).isEqualTo(RunState.SUCCEEDED);
		return runId;
	}

	/** The password in the identity Secret the node's plug-in reads, as the plug-in reads it. */
	String storedPassword(String name) {
		Secret secret = this.cluster.client.secrets().inNamespace(NAMESPACE).withName(name + "-ccg").get();
		assertThat(secret).as("the identity Secret").isNotNull();
		String password = (secret.getData() != null && secret.getData().get("password") != null)
				? new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8)
				: secret.getStringData().get("password");
		assertThat(password).isNotBlank();
		return password;
	}

	/** Whether a simple bind as the user with this password succeeds on the lab DC (ldapwhoami over LDAPS). */
	static boolean binds(String userName, String password, Path scratch) throws Exception {
		Path file = Files.writeString(scratch.resolve("bind-" + UUID.randomUUID()), password);
		try {
			ProcessBuilder whoami = new ProcessBuilder("ldapwhoami", "-x", "-H", LabServices.dc("GMSA_LAB_LDAPS_URL"),
					"-D", userName + "@lab.test", "-y", file.toString()).redirectErrorStream(true);
			whoami.environment().put("LDAPTLS_CACERT", LabServices.dc("GMSA_LAB_CA_FILE"));
			Process process = whoami.start();
			process.getInputStream().readAllBytes();
			return process.waitFor() == 0;
		}
		finally {
			Files.delete(file);
		}
	}

	void signInAsAdmin() throws Exception {
		Matcher csrf = CSRF.matcher(get("/login"));
		assertThat(csrf.find()).isTrue();
		String form = "username=admin&password=" + URLEncoder.encode("test-admin-password", StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		this.http.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A page or download as the signed-in admin; fails unless it answers 200. */
	String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Accept", "text/html,*/*").GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return response.body();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@Override
	public void close() {
		this.portal.close();
	}

}
