package org.gmsaportal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies over 64 KiB are refused with 413 before anything reads them, over real HTTP (raw sockets, so
 * that the test, not a client library, decides how the body is sent). The bodies come from a generator: the
 * test never holds them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BodyLimitTests {

	private static final long FOUR_HUNDRED_MIB = 400L * 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	ApiClients clients;

	@Test
	void a400MibFilingIsRefusedWith413WithinASecondAndTheHeapDoesNotGrow() throws Exception {
		String token = token();
		long before = heapUsed();
		System.out.println("BodyLimitTests: heap used before the 400 MiB POST: " + mib(before) + " MiB");
		long start = System.nanoTime();
		Answer answer = send("POST /api/v1/provisioning-requests HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ token + "\r\nContent-Type: application/json\r\nIdempotency-Key: big-1\r\nContent-Length: "
				+ FOUR_HUNDRED_MIB + "\r\n\r\n", false);
		long millis = (System.nanoTime() - start) / 1_000_000;
		long after = heapUsed();
		System.out.println("BodyLimitTests: heap used after: " + mib(after) + " MiB; answered in " + millis
				+ " ms; the client had written " + mib(answer.sent()) + " MiB of 400 MiB");
		assertThat(answer.status()).isEqualTo(413);
		assertThat(millis).isLessThan(1000);
		assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(answer.body()).contains("\"status\":413").contains("65536 bytes");
		assertThat(after - before).as("heap growth").isLessThan(32L * 1024 * 1024);
	}

	@Test
	void aChunkedApiBodyOverTheLimitIsRefusedWith413() throws Exception {
		Answer answer = send("POST /api/v1/provisioning-requests HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ token() + "\r\nContent-Type: application/json\r\nIdempotency-Key: big-2\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n", true);
		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("\"status\":413");
	}

	@Test
	void aChunkedApiBodyWithinTheLimitReachesTheApi() throws Exception {
		String token = token();
		String json = "{\"directory\":\"lab\"}";
		String chunked = Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n";
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(("POST /api/v1/provisioning-requests HTTP/1.1\r\nHost: localhost\r\n"
					+ "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
					+ "Idempotency-Key: small-1\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
				.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			// the filing was read and judged: account is missing
			assertThat(response).startsWith("HTTP/1.1 400").contains("\"field\":\"account\"");
		}
	}

	@Test
	void anOversizedSignInFormGetsThe413Page() throws Exception {
		Answer answer = send("POST /login HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
				+ "Content-Type: application/x-www-form-urlencoded"
				+ "\r\nContent-Length: " + FOUR_HUNDRED_MIB + "\r\n\r\n", false);
		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("Request too large").doesNotContain("Exception");
	}

	@Test
	void aChunkedFormOverTheLimitIsRefusedWith413() throws Exception {
		Answer answer = send("POST /login HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
				+ "Content-Type: application/x-www-form-urlencoded"
				+ "\r\nTransfer-Encoding: chunked\r\n\r\n", true);
		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("Request too large");
	}

	private String token() {
		return this.clients.create("body-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null, List.of())
			.token();
	}

	/** What came back, and how much of the body the client managed to write meanwhile. */
	record Answer(int status, String head, String body, long sent) {
	}

	/** Sends the head, then body bytes from a generator (up to 400 MiB) on another thread while reading the answer. */
	private Answer send(String head, boolean chunked) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			AtomicLong sent = new AtomicLong();
			Thread writer = new Thread(() -> generate(out, chunked, sent), "body-generator");
			writer.setDaemon(true);
			writer.start();
			InputStream in = socket.getInputStream();
			String responseHead = readHead(in);
			String body = readBody(in, responseHead);
			int status = Integer.parseInt(responseHead.substring(9, 12));
			socket.close();
			writer.join(5_000);
			return new Answer(status, responseHead, body, sent.get());
		}
	}

	private static void generate(OutputStream out, boolean chunked, AtomicLong sent) {
		byte[] block = new byte[64 * 1024];
		java.util.Arrays.fill(block, (byte) 'a');
		byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
		try {
			while (sent.get() < FOUR_HUNDRED_MIB) {
				if (chunked) {
					out.write(chunkHead);
				}
				out.write(block);
				if (chunked) {
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				sent.addAndGet(block.length);
			}
		}
		catch (IOException ex) {
			// the server answered and closed the connection: what the test expects
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static String readBody(InputStream in, String head) throws IOException {
		java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
		if (length.find()) {
			return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
		}
		// chunked answer: small, read until the terminating chunk or the close
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try {
			int b;
			while ((b = in.read()) >= 0 && body.size() < 256 * 1024) {
				body.write(b);
				if (body.toString(StandardCharsets.UTF_8).endsWith("\r\n0\r\n\r\n")) {
					break;
				}
			}
		}
		catch (IOException ex) {
			// closed after the answer
		}
		return body.toString(StandardCharsets.UTF_8);
	}

	private static long heapUsed() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long mib(long bytes) {
		return bytes / (1024 * 1024);
	}

}
