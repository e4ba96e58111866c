package org.gmsaportal.secretstores.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local HTTPS stand-in for AWS Secrets Manager: no emulator runs on these machines (moto and LocalStack are
 * neither on Maven Central nor in Debian as servers; their Maven and npm modules only start a Docker image). It
 * implements only the calls the adapter makes, with the AWS JSON 1.1 protocol's shape ({@code POST /},
 * {@code X-Amz-Target: secretsmanager.<Operation>}, {@code Content-Type: application/x-amz-json-1.1}, errors as
 * {@code {"__type","message"}}), and checks each request's SigV4 signature against the test's key. Real AWS adds
 * what this cannot: IAM and resource policies, KMS encryption, version expiry, quotas.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

	static final String JSON_1_1 = "application/x-amz-json-1.1";

	/** One request as it arrived. */
	record Call(String operation, Map<String, String> headers, JsonNode body, String signatureProblem) {

	}

	/** One secret, with its versions and their staging labels. */
	static final class Secret {

		final String name;

		final String arn;

		final Map<String, String> tags = new LinkedHashMap<>();

		final Map<String, String> versions = new LinkedHashMap<>();

		final Map<String, List<String>> stages = new LinkedHashMap<>();

		Instant deleted;

		Secret(String name, String arn) {
			this.name = name;
			this.arn = arn;
		}

		String put(String value) {
			String version = UUID.randomUUID().toString();
			this.stages.values().forEach((labels) -> labels.remove("AWSPREVIOUS"));
			this.stages.values().forEach((labels) -> {
				if (labels.remove("AWSCURRENT")) {
					labels.add("AWSPREVIOUS");
				}
			});
			this.versions.put(version, value);
			this.stages.put(version, new ArrayList<>(List.of("AWSCURRENT")));
			return version;
		}

		String current() {
			return this.stages.entrySet().stream().filter((e) -> e.getValue().contains("AWSCURRENT"))
				.map(Map.Entry::getKey).findFirst().orElseThrow();
		}

	}

	private record Fault(int status, String type, String message) {

	}

	/** The key the shared stand-in checks signatures with, and the SDK's default chain reads. */
	public static final String SHARED_ACCESS_KEY = "AKIDSTANDIN000000031";

	private static final String SHARED_SECRET_KEY = "stand-in-secret-access-key/whole-portal";

	/** The account of the shared stand-in's ARNs (region eu-west-1). */
	public static final String SHARED_ACCOUNT = "123456789012";

	private static SecretsManagerStandIn shared;

	/** One stand-in for the whole-portal tests of this JVM; started on first use, stopped with the JVM. */
	public static synchronized SecretsManagerStandIn shared() {
		if (shared == null) {
			useSharedKey();
			try {
				shared = new SecretsManagerStandIn(java.nio.file.Files.createTempDirectory("gmsa-aws-stand-in"),
						"eu-west-1", SHARED_ACCOUNT, SHARED_ACCESS_KEY, SHARED_SECRET_KEY);
			}
			catch (Exception ex) {
				throw new IllegalStateException("cannot start the Secrets Manager stand-in", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/**
	 * The first source of the SDK's default chain, so no other source (nor the instance metadata address) is tried.
	 * Call before each test that reaches the store: the AWS store's unit tests clear these properties when they end.
	 */
	public static void useSharedKey() {
		System.setProperty("aws.accessKeyId", SHARED_ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", SHARED_SECRET_KEY);
	}

	/** The {@code gmsa.secret-stores.aws.*} settings that point a whole portal at the shared stand-in. */
	public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("gmsa.secret-stores.aws.endpoint-override", () -> shared().endpoint().toString());
		registry.add("gmsa.secret-stores.aws.ca-file", () -> shared().caFile().toString());
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

	final Map<String, Secret> secrets = new ConcurrentHashMap<>();

	private final Map<String, Fault> faults = new ConcurrentHashMap<>();

	private final String arnPrefix;

	private final String accessKey;

	private final String secretKey;

	private final StandInTls tls;

	private final HttpsServer server;

	public SecretsManagerStandIn(Path work, String region, String account, String accessKey, String secretKey)
			throws Exception {
		this.arnPrefix = "arn:aws:secretsmanager:" + region + ":" + account + ":secret:";
		this.accessKey = accessKey;
		this.secretKey = secretKey;
		this.tls = StandInTls.create(work);
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(this.tls.serverContext));
		this.server.createContext("/", (exchange) -> {
			try {
				handle(exchange);
			}
			catch (RuntimeException ex) {
				// Seen by the test as a 500 the adapter must report, not as a hang.
				answer(exchange, 500, error("InternalServiceError", "stand-in failed: " + ex));
			}
		});
		this.server.start();
	}

	public URI endpoint() {
		return URI.create("https://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public Path caFile() {
		return this.tls.caFile;
	}

	/** The {@code AWSCURRENT} value of the secret of this name, as the plug-in would read it; empty if none. */
	public Optional<String> currentValue(String name) {
		return Optional.ofNullable(this.secrets.get(name)).map((s) -> s.versions.get(s.current()));
	}

	/** The tags of the secret of this name; empty if there is none. */
	public Map<String, String> tags(String name) {
		Secret secret = this.secrets.get(name);
		return (secret != null) ? Map.copyOf(secret.tags) : Map.of();
	}

	/** Signature problems of the requests so far: what the SDK signed that did not check out. */
	public List<String> signatureProblems() {
		synchronized (this.calls) {
			return this.calls.stream().map(Call::signatureProblem).filter(Objects::nonNull).toList();
		}
	}

	/** Every later call of this operation answers this error, until {@link #heal()}. */
	void fail(String operation, int status, String type, String message) {
		this.faults.put(operation, new Fault(status, type, message));
	}

	void heal() {
		this.faults.clear();
	}

	/** A secret someone else created, without the portal's tags. */
	Secret seed(String name, String value, Map<String, String> tags) {
		Secret secret = new Secret(name, this.arnPrefix + name + "-Ab12Cd");
		secret.tags.putAll(tags);
		secret.put(value);
		this.secrets.put(name, secret);
		return secret;
	}

	List<String> operations() {
		synchronized (this.calls) {
			return this.calls.stream().map(Call::operation).toList();
		}
	}

	List<Call> calls(String operation) {
		synchronized (this.calls) {
			return this.calls.stream().filter((c) -> c.operation().equals(operation)).toList();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		Map<String, String> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
		String target = headers.getOrDefault("x-amz-target", "");
		String operation = target.startsWith("secretsmanager.") ? target.substring("secretsmanager.".length()) : "";
		String problem = SigV4.check(headers.getOrDefault("authorization", ""), headers::get, body, this.accessKey,
				this.secretKey);
		JsonNode request = JSON.readTree(new String(body, StandardCharsets.UTF_8));
		this.calls.add(new Call(operation, headers, request, problem));
		if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().toString())
				|| !JSON_1_1.equals(headers.get("content-type")) || operation.isEmpty()) {
			answer(exchange, 400, error("SerializationException", "not an AWS JSON 1.1 request"));
			return;
		}
		if (problem != null) {
			answer(exchange, 400, error("InvalidSignatureException", problem));
			return;
		}
		Fault fault = this.faults.get(operation);
		if (fault != null) {
			answer(exchange, fault.status(), error(fault.type(), fault.message()));
			return;
		}
		ObjectNode reply = JSON.createObjectNode();
		if ("CreateSecret".equals(operation)) {
			String name = request.get("Name").stringValue();
			if (this.secrets.containsKey(name)) {
				answer(exchange, 400, error("ResourceExistsException", "The secret already exists."));
				return;
			}
			Secret secret = new Secret(name, this.arnPrefix + name + "-" + suffix());
			request.get("Tags").forEach((t) -> secret.tags.put(t.get("Key").stringValue(),
					t.get("Value").stringValue()));
			this.secrets.put(name, secret);
			answer(exchange, 200, reply.put("ARN", secret.arn).put("Name", name)
				.put("VersionId", secret.put(request.get("SecretString").stringValue())));
			return;
		}
		Secret secret = find(request.path("SecretId").asString(""));
		if (secret == null) {
			answer(exchange, 400, error("ResourceNotFoundException",
					"Secrets Manager can't find the specified secret."));
			return;
		}
		reply.put("ARN", secret.arn).put("Name", secret.name);
		switch (operation) {
			case "DescribeSecret" -> {
				ObjectNode stages = reply.putObject("VersionIdsToStages");
				secret.stages.forEach((version, labels) -> labels.forEach((l) -> stages.withArray(version).add(l)));
				secret.tags.forEach((k, v) -> reply.withArray("Tags").addObject().put("Key", k).put("Value", v));
				if (secret.deleted != null) {
					reply.put("DeletedDate", secret.deleted.getEpochSecond());
				}
			}
			case "PutSecretValue", "GetSecretValue", "TagResource" -> {
				if (secret.deleted != null) {
					answer(exchange, 400, error("InvalidRequestException", "You can't perform this operation on the "
							+ "secret because it was marked for deletion."));
					return;
				}
				if (operation.equals("PutSecretValue")) {
					reply.put("VersionId", secret.put(request.get("SecretString").stringValue()));
				}
				else if (operation.equals("GetSecretValue")) {
					reply.put("VersionId", secret.current())
						.put("SecretString", secret.versions.get(secret.current()));
				}
				else {
					request.get("Tags").forEach((t) -> secret.tags.put(t.get("Key").stringValue(),
							t.get("Value").stringValue()));
					reply.removeAll();
				}
			}
			case "DeleteSecret" -> {
				secret.deleted = Instant.now();
				reply.put("DeletionDate", secret.deleted.plusSeconds(86400L
						* request.path("RecoveryWindowInDays").asLong(30)).getEpochSecond());
			}
			case "RestoreSecret" -> secret.deleted = null;
			default -> {
				answer(exchange, 400, error("UnknownOperationException", operation));
				return;
			}
		}
		answer(exchange, 200, reply);
	}

	private Secret find(String id) {
		String name = id.startsWith(this.arnPrefix) ? id.substring(this.arnPrefix.length()) : id;
		Secret secret = this.secrets.get(name);
		// A full ARN ends with AWS's six-character suffix; a partial one (the name alone) matches too.
		if (secret == null && name.matches(".+-[A-Za-z0-9]{6}")) {
			secret = this.secrets.get(name.substring(0, name.length() - 7));
		}
		return secret;
	}

	private static String suffix() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 6);
	}

	private static ObjectNode error(String type, String message) {
		return JSON.createObjectNode().put("__type", type).put("message", message);
	}

	private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", JSON_1_1);
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
