package org.gmsaportal.api.v1;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.credspec.CredentialSpecGenerator;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.directory.DomainFacts;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.CallbackReceiver;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.MockCluster;
import org.gmsaportal.support.Waiting;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal on a random port with the Samba lab DC as directory {@code lab} (real directory adapter,
 * domain Administrator standing in for the service account) and fabric8's mock API server as cluster
 * {@code mock}, reached through a kubeconfig; a real API server cannot run on these machines. Each test
 * gets three API clients (a filer with a callback allow-list of 127.0.0.1, an approver, an auditor) and a
 * signature-verifying callback receiver; the portal's own scheduler delivers callbacks every 500 ms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gmsa.api.allow-insecure-callbacks=true", "gmsa.api.callbacks.poll-interval=500ms" })
abstract class ApiLabSupport {

	private static final Duration INTEGRATOR_POLL = Duration.ofMillis(250);

	// One mock server for the JVM: the test classes share one Spring context, whose cluster client keeps the
	// kubeconfig it was made with, so a server per class would be gone for every class after the first.
	static final MockCluster cluster = startCluster();

	@Autowired
	ApiClients clients;

	@Autowired
	DirectoryConnections connections;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	ApiHttp http;

	CallbackReceiver receiver;

	NewApiClient filer;

	NewApiClient approver;

	NewApiClient auditor;

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

	@DynamicPropertySource
	static void connections(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
		registry.add("gmsa.cluster.connections.mock.kubeconfig", () -> cluster.kubeconfig().toString());
		registry.add("gmsa.cluster.connections.mock.context", () -> "mock");
	}

	@BeforeEach
	void clientsAndReceiver() throws IOException {
		this.http = new ApiHttp("http://127.0.0.1:" + this.port, this.json);
		this.receiver = new CallbackReceiver(this.json);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.filer = this.clients.create("servicenow-" + suffix, Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ),
				null, List.of("127.0.0.1"));
		this.approver = this.clients.create("cab-" + suffix, Set.of(ApiScope.REQUESTS_APPROVE, ApiScope.REQUESTS_READ),
				null, List.of());
		this.auditor = this.clients.create("siem-" + suffix, Set.of(ApiScope.AUDIT_READ), null, List.of());
		this.receiver.secret = this.filer.signingSecret();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	/** The credential spec the wizard's generator writes for this gMSA from the lab DC's live domain facts. */
	String expectedCredentialSpec(String name, @Nullable HostAccountPreset preset) {
		DomainFacts facts = this.connections.find("lab").orElseThrow().domainFacts();
		DomainIdentity domain = DomainIdentity.of(facts.dnsName(), facts.netbiosName(), facts.forestDnsName(),
				facts.domainSid(), facts.domainGuid().toString());
		return new CredentialSpecGenerator().generate(domain, name, List.of(), preset).toJson();
	}

	/** The audit events of one request or run, read through the API by the auditor client. */
	List<JsonNode> events(String correlationId) throws Exception {
		ApiHttp.Answer page = this.http.get("/api/v1/audit-events?limit=1000&correlationId=" + correlationId,
				this.auditor.token());
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		assertThat(page.json().get("nextCursor").isNull()).isTrue();
		return page.json().get("events").valueStream().toList();
	}

	void assertChainValid() throws Exception {
		ApiHttp.Answer verification = this.http.get("/api/v1/audit-events/verification", this.auditor.token());
		assertThat(verification.status()).isEqualTo(200);
		assertThat(verification.json().get("valid").asBoolean()).as(verification.body()).isTrue();
		assertThat(verification.json().get("checked").asLong()).isPositive();
	}

	/**
	 * Polls the request like an integrator would (every 250 ms), until it has the status; FAILED ends it early.
	 * Bounded by {@link Waiting#LIMIT}.
	 */
	JsonNode awaitStatus(String path, String token, String wanted) {
		return Waiting.until("request " + path + " to be " + wanted, INTEGRATOR_POLL,
				() -> this.http.get(path, token).json(), (view) -> {
					if (view.get("status").asString().equals(wanted)) {
						return true;
					}
					assertThat(view.get("status").asString()).as("%s", view).isNotEqualTo("FAILED");
					return false;
				});
	}

	/**
	 * Waits for the portal's own scheduler to deliver the status to the receiver. Bounded by {@link Waiting#LIMIT}
	 * only against hanging: one poll works through every watched request in turn, which on a loaded machine took
	 * longer than 20 s.
	 */
	void awaitCallback(String requestId, String status) {
		Waiting.until("a callback about request " + requestId + " with status " + status,
				() -> this.receiver.statuses(requestId), (statuses) -> statuses.contains(status));
	}

}
