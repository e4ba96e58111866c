package org.gmsaportal.callbacks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.CallbackReceiver;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Signed status callbacks end to end: a receiver on 127.0.0.1 verifies each delivery exactly as an
 * integrator would (HMAC-SHA256 over {@code id.timestamp.body} with the key decoded from the client's
 * {@code whsec_} secret) and records the events. The scheduled poll is pushed out of the way (1 h) and the
 * tests call {@link CallbackDelivery#poll(Instant)} themselves, passing the time to control the backoff.
 */
@SpringBootTest(properties = { "gmsa.api.allow-insecure-callbacks=true", "gmsa.api.callbacks.poll-interval=1h",
		"gmsa.api.callbacks.attempt-timeout=5s" })
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class CallbackDeliveryTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	CallbackDelivery delivery;

	@Autowired
	CallbackAttemptRepository log;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	CallbackReceiver receiver;

	@BeforeEach
	void start() throws IOException {
		this.receiver = new CallbackReceiver(this.json);
	}

	@AfterEach
	void stop() {
		this.receiver.close();
	}

	@Test
	void theReceiverVerifiesEveryStatusUpToSucceeded() throws Exception {
		NewApiClient filer = client(Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ));
		this.receiver.secret = filer.signingSecret();
		NewApiClient approver = client(Set.of(ApiScope.REQUESTS_APPROVE, ApiScope.REQUESTS_READ));
		JsonNode filed = file(filer);
		String id = filed.get("id").asString();

		this.delivery.poll(Instant.now());
		assertThat(this.receiver.statuses(id)).containsExactly("PENDING_APPROVAL");
		this.delivery.poll(Instant.now());
		assertThat(this.receiver.statuses(id)).as("an unchanged status is not sent again").hasSize(1);

		MockHttpServletResponse approved = this.mvc.perform(post("/api/v1/provisioning-requests/" + id + "/approval")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + approver.token())).andReturn().getResponse();
		assertThat(approved.getStatus()).as(approved.getContentAsString()).isEqualTo(200);
		// The test drives the poller itself; it stops once the run's end is called back.
		List<String> statuses = Waiting.until("a callback about request " + id + " with status SUCCEEDED", () -> {
			this.delivery.poll(Instant.now());
			return this.receiver.statuses(id);
		}, (called) -> called.contains("SUCCEEDED"));
		assertThat(statuses).first().isEqualTo("PENDING_APPROVAL");
		assertThat(statuses).last().isEqualTo("SUCCEEDED");
		assertThat(statuses).doesNotHaveDuplicates().isSubsetOf(RequestStatus.ALL.stream().map(Enum::name).toList());
		assertThat(this.receiver.rejected).isZero();
		JsonNode last = last(this.receiver.events(id));
		assertThat(last.get("type").asString()).isEqualTo("provisioning-request.status");
		assertThat(last.get("id").asString()).startsWith("evt_");
		assertThat(last.get("ticket").get("key").asString()).isEqualTo("RITM0012345");
		assertThat(Instant.parse(last.get("time").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(this.receiver.events(id).stream().map(e -> e.get("id").asString())).doesNotHaveDuplicates();

		assertThat(this.log.attempts(id)).hasSize(statuses.size())
			.allSatisfy(a -> assertThat(a.deliveredAt()).isNotNull())
			.allSatisfy(a -> assertThat(a.httpStatus()).isEqualTo(204));
		assertThat(audited(id, "api.callback.delivered")).isEqualTo(statuses.size());
		String details = this.jdbc.sql("SELECT details FROM audit_event WHERE correlation_id = ? AND action LIKE "
				+ "'api.callback.%'").param(id).query(String.class).list().toString();
		assertThat(details).doesNotContain(filer.signingSecret().substring(6)).doesNotContain("v1,");
	}

	@Test
	void aFailingReceiverIsRetriedWithBackoffUntilItAnswers() throws Exception {
		NewApiClient filer = client(Set.of(ApiScope.REQUESTS_WRITE));
		this.receiver.secret = filer.signingSecret();
		this.receiver.answer.set(500);
		String id = file(filer).get("id").asString();
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

		this.delivery.poll(t0);
		this.delivery.poll(t0.plusSeconds(9));
		assertThat(this.receiver.received.get()).as("not retried before the backoff").isEqualTo(1);
		this.delivery.poll(t0.plusSeconds(10));
		this.delivery.poll(t0.plusSeconds(39));
		assertThat(this.receiver.received.get()).isEqualTo(2);
		this.delivery.poll(t0.plusSeconds(40));
		assertThat(this.receiver.received.get()).isEqualTo(3);
		this.receiver.answer.set(200);
		this.delivery.poll(t0.plusSeconds(130));
		this.delivery.poll(t0.plusSeconds(1000));

		List<CallbackAttemptRepository.Attempt> attempts = this.log.attempts(id);
		assertThat(attempts).extracting(CallbackAttemptRepository.Attempt::attempt).containsExactly(1, 2, 3, 4);
		assertThat(attempts).extracting(CallbackAttemptRepository.Attempt::httpStatus).containsExactly(500, 500, 500, 200);
		assertThat(attempts).extracting(CallbackAttemptRepository.Attempt::nextAttemptAt)
			.containsExactly(t0.plusSeconds(10), t0.plusSeconds(40), t0.plusSeconds(130), null);
		assertThat(attempts).extracting(CallbackAttemptRepository.Attempt::eventId).as("a retry is the same event").containsOnly(
				attempts.get(0).eventId());
		assertThat(last(attempts).deliveredAt()).isEqualTo(t0.plusSeconds(130));
		assertThat(this.receiver.webhookIds).hasSize(4).containsOnly(attempts.get(0).eventId());
		assertThat(this.receiver.statuses(id)).containsExactly("PENDING_APPROVAL");
		assertThat(audited(id, "api.callback.failed")).isEqualTo(3);
		assertThat(audited(id, "api.callback.delivered")).isEqualTo(1);
	}

	@Test
	void aDeliveryFailingForLongerThanTheRetryWindowIsGivenUp() throws Exception {
		NewApiClient filer = client(Set.of(ApiScope.REQUESTS_WRITE));
		this.receiver.secret = filer.signingSecret();
		this.receiver.answer.set(500);
		String id = file(filer).get("id").asString();
		Instant t0 = Instant.now();

		this.delivery.poll(t0);
		this.delivery.poll(t0.plus(Duration.ofHours(24)));
		this.delivery.poll(t0.plus(Duration.ofHours(48)));

		List<CallbackAttemptRepository.Attempt> attempts = this.log.attempts(id);
		assertThat(attempts).hasSize(2);
		assertThat(last(attempts).gaveUp()).isTrue();
		assertThat(last(attempts).nextAttemptAt()).isNull();
		assertThat(this.receiver.received.get()).isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND action = "
				+ "'api.callback.failed' AND details LIKE '%\"gaveUp\":true%'").param(id).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aRedirectIsNotFollowed() throws Exception {
		NewApiClient filer = client(Set.of(ApiScope.REQUESTS_WRITE));
		this.receiver.secret = filer.signingSecret();
		this.receiver.answer.set(302);
		String id = file(filer).get("id").asString();
		this.delivery.poll(Instant.now());
		assertThat(this.receiver.received.get()).isEqualTo(1);
		assertThat(this.log.attempts(id)).singleElement().satisfies(a -> {
			assertThat(a.httpStatus()).isEqualTo(302);
			assertThat(a.error()).isEqualTo("redirect not followed");
			assertThat(a.nextAttemptAt()).isNotNull();
		});
	}

	@Test
	void aReceiverThatNeverFinishesItsAnswerFailsTheAttemptAndIsRetried() throws Exception {
		NewApiClient filer = client(Set.of(ApiScope.REQUESTS_WRITE));
		this.receiver.secret = filer.signingSecret();
		// Longer than the attempt may take: headers at once, then a byte every 100 ms.
		this.receiver.trickleFor = Duration.ofSeconds(20);
		String id = file(filer).get("id").asString();
		this.delivery.poll(Instant.now());
		assertThat(this.log.attempts(id)).singleElement().satisfies(a -> {
			assertThat(a.deliveredAt()).isNull();
			assertThat(a.error()).isEqualTo("no complete answer within 5 s");
			assertThat(a.nextAttemptAt()).isNotNull();
		});
	}

	@Test
	void aTamperedBodyFailsTheReceiversVerification() throws Exception {
		NewApiClient filer = client(Set.of(ApiScope.REQUESTS_WRITE));
		this.receiver.secret = filer.signingSecret();
		String id = file(filer).get("id").asString();
		this.delivery.poll(Instant.now());
		assertThat(this.receiver.statuses(id)).containsExactly("PENDING_APPROVAL");
		CallbackReceiver.Delivery genuine = this.receiver.deliveries.get(0);
		assertThat(CallbackReceiver.verify(filer.signingSecret(), genuine)).isTrue();

		String tampered = genuine.body().replace("PENDING_APPROVAL", "SUCCEEDED");
		assertThat(tampered).isNotEqualTo(genuine.body());
		assertThat(CallbackReceiver.verify(filer.signingSecret(), new CallbackReceiver.Delivery(genuine.id(), genuine.timestamp(), genuine.signature(),
				tampered))).isFalse();
		assertThat(CallbackReceiver.verify(client(Set.of(ApiScope.REQUESTS_WRITE)).signingSecret(), genuine))
			.as("another client's secret").isFalse();

		HttpRequest replay = HttpRequest.newBuilder(URI.create(this.receiver.url()))
			.header("webhook-id", genuine.id())
			.header("webhook-timestamp", genuine.timestamp())
			.header("webhook-signature", genuine.signature())
			.POST(HttpRequest.BodyPublishers.ofString(tampered))
			.build();
		HttpClient http = HttpClient.newHttpClient();
		assertThat(http.send(replay, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(400);
		assertThat(this.receiver.rejected).isEqualTo(1);
		assertThat(this.receiver.statuses(id)).containsExactly("PENDING_APPROVAL");
	}

	@Test
	void backoffGrowsThreefoldFromTenSecondsUpToAnHour() {
		assertThat(CallbackDelivery.backoff(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(CallbackDelivery.backoff(2)).isEqualTo(Duration.ofSeconds(30));
		assertThat(CallbackDelivery.backoff(3)).isEqualTo(Duration.ofSeconds(90));
		assertThat(CallbackDelivery.backoff(8)).isEqualTo(Duration.ofHours(1));
		assertThat(CallbackDelivery.backoff(1000)).isEqualTo(Duration.ofHours(1));
	}

	private NewApiClient client(Set<ApiScope> scopes) {
		return this.clients.create("cb-" + UUID.randomUUID(), scopes, null, List.of("127.0.0.1"));
	}

	private JsonNode file(NewApiClient filer) throws Exception {
		String body = """
				{ "directory": "lab", "account": { "name": "cb%s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" },
				  "ticket": { "system": "servicenow", "key": "RITM0012345", "url": "https://sn.example.com/x" },
				  "callbackUrl": "%s" }
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.receiver.url());
		MockHttpServletResponse response = this.mvc.perform(post("/api/v1/provisioning-requests")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + filer.token())
			.header("Idempotency-Key", "k-" + UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return this.json.readTree(response.getContentAsString());
	}

	private static <T> T last(List<T> list) {
		return list.get(list.size() - 1);
	}

	private long audited(String requestId, String action) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND action = ?")
			.params(requestId, action).query(Long.class).single();
	}

}
