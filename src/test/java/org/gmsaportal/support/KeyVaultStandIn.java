package org.gmsaportal.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.azure.core.http.HttpClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A local HTTPS stand-in for Azure Key Vault and the Entra ID token endpoint: no Key Vault emulator runs on these
 * machines, so the adapter's tests drive the real Azure SDK (Netty client, bearer challenge, MSAL client
 * credentials, retries) against this server. It implements only the calls the adapter makes and checks their
 * exact shape ({@link KeyVaultStandInApi}); a shape it does not expect is answered 400 and listed in
 * {@link #violations()}.
 *
 * <p>
 * What a real vault adds and this does not: Entra ID's real sign-in (token signatures, conditional access), Azure
 * RBAC roles or access policies deciding each permission (scripted here with {@link #failNext}), soft-delete
 * retention and purge protection timing, networking (firewall, private endpoints) and service limits.
 */
public final class KeyVaultStandIn implements AutoCloseable {

	/** The only API version the stand-in accepts: the one the adapter pins. */
	public static final String API_VERSION = "2025-07-01";

	public static final String LOGIN_HOST = "login.microsoftonline.com";

	public static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	public static final String CLIENT_ID = "4f0c8b0c-7d5e-4c7a-9d55-6a3f2c8e1b10";

	/** A random secret per stand-in, so a test can look for it in logs. */
	public final String clientSecret = "cs-" + UUID.randomUUID();

	/** One recorded HTTP request; header names in lower case. */
	public record Request(Instant at, String method, String host, String path, Map<String, String> query,
			Map<String, String> headers, String body) {
	}

	/** A scripted answer for the next calls to one vault. */
	record Failure(int status, Map<String, String> headers, String code) {
	}

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();

	private final Set<String> unknownHosts = ConcurrentHashMap.newKeySet();

	private final Set<String> unreachableHosts = ConcurrentHashMap.newKeySet();

	private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();

	private final KeyVaultStandInApi api = new KeyVaultStandInApi(this.violations);

	private final HttpClient httpClient;

	private KeyVaultStandIn() throws IOException {
		StandInTls tls = StandInTls.forNames(List.of("dns:*.vault.azure.net", "dns:" + LOGIN_HOST));
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
		InetSocketAddress closed = StandInTls.closedPort();
		this.httpClient = tls.sdkClient((host) -> route(host, closed));
	}

	public static KeyVaultStandIn start() {
		try {
			return new KeyVaultStandIn();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The Azure SDK HTTP client that reaches this stand-in under Azure's host names. */
	public HttpClient httpClient() {
		return this.httpClient;
	}

	/** Every request so far, in order. */
	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/** The requests to one vault ({@code <vault>.vault.azure.net}). */
	public List<Request> requestsTo(String vault) {
		return this.requests.stream().filter((r) -> r.host().equals(vault + ".vault.azure.net")).toList();
	}

	/** The access tokens handed out so far, so a test can look for them in logs. */
	public Set<String> issuedTokens() {
		return Set.copyOf(this.issuedTokens);
	}

	/** Requests whose shape the stand-in did not expect. */
	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	/** The secrets of the vaults, as the service would hold them. */
	public KeyVaultStandInApi vaults() {
		return this.api;
	}

	/** Answers the next {@code times} calls to the vault with this status and Key Vault error code. */
	public void failNext(String vault, int times, int status, String code, Map<String, String> headers) {
		Deque<Failure> queue = this.failures.computeIfAbsent(vault, (v) -> new ArrayDeque<>());
		synchronized (queue) {
			for (int i = 0; i < times; i++) {
				queue.add(new Failure(status, headers, code));
			}
		}
	}

	/** The vault's name stops resolving, as a vault that does not exist. */
	public void unknownVault(String vault) {
		this.unknownHosts.add(vault + ".vault.azure.net");
	}

	/** Connections to the vault are refused, as when a firewall or a missing private endpoint is in the way. */
	public void unreachableVault(String vault) {
		this.unreachableHosts.add(vault + ".vault.azure.net");
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private Optional<InetSocketAddress> route(String host, InetSocketAddress closed) {
		String name = host.toLowerCase(Locale.ROOT);
		if (this.unknownHosts.contains(name) || !(name.endsWith(".vault.azure.net") || name.equals(LOGIN_HOST))) {
			return Optional.empty();
		}
		return Optional.of(this.unreachableHosts.contains(name) ? closed : this.server.getAddress());
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Request request = record(exchange);
			KeyVaultStandInApi.Answer answer = request.host().equals(LOGIN_HOST) ? EntraStandIn.answer(request, this)
					: vault(request);
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			if (!answer.body().isEmpty()) {
				exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
			}
			exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	private KeyVaultStandInApi.Answer vault(Request request) {
		String vault = request.host().substring(0, request.host().indexOf('.'));
		String authorization = request.headers().getOrDefault("authorization", "");
		if (!authorization.startsWith("Bearer ") || !this.issuedTokens.contains(authorization.substring(7))) {
			// Key Vault's challenge: the SDK learns the tenant and resource from it, then asks for a token.
			return new KeyVaultStandInApi.Answer(401, Map.of("WWW-Authenticate", "Bearer authorization=\"https://"
					+ LOGIN_HOST + "/" + TENANT_ID + "\", resource=\"https://vault.azure.net\""), "");
		}
		if (!API_VERSION.equals(request.query().get("api-version"))) {
			this.violations.add("api-version " + request.query().get("api-version") + " on " + request.path());
			return KeyVaultStandInApi.error(400, "BadParameter");
		}
		Deque<Failure> queue = this.failures.get(vault);
		if (queue != null) {
			synchronized (queue) {
				Failure failure = queue.poll();
				if (failure != null) {
					return new KeyVaultStandInApi.Answer(failure.status(), failure.headers(),
							KeyVaultStandInApi.error(failure.status(), failure.code()).body());
				}
			}
		}
		return this.api.answer(vault, request);
	}

	String issueToken() {
		String token = "token-" + UUID.randomUUID();
		this.issuedTokens.add(token);
		return token;
	}

	void violation(String text) {
		this.violations.add(text);
	}

	private Request record(HttpExchange exchange) throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
				String.join(",", values)));
		String host = headers.getOrDefault("host", "").replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
		Request request = new Request(Instant.now(), exchange.getRequestMethod(), host,
				exchange.getRequestURI().getRawPath(),
				decodeForm(exchange.getRequestURI().getRawQuery()), headers,
				new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		this.requests.add(request);
		return request;
	}

	/** Decodes a query string or a form body. */
	public static Map<String, String> decodeForm(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw != null && !raw.isEmpty()) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				String key = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				values.put(key, (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

}
