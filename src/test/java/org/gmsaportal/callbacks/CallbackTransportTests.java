package org.gmsaportal.callbacks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The callback connection goes to the addresses the internal-address check approved, from the same lookup. The
 * host name {@code hooks.example.test} exists in no DNS: a test lookup answers for it, which is how these tests
 * play a DNS server whose answer changes between the filing check and the connection (DNS rebinding).
 */
class CallbackTransportTests {

	private static final String HOST = "hooks.example.test";

	private static final InetAddress PUBLIC = address(93, 184, 215, 14);

	private static final InetAddress LOOPBACK = address(127, 0, 0, 1);

	@Test
	void theConnectionGoesToTheAddressesOfTheAttemptsOneLookupMadeBeforeTheClockStarted() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
		List<String> hosts = new CopyOnWriteArrayList<>();
		server.createContext("/hook", (exchange) -> {
			hosts.add(exchange.getRequestHeaders().getFirst("Host"));
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.start();
		AtomicInteger lookups = new AtomicInteger();
		// A lookup slower than the whole attempt may take: it is not part of the attempt's bound, and it is made once.
		// Internal addresses allowed (the lab setting), so that the loopback receiver can answer.
		CallbackTransport transport = new CallbackTransport(new CallbackAddresses((host) -> {
			lookups.incrementAndGet();
			sleep(Duration.ofMillis(3500));
			return answer(host, LOOPBACK);
		}, true), settings(false, Duration.ofSeconds(3)));
		try {
			int port = server.getAddress().getPort();
			for (int i = 0; i < 2; i++) {
				assertThat(transport.post("http://" + HOST + ":" + port + "/hook", null, Map.of("webhook-id", "msg_" + i), "{}"))
					.isEqualTo(204);
			}
			assertThat(hosts).containsExactly(HOST + ":" + port, HOST + ":" + port);
			assertThat(lookups).hasValue(2);
		}
		finally {
			transport.destroy();
			server.stop(0);
		}
	}

	@Test
	void aHostThatRebindsToAnInternalAddressAfterTheCheckIsNeverConnectedTo() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		// First answer public (the check passes), every later answer loopback (the rebinding).
		CallbackAddresses addresses = new CallbackAddresses(
				(host) -> answer(host, (lookups.getAndIncrement() == 0) ? PUBLIC : LOOPBACK), false);
		CallbackPolicy policy = new CallbackPolicy(settings(false, Duration.ofSeconds(10)), addresses);
		CallbackTransport transport = new CallbackTransport(addresses, settings(false, Duration.ofSeconds(10)));
		try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
			String url = "https://" + HOST + ":" + listener.getLocalPort() + "/hook";
			assertThatCode(() -> policy.check(url, client(HOST))).doesNotThrowAnyException();

			assertThatThrownBy(() -> transport.post(url, null, Map.of(), "{}"))
				.isInstanceOf(CallbackAddresses.InternalAddressException.class)
				.hasMessage(HOST + " resolves to a loopback, link-local, private or otherwise internal address");
			assertThat(lookups).hasValue(2);
			// The kernel completes a TCP handshake even before accept(): a connection attempt would be waiting here.
			listener.setSoTimeout(300);
			assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
		}
		finally {
			transport.destroy();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::10.0.0.1", "::1", "64:ff9b::a00:1",
			"64:ff9b::7f00:1", "2002:a00:1::", "2002:c0a8:101::", "2001:0:4136:e378::1", "64:ff9b:1::1", "100::1",
			"fd00::1", "fe80::1", "fec0::1", "ff02::1" })
	void ipv6AddressesThatLeadInsideAreInternal(String literal) throws Exception {
		// Built from bytes, as a DNS answer (AAAA) is: InetAddress.getByName turns ::ffff:a.b.c.d into IPv4.
		byte[] bytes = InetAddress.getByName(literal).getAddress();
		InetAddress address = Inet6Address.getByAddress(null, (bytes.length == 16) ? bytes : mapped(bytes), -1);
		assertThat(CallbackAddresses.internal(address)).as(literal).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "64:ff9b::5db8:d70e", "2002:5db8:d70e::1",
			"93.184.215.14" })
	void publicAddressesAreNotInternal(String literal) throws Exception {
		assertThat(CallbackAddresses.internal(InetAddress.getByName(literal))).as(literal).isFalse();
	}

	@Test
	void oneInternalAddressAmongPublicOnesRefusesTheHost() {
		CallbackAddresses addresses = new CallbackAddresses((host) -> new InetAddress[] { PUBLIC, address(10, 1, 2, 3) },
				false);
		assertThatThrownBy(() -> addresses.resolve(HOST)).isInstanceOf(CallbackAddresses.InternalAddressException.class);
		CallbackPolicy policy = new CallbackPolicy(settings(false, Duration.ofSeconds(10)), addresses);
		assertThatThrownBy(() -> policy.check("https://" + HOST + "/hook", client(HOST)))
			.isInstanceOfSatisfying(CallbackUrlRefusedException.class, (ex) -> assertThat(ex.rule())
				.isEqualTo("host resolves to a loopback, link-local, private or otherwise internal address"));
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] mapped(byte[] v4) {
		byte[] v6 = new byte[16];
		v6[10] = (byte) 0xff;
		v6[11] = (byte) 0xff;
		System.arraycopy(v4, 0, v6, 12, 4);
		return v6;
	}

	private static InetAddress[] answer(String host, InetAddress address) throws UnknownHostException {
		if (!HOST.equals(host)) {
			throw new UnknownHostException(host);
		}
		return new InetAddress[] { address };
	}

	private static ApiClient client(String callbackHost) {
		return new ApiClient("c1", "servicenow", Set.of(ApiScope.REQUESTS_WRITE), List.of(callbackHost), false,
				Instant.now(), "admin", null, null, null, null);
	}

	private static InetAddress address(int a, int b, int c, int d) {
		try {
			return InetAddress.getByAddress(new byte[] { (byte) a, (byte) b, (byte) c, (byte) d });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The settings as bound from {@code gmsa.api.*}, with the given lab switch and attempt bound. */
	static CallbackSettings settings(boolean allowInsecure, Duration attemptTimeout) {
		return new CallbackSettings(allowInsecure, new CallbackSettings.Callbacks(Duration.ofSeconds(5),
				Duration.ofMinutes(10), attemptTimeout, Duration.ofHours(24)));
	}

}
