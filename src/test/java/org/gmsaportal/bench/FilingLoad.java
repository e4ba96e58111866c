package org.gmsaportal.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API filing at {@code clients} concurrent clients (issue 18): signs in as the portal's admin, creates an API client
 * on the API clients page as the README says (scopes requests:write and requests:read), then has every client POST
 * valid provisioning requests with distinct gMSA names for {@code seconds}, and prints req/s, p50, p95 and the
 * answers by status, next to an authenticated GET of one request page at the same concurrency (the baseline,
 * measured first in the same run) and their ratio. The LDAP sessions the portal opened (TLS handshake and bind each)
 * are read from its metrics before and after the filings, and so are the 503 answers it counted.
 *
 * <p>
 * JDK only, a single source file without a build:
 * {@code java src/test/java/org/gmsaportal/bench/FilingLoad.java http://127.0.0.1:8080 admin PASSWORD 50 30 lab DC1$}
 * (scripts/bench.sh filing does this). The filings are export-only and domain-joined: {@code member} must be a
 * computer account of the directory connection's domain, so that every plan is valid and nothing blocks it.
 */
public final class FilingLoad {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern TOKEN = Pattern.compile("id=\"token\">(gmsap_[^<]+)<");

	private static final Pattern SESSIONS = Pattern.compile("(?m)^gmsa_directory_sessions_opened_total\\{[^}]*} (\\S+)");

	private static final Pattern UNAVAILABLE = Pattern.compile("(?m)^gmsa_api_unavailable_total\\{[^}]*} (\\S+)");

	// One series per face method and outcome: the time the portal spent in directory calls, per method.
	private static final Pattern DIRECTORY = Pattern.compile(
			"(?m)^gmsa_directory_calls_seconds_(count|sum)\\{[^}]*method=\"([^\"]+)\"[^}]*} (\\S+)");

	private static final Pattern AUDIT = Pattern.compile("(?m)^gmsa_audit_append_seconds_(count|sum)\\{[^}]*} (\\S+)");

	private FilingLoad() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 7) {
			System.err.println("usage: FilingLoad BASE_URL USER PASSWORD CLIENTS SECONDS CONNECTION MEMBER [DC_RATE]");
			System.exit(2);
		}
		String base = args[0];
		int clients = Integer.parseInt(args[3]);
		Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));
		HttpClient admin = signIn(base, args[1], args[2]);
		String token = createClient(admin, base);
		// Random per run, so that a second run against the same DC files names no earlier run took.
		String tag = Long.toString(new SecureRandom().nextInt(36 * 36 * 36), 36);
		AtomicLong counter = new AtomicLong();
		LongFunction<HttpRequest> filing = (n) -> {
			String name = "f" + tag + Long.toString(counter.incrementAndGet(), 36);
			String body = """
					{"directory":"%s","account":{"name":"%s"},"hosts":{"mode":"domainJoined","members":["%s"]},
					 "cluster":{"exportOnly":true},"ticket":{"system":"bench","key":"%s"}}""".formatted(args[5], name,
					args[6], name);
			return HttpRequest.newBuilder(URI.create(base + "/api/v1/provisioning-requests"))
				.timeout(Duration.ofSeconds(120))
				.header("Authorization", "Bearer " + token)
				.header("Idempotency-Key", name)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
		};
		HttpRequest read = HttpRequest.newBuilder(URI.create(base + "/api/v1/provisioning-requests?limit=1"))
			.timeout(Duration.ofSeconds(120))
			.header("Authorization", "Bearer " + token)
			.build();
		run(clients, (n) -> read, Duration.ofSeconds(3));
		Result baseline = run(clients, (n) -> read, duration);
		double sessionsBefore = metric(admin, base, SESSIONS);
		double unavailableBefore = metric(admin, base, UNAVAILABLE);
		run(clients, filing, Duration.ofSeconds(3));
		double sessionsWarm = metric(admin, base, SESSIONS);
		Map<String, Double> callsWarm = calls(admin, base);
		long filedWarm = counter.get();
		Result filed = run(clients, filing, duration);
		double sessions = metric(admin, base, SESSIONS) - sessionsWarm;
		Map<String, Double> calls = calls(admin, base);
		double unavailable = metric(admin, base, UNAVAILABLE) - unavailableBefore;
		System.out.printf("%nAPI filing: %d concurrent clients, %d s; baseline GET /api/v1/provisioning-requests"
				+ "?limit=1 (the same clients and token, measured first)%n", clients, duration.toSeconds());
		System.out.printf("| %-44s | %10s | %10s | %9s |%n", "figure", "filing", "baseline", "ratio");
		row("req/s", filed.perSecond(), baseline.perSecond());
		row("p50 ms", filed.p50(), baseline.p50());
		row("p95 ms", filed.p95(), baseline.p95());
		System.out.printf("| %-44s | %10s | %10s | %9s |%n", "answers by status", filed.statuses(),
				baseline.statuses(), "");
		System.out.printf("| %-44s | %10.0f | %10s | %8.2f  |%n", "LDAP sessions opened (TLS + bind), per filing",
				sessions, "", sessions / Math.max(1, filed.count()));
		System.out.printf("| %-44s | %10.0f | %10s | %9s |%n", "503 counted by the portal (warm-up included)",
				unavailable, "", "");
		if (args.length > 7) {
			// DirectoryReadLoad's figure, measured in the same run: the filing's plan reads, raw, on as many sessions
			row("req/s against what the DC allows (filings/s)", filed.perSecond(), Double.parseDouble(args[7]));
		}
		// where a filing's time goes: each face method's calls and time per filing, and the audit appends
		double filings = Math.max(1, filed.count());
		double[] spent = new double[2];
		calls.keySet().stream().filter((k) -> k.endsWith(" sum")).forEach((k) -> spent[k.startsWith("audit") ? 1 : 0]
				+= 1000 * (calls.get(k) - callsWarm.getOrDefault(k, 0.0)) / filings);
		System.out.printf("| %-44s | %10.1f | %10s | %9s |%n", "mean ms per filing", filed.mean(), "", "");
		System.out.printf("| %-44s | %10.1f | %10s | %8.2f  |%n", "  directory calls, ms (share)", spent[0], "",
				spent[0] / filed.mean());
		System.out.printf("| %-44s | %10.1f | %10s | %8.2f  |%n", "  audit (row + events, batch), ms (share)",
				spent[1], "", spent[1] / filed.mean());
		System.out.printf("| %-44s | %10.1f | %10s | %8.2f  |%n", "  the rest, ms (share)",
				filed.mean() - spent[0] - spent[1], "", (filed.mean() - spent[0] - spent[1]) / filed.mean());
		calls.keySet().stream().filter((k) -> k.endsWith(" count")).map((k) -> k.substring(0, k.length() - 6))
			.sorted().forEach((what) -> {
				double n = calls.get(what + " count") - callsWarm.getOrDefault(what + " count", 0.0);
				double ms = 1000 * (calls.get(what + " sum") - callsWarm.getOrDefault(what + " sum", 0.0));
				if (n > 0) {
					System.out.printf("| %-44s | %10.2f | %10s | %8.1f  |%n", what + ": calls, ms per filing", n / filings,
							"", ms / filings);
				}
			});
		System.out.printf("(warm-up: %d filings, %.0f sessions opened before the measured %d)%n", filedWarm,
				sessionsWarm - sessionsBefore, filed.count());
		if (filed.firstError().get() != null) {
			System.out.println("first answer other than 201: " + filed.firstError().get());
		}
	}

	private static void row(String figure, double value, double baseline) {
		System.out.printf("| %-44s | %10.1f | %10.1f | %8.2fx |%n", figure, value, baseline, value / baseline);
	}

	private static Result run(int clients, LongFunction<HttpRequest> requests, Duration duration) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
		AtomicReference<String> firstError = new AtomicReference<>();
		List<Future<long[]>> workers = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			workers.add(pool.submit(() -> {
				long[] samples = new long[256];
				int n = 0;
				while (System.nanoTime() < end) {
					long t0 = System.nanoTime();
					HttpResponse<String> answer = client.send(requests.apply(n), HttpResponse.BodyHandlers.ofString());
					if (n + 1 >= samples.length) {
						samples = Arrays.copyOf(samples, samples.length * 2);
					}
					samples[n++] = System.nanoTime() - t0;
					statuses.computeIfAbsent(answer.statusCode(), (s) -> new AtomicLong()).incrementAndGet();
					if (answer.statusCode() >= 300) {
						firstError.compareAndSet(null, answer.statusCode() + " " + answer.body());
					}
				}
				return Arrays.copyOf(samples, n);
			}));
		}
		List<long[]> all = new ArrayList<>();
		for (Future<long[]> worker : workers) {
			all.add(worker.get());
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		Map<Integer, Long> counts = new TreeMap<>();
		statuses.forEach((status, count) -> counts.put(status, count.get()));
		double mean = (sorted.length == 0) ? Double.NaN : Arrays.stream(sorted).average().orElse(0) / 1e6;
		return new Result(sorted.length, sorted.length / seconds, percentile(sorted, 0.50), percentile(sorted, 0.95),
				mean, counts, firstError);
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	/** The sum of a counter's series in the portal's Prometheus page (an ADMIN session may read it), 0 if absent. */
	private static double metric(HttpClient admin, String base, Pattern series) throws Exception {
		String page = admin.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		double sum = 0;
		for (Matcher m = series.matcher(page); m.find();) {
			sum += Double.parseDouble(m.group(1));
		}
		return sum;
	}

	/** Directory face calls by method and audit appends: "METHOD count" and "METHOD sum" (seconds), summed. */
	private static Map<String, Double> calls(HttpClient admin, String base) throws Exception {
		String page = admin.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Map<String, Double> sums = new TreeMap<>();
		for (Matcher m = DIRECTORY.matcher(page); m.find();) {
			sums.merge("directory " + m.group(2) + " " + m.group(1), Double.parseDouble(m.group(3)), Double::sum);
		}
		for (Matcher m = AUDIT.matcher(page); m.find();) {
			sums.merge("audit append " + m.group(1), Double.parseDouble(m.group(2)), Double::sum);
		}
		return sums;
	}

	/** An API client made on the API clients page, as an admin would: its bearer token, shown once. */
	private static String createClient(HttpClient admin, String base) throws Exception {
		String form = "name=bench-filing-" + Long.toHexString(System.nanoTime()) + "&scopes=REQUESTS_WRITE"
				+ "&scopes=REQUESTS_READ&_csrf=" + encode(csrf(admin, base + "/api-clients/new"));
		HttpResponse<Void> posted = admin.send(HttpRequest.newBuilder(URI.create(base + "/api-clients"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		String location = posted.headers().firstValue("Location").orElse("");
		if (posted.statusCode() != 302 || !location.contains("/created")) {
			throw new IllegalStateException("creating the API client failed: " + posted.statusCode() + " " + location);
		}
		String page = admin.send(HttpRequest.newBuilder(URI.create(base).resolve(location)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher token = TOKEN.matcher(page);
		if (!token.find()) {
			throw new IllegalStateException("no bearer token on " + location);
		}
		return token.group(1);
	}

	/** A client holding a signed-in session: the login form's CSRF token, then the form post. */
	private static HttpClient signIn(String base, String user, String password) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new CookieManager()).build();
		String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf="
				+ encode(csrf(client, base + "/login"));
		HttpResponse<Void> posted = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		String location = posted.headers().firstValue("Location").orElse("");
		if (posted.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException("sign-in as " + user + " failed: " + posted.statusCode() + " " + location);
		}
		return client;
	}

	private static String csrf(HttpClient client, String url) throws Exception {
		String page = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = CSRF.matcher(page);
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on " + url);
		}
		return csrf.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private record Result(long count, double perSecond, double p50, double p95, double mean,
			Map<Integer, Long> statuses,
			AtomicReference<String> firstError) {
	}

}
