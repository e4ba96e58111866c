package org.gmsaportal.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A callback receiver on 127.0.0.1 that verifies each delivery exactly as an integrator would
 * (HMAC-SHA256 over {@code id.timestamp.body} with the key decoded from the client's {@code whsec_}
 * secret), answers 400 to a bad signature, and records the verified events. Shared by the callback tests
 * and the end-to-end test against the lab DC.
 */
public final class CallbackReceiver implements AutoCloseable {

	public final HttpServer server;

	/** The status the receiver answers verified deliveries with. */
	public final AtomicInteger answer = new AtomicInteger(204);

	/** Verified deliveries, whatever the receiver answered. */
	public final AtomicInteger received = new AtomicInteger();

	/** Verified deliveries the receiver acknowledged with a 2xx, in order. */
	public final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	public final List<String> webhookIds = new CopyOnWriteArrayList<>();

	private final JsonMapper json;

	public volatile String secret = "";

	public volatile int rejected;

	/** Answers 200 at once, then trickles the body a byte at a time for this long (zero: an empty body). */
	public volatile Duration trickleFor = Duration.ZERO;

	public CallbackReceiver(JsonMapper json) throws IOException {
		this.json = json;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/hook", this::handle);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	/** The verified events about one request that the receiver acknowledged with a 2xx, in order. */
	public List<JsonNode> events(String requestId) {
		return this.deliveries.stream()
			.map(d -> this.json.readTree(d.body()))
			.filter(e -> e.get("requestId").asString().equals(requestId))
			.toList();
	}

	public List<String> statuses(String requestId) {
		return events(requestId).stream().map(e -> e.get("status").asString()).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * What an integrator writes: the key is the base64 after {@code whsec_}; the signed content is
	 * {@code id.timestamp.body}; the header may list several space-separated {@code v1,<base64>} signatures.
	 */
	public static boolean verify(String secret, Delivery delivery) throws Exception {
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		byte[] expected = mac.doFinal((delivery.id() + "." + delivery.timestamp() + "." + delivery.body())
			.getBytes(StandardCharsets.UTF_8));
		for (String signature : delivery.signature().split(" ")) {
			if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
					Base64.getDecoder().decode(signature.substring(3)))) {
				return true;
			}
		}
		return false;
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		var headers = exchange.getRequestHeaders();
		Delivery delivery = new Delivery(String.valueOf(headers.getFirst("webhook-id")),
				String.valueOf(headers.getFirst("webhook-timestamp")),
				String.valueOf(headers.getFirst("webhook-signature")), body);
		boolean valid;
		try {
			valid = verify(this.secret, delivery);
		}
		catch (Exception ex) {
			valid = false;
		}
		int status;
		if (!valid) {
			this.rejected++;
			status = 400;
		}
		else {
			this.received.incrementAndGet();
			this.webhookIds.add(delivery.id());
			status = this.answer.get();
			if (status >= 200 && status < 300) {
				this.deliveries.add(delivery);
			}
		}
		if (status == 302) {
			exchange.getResponseHeaders().add("Location", url() + "/elsewhere");
		}
		if (this.trickleFor.isZero()) {
			exchange.sendResponseHeaders(status, -1);
		}
		else {
			trickle(exchange);
		}
		exchange.close();
	}

	// A receiver, or a proxy in front of it, that sends its headers and then hangs on to the connection.
	private void trickle(HttpExchange exchange) throws IOException {
		exchange.sendResponseHeaders(200, 0);
		long end = System.nanoTime() + this.trickleFor.toNanos();
		try {
			while (System.nanoTime() < end) {
				exchange.getResponseBody().write(' ');
				exchange.getResponseBody().flush();
				Thread.sleep(100);
			}
		}
		catch (IOException ex) {
			// the portal hung up: what the test expects
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One POST as received: the three Standard Webhooks headers and the raw body. */
	public record Delivery(String id, String timestamp, String signature, String body) {
	}

}
