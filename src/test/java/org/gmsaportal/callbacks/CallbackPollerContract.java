package org.gmsaportal.callbacks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Decider;
import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunChanged;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.FakeDirectory;
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
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The callback poller with more than one portal instance over one database, and its pruning of finished requests.
 * A second {@link CallbackDelivery} is built over the same beans, as a second portal instance would have; the
 * receiver answers slowly, so that without the lease both instances would send the same events. The scheduled poll
 * is pushed out of the way (1 h); the tests call {@code poll} themselves.
 */
@SpringBootTest(properties = { "gmsa.api.allow-insecure-callbacks=true", "gmsa.api.callbacks.poll-interval=1h" })
@AutoConfigureMockMvc
@Import({ FakeDirectoryConfig.class, CallbackPollerContract.Announcements.class })
abstract class CallbackPollerContract {

	@Autowired
	ApiClients clients;

	@Autowired
	MockMvc mvc;

	@Autowired
	ProvisioningRequests decisions;

	@Autowired
	ProvisioningRequests store;

	@Autowired
	CallbackAttemptRepository log;

	@Autowired
	CallbackClaimRepository claims;

	@Autowired
	CallbackSender sender;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	FakeDirectory directory;

	@Autowired
	Announcements announced;

	@Autowired
	JsonMapper json;

	HttpServer receiver;

	final Map<String, AtomicInteger> byEventId = new ConcurrentHashMap<>();

	final List<JsonNode> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.receiver.setExecutor(Executors.newFixedThreadPool(4));
		this.receiver.createContext("/hook", this::receive);
		this.receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	@Test
	void twoInstancesDeliverEachEventExactlyOnce() throws Exception {
		NewApiClient filer = client();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ids.add(file(filer));
		}
		CallbackDelivery first = instance();
		CallbackDelivery second = instance();
		pollTogether(first, second, 3);
		for (String id : ids.subList(0, 4)) {
			this.decisions.reject(Decider.person("poller-test"), this.store.find(id).orElseThrow(), "not needed");
		}
		pollTogether(first, second, 3);

