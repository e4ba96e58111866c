package org.gmsaportal.web.pages;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.Waiting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pages need to show something, made through the portal's own services (never SQL): a finished run with
 * more than 50 events of its own, a run still running (its gMSA step held by the stand-in directory until
 * {@link #close()}), a failed run and a request waiting for approval (something needing attention), 200 more audit
 * events, and values as long as a user may type (a 300-character detail, DNs of 150 characters).
 */
final class PageData implements AutoCloseable {

	static final int RUN_EVENTS = 55;

	static final int AUDIT_EVENTS = 200;

	final String finishedRun;

	final String runningRun;

	final String failedRun;

	final String pendingRequest;

	final String apiClient;

	private final CountDownLatch release = new CountDownLatch(1);

	PageData(ProvisioningService provisioning, FakeDirectory directory, AuditTrail audit, ApiClients clients,
			String baseUrl) {
		this.finishedRun = Waiting.forRun(provisioning, start(provisioning, fresh(), "CHG0042001")).id();
		assertThat(provisioning.run(this.finishedRun).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
		recordRunEvents(audit, this.finishedRun);

		directory.failOnce("gmsa", new IllegalStateException("the domain controller did not answer"));
		this.failedRun = Waiting.forRun(provisioning, start(provisioning, fresh(), "CHG0042002")).id();
		assertThat(provisioning.run(this.failedRun).orElseThrow().state()).isEqualTo(RunState.FAILED);

		CountDownLatch entered = new CountDownLatch(1);
		directory.pauseOnce("gmsa", entered, this.release);
		this.runningRun = start(provisioning, fresh(), "CHG0042003");
		await(entered);

		NewApiClient filer = clients.create("servicenow-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of());
		this.apiClient = filer.client().id();
		this.pendingRequest = file(baseUrl, filer, fresh());
		recordTrail(audit);
	}

	/** Lets the running run go on, so that nothing waits on the stand-in directory after the harness. */
	@Override
	public void close() {
		this.release.countDown();
	}

	private static String start(ProvisioningService provisioning, String name, String ticket) {
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".contoso.com",
				List.of("HTTP/" + name + ".contoso.com"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, name + "-hosts", new Hosts.DomainJoined(List.of("NODE1$", "NODE2$")),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), ticket);
		Plan plan = provisioning.plan(request);
		return provisioning.start(plan, new Approval(plan.hash(), "admin", Instant.now(), "CAB 2026-49"));
	}

	// A run writes a dozen events itself; a long one (many hosts, retries, a resume) writes more, and its page must
	// stay readable with 50. These name the run as its own events do.
	private static void recordRunEvents(AuditTrail audit, String runId) {
		for (int i = 0; i < RUN_EVENTS; i++) {
			String host = "WIN-NODE-" + i;
			audit.record(AuditEvent.of("directory.group.member.check", longDn(host), AuditOutcome.SUCCESS)
				.withDetails(details("member", host + "$", "note", i % 10 == 0 ? "x".repeat(300) : "present"))
				.withCorrelation(runId, "CHG0042001"));
		}
	}

	private static void recordTrail(AuditTrail audit) {
		for (int i = 0; i < AUDIT_EVENTS; i++) {
			AuditOutcome outcome = (i % 17 == 0) ? AuditOutcome.DENIED : AuditOutcome.SUCCESS;
			audit.record(AuditEvent.of(i % 2 == 0 ? "inventory.page.read" : "api.request.read",
					longDn("APP" + i), outcome)
				.withDetails(details("path", "/inventory/gmsas?q=" + "app".repeat(i % 5 == 0 ? 40 : 2), "rows",
						Integer.toString(i)))
				.withCorrelation(UUID.randomUUID().toString(), i % 3 == 0 ? "RITM00" + i : null));
		}
	}

	private static String file(String baseUrl, NewApiClient filer, String name) {
		String body = """
				{ "directory": "lab", "account": { "name": "%s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" },
				  "ticket": { "system": "servicenow", "key": "RITM0099",
				    "url": "https://sn.example.com/ticket/RITM0099" } }
				""".formatted(name);
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/provisioning-requests"))
			.header("Authorization", "Bearer " + filer.token())
			.header("Idempotency-Key", "k-" + UUID.randomUUID())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			return response.body().replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> details(String... pairs) {
		Map<String, String> details = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			details.put(pairs[i], pairs[i + 1]);
		}
		return details;
	}

	private static String longDn(String name) {
		return "CN=" + name + ",OU=Windows Container Hosts,OU=Kubernetes Platform Team,OU=Tier 1 Servers,"
				+ "OU=Datacenter Amsterdam,DC=corp,DC=contoso,DC=com";
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(Waiting.LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the run to reach its gMSA step")
				.isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String fresh() {
		return "pg" + UUID.randomUUID().toString().replace("-", "").substring(0, 7);
	}

}