		assertThat(this.byEventId.values()).as("each event id received once").allSatisfy(n -> assertThat(n.get()).isOne());
		for (String id : ids) {
			List<String> statuses = statuses(id);
			assertThat(statuses).as(id).isEqualTo(ids.indexOf(id) < 4 ? List.of("PENDING_APPROVAL", "REJECTED")
					: List.of("PENDING_APPROVAL"));
			assertThat(this.log.attempts(id)).as("one attempt per event").hasSize(statuses.size());
		}
	}

	@Test
	void finishedRequestsLeaveThePollAndComeBackWhenTheRunsPagesActOnTheirRun() throws Exception {
		NewApiClient filer = client();
		String rejected = file(filer);
		String approved = file(filer);
		CallbackDelivery poller = instance();
		Instant t0 = Instant.now();
		poller.poll(t0);
		assertThat(this.claims.watched(false)).as("pending and sent: only an action changes them")
			.doesNotContain(rejected, approved);
		assertThat(this.claims.watched(true)).contains(rejected, approved);

		this.decisions.reject(Decider.person("poller-test"), this.store.find(rejected).orElseThrow(), "no");
		assertThat(this.claims.watched(false)).as("woken by the rejection").contains(rejected);
		poller.poll(t0.plusSeconds(1));
		assertThat(statuses(rejected)).containsExactly("PENDING_APPROVAL", "REJECTED");
		assertThat(this.claims.watched(true)).as("final: never looked at again").doesNotContain(rejected);

		FiledRequest row = this.store.find(approved).orElseThrow();
		this.decisions.approve(Decider.person("poller-test"), row, row.planHash(), null);
		String runId = this.store.find(approved).orElseThrow().runId();
		Waiting.forRun(this.provisioning, runId);
		awaitAnnounced(runId, 1);
		poller.poll(t0.plusSeconds(2));
		poller.poll(t0.plusSeconds(3));
		assertThat(statuses(approved)).last().isEqualTo("SUCCEEDED");
		assertThat(this.claims.watched(false)).doesNotContain(approved);

		// the runs page decommissions the run: the engine's RunChanged wakes the request for the next poll
		Plan removal = this.provisioning.decommissionPlan(runId);
		Waiting.forRun(this.provisioning,
				this.provisioning.decommission(runId, new Approval(removal.hash(), "runs-page", Instant.now(), null)));
		awaitAnnounced(runId, 3); // its end; the decommission's start and end
		assertThat(this.claims.watched(false)).as("woken by the decommission").contains(approved);
		poller.poll(t0.plusSeconds(4));
		assertThat(statuses(approved)).last().isEqualTo("DECOMMISSIONED");
		assertThat(this.claims.watched(true)).doesNotContain(approved);
	}

	@Test
	void aDecommissionThatEndsAfterAPollFoundNothingNewIsCalledBackOnTheNextPoll() throws Exception {
		NewApiClient filer = client();
		String approved = file(filer);
		CallbackDelivery poller = instance();
		Instant t0 = Instant.now();
		FiledRequest row = this.store.find(approved).orElseThrow();
		this.decisions.approve(Decider.person("poller-test"), row, row.planHash(), null);
		String runId = this.store.find(approved).orElseThrow().runId();
		Waiting.forRun(this.provisioning, runId);
		awaitAnnounced(runId, 1);
		poller.poll(t0);
		assertThat(statuses(approved)).last().isEqualTo("SUCCEEDED");

		// The decommission holds in its first removal: the poll it woke finds the request still SUCCEEDED.
		CountDownLatch inStep = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.directory.pauseOnce("remove", inStep, release);
		Plan removal = this.provisioning.decommissionPlan(runId);
		String decommission = this.provisioning.decommission(runId,
				new Approval(removal.hash(), "runs-page", Instant.now(), null));
		assertThat(inStep.await(120, TimeUnit.SECONDS)).isTrue();
		poller.poll(t0.plusSeconds(1));
		assertThat(statuses(approved)).last().isEqualTo("SUCCEEDED");
		assertThat(this.claims.watched(false)).as("nothing new: quiet again").doesNotContain(approved);

		release.countDown();
		Waiting.forRun(this.provisioning, decommission);
		// The decommission's end wakes the request whose run it removed: DECOMMISSIONED goes out on the next poll,
		// not on the sweep.
		awaitAnnounced(runId, 3);
		assertThat(this.claims.watched(false)).contains(approved);
		poller.poll(t0.plusSeconds(2));
		assertThat(statuses(approved)).last().isEqualTo("DECOMMISSIONED");
	}

	@Test
	void aRequestWokenWhileAPollWorksOnItStaysOnThePoll() throws Exception {
		String id = file(client());
		instance().poll(Instant.now());
		assertThat(this.claims.watched(false)).doesNotContain(id);
		Instant now = Instant.now();
		assertThat(this.claims.claim(id, "poll-a", now, now.plusSeconds(60))).isTrue();
		// An approval lands after this poll read the request, and before it settles it.
		this.claims.wake(id);
		this.claims.watch(id, CallbackWatch.QUIET);
		this.claims.release(id, "poll-a");
		assertThat(this.claims.watched(false)).as("the wake-up outlives the poll that missed it").contains(id);
		// The next poll takes the lease afresh and may put it to rest.
		assertThat(this.claims.claim(id, "poll-b", now, now.plusSeconds(60))).isTrue();
		this.claims.watch(id, CallbackWatch.QUIET);
		assertThat(this.claims.watched(false)).doesNotContain(id);
	}

	/**
	 * Waits until the engine announced a change of the run {@code times} times in all. It announces a run's end
	 * on the run's thread just after the run's last write, so a test that saw the run finish could otherwise poll
	 * before the wake-up lands; the API's listener comes first, so the wake-up is done once this sees the event.
	 */
	private void awaitAnnounced(String runId, int times) {
		Waiting.until("run " + runId + " announced " + times + " times", () -> this.announced.count(runId),
				(count) -> count >= times);
	}

	/** The engine's announcements, as the last of their listeners hears them. */
	static class Announcements {

		private final List<String> runIds = new CopyOnWriteArrayList<>();

		@EventListener
		@Order(Ordered.LOWEST_PRECEDENCE)
		void on(RunChanged event) {
			this.runIds.add(event.runId());
		}

		long count(String runId) {
			return this.runIds.stream().filter(runId::equals).count();
		}

	}

	private CallbackDelivery instance() {
		return new CallbackDelivery(this.store, this.log, this.claims, this.sender, this.json,
				CallbackTransportTests.settings(true, Duration.ofSeconds(15)));
	}

	private void pollTogether(CallbackDelivery a, CallbackDelivery b, int rounds) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < rounds; i++) {
				CyclicBarrier start = new CyclicBarrier(2);
				List<Future<Object>> done = pool.invokeAll(List.of(() -> {
					start.await();
					a.poll(Instant.now());
					return null;
				}, () -> {
					start.await();
					b.poll(Instant.now());
					return null;
				}));
				for (Future<Object> f : done) {
					f.get();
				}
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private NewApiClient client() {
		return this.clients.create("poll-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of("127.0.0.1"));
	}

	private String file(NewApiClient filer) throws Exception {
		String body = """
				{ "directory": "lab", "account": { "name": "pl%s" },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" },
				  "callbackUrl": "http://127.0.0.1:%d/hook" }
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.receiver.getAddress().getPort());
		MockHttpServletResponse filed = this.mvc.perform(post("/api/v1/provisioning-requests")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + filer.token())
			.header("Idempotency-Key", "k-" + UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andReturn().getResponse();
		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		return this.json.readTree(filed.getContentAsString()).get("id").asString();
	}

	private List<String> statuses(String requestId) {
		return this.events.stream().filter(e -> e.get("requestId").asString().equals(requestId))
			.map(e -> e.get("status").asString()).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			// slow enough that a second instance polling meanwhile would find the event still unsent
			Thread.sleep(40);
			this.byEventId.computeIfAbsent(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
					k -> new AtomicInteger()).incrementAndGet();
			this.events.add(this.json.readTree(body));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		exchange.sendResponseHeaders(204, -1);
		exchange.close();
	}

}
