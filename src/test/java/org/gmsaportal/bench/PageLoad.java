package org.gmsaportal.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P3 of issue 18: a small load client for a running portal. Signs in {@code users} people, then for each page
 * has all of them fetch it in a loop for {@code seconds}, and prints p50, p95 and requests per second next to
 * the same figures for a static asset (the baseline) fetched the same way in the same run.
 *
 * <p>
 * JDK only, so that it runs as a single source file without a build:
 * {@code java src/test/java/org/gmsaportal/bench/PageLoad.java http://127.0.0.1:8080 admin PASSWORD 50 30
 * /assets/app.css /wizard /dashboards /runs} (scripts/bench.sh does this). The first path is the baseline.
 *
 * <p>
 * With {@code -Dportal.pid=PID} (the portal's JVM on this machine) it also prints the portal's CPU milliseconds
 * per request ("cpu ms"), read from {@code /proc/PID/stat} around each path's run: on a shared machine the
 * latencies are mostly queueing behind other processes, while the CPU a request costs the portal is not.
 */
public final class PageLoad {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private PageLoad() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 6) {
			System.err.println("usage: PageLoad BASE_URL USER PASSWORD USERS SECONDS BASELINE_PATH [PATH...]");
			System.exit(2);
		}
		String base = args[0];
		int users = Integer.parseInt(args[3]);
		Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));
		List<HttpClient> clients = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			clients.add(signIn(base, args[1], args[2]));
		}
		Result baseline = null;
		List<String> lines = new ArrayList<>();
		for (int i = 5; i < args.length; i++) {
			run(clients, base + args[i], Duration.ofSeconds(3));
			Result result = run(clients, base + args[i], duration);
			if (baseline == null) {
				baseline = result;
			}
			lines.add(String.format("| P3 %-26s p95 ms | %10.1f | %10.1f | %8.2fx |", args[i], result.p95(),
					baseline.p95(), result.p95() / baseline.p95()));
			lines.add(String.format("| P3 %-26s req/s  | %10.0f | %10.0f | %8.2fx |", args[i], result.perSecond(),
					baseline.perSecond(), result.perSecond() / baseline.perSecond()));
			lines.add(String.format("| P3 %-26s p50 ms | %10.1f | %10.1f | %8.2fx |", args[i], result.p50(),
					baseline.p50(), result.p50() / baseline.p50()));
			if (result.cpuPerRequest() >= 0) {
				lines.add(String.format("| P3 %-26s cpu ms | %10.2f | %10.2f | %8.2fx |", args[i],
						result.cpuPerRequest(), baseline.cpuPerRequest(),
						result.cpuPerRequest() / baseline.cpuPerRequest()));
			}
			if (result.errors() > 0) {
				lines.add(String.format("|    %-26s errors | %10d | of %,d requests |", args[i], result.errors(),
						result.count()));
			}
		}
		System.out.printf("%nP3 pages: %d signed-in users, %d s per path, baseline %s%n", users,
				duration.toSeconds(), args[5]);
		System.out.printf("| %-40s | %10s | %10s | %9s |%n", "figure", "value", "baseline", "ratio");
		lines.forEach(System.out::println);
	}

	private static Result run(List<HttpClient> clients, String url, Duration duration) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients.size());
		long end = System.nanoTime() + duration.toNanos();
		long start = System.nanoTime();
		List<Future<long[]>> workers = new ArrayList<>();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build();
		long cpuBefore = portalCpuTicks();
		for (HttpClient client : clients) {
			workers.add(pool.submit(() -> {
				long[] samples = new long[1024];
				int n = 0;
				long errors = 0;
				while (System.nanoTime() < end) {
					long t0 = System.nanoTime();
					int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
					if (n + 2 >= samples.length) {
						samples = Arrays.copyOf(samples, samples.length * 2);
					}
					samples[1 + n++] = System.nanoTime() - t0;
					errors += (status == 200) ? 0 : 1;
				}
				samples[0] = errors;
				return Arrays.copyOf(samples, n + 1);
			}));
		}
		List<Long> all = new ArrayList<>();
		long errors = 0;
		for (Future<long[]> worker : workers) {
			long[] samples = worker.get();
			errors += samples[0];
			for (int i = 1; i < samples.length; i++) {
				all.add(samples[i]);
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long cpuTicks = portalCpuTicks() - cpuBefore;
		pool.shutdown();
		long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
		// Linux counts CPU time in ticks of 10 ms (USER_HZ 100).
		double cpuPerRequest = (cpuBefore < 0 || sorted.length == 0) ? -1 : cpuTicks * 10.0 / sorted.length;
		return new Result(sorted.length, errors, sorted.length / seconds, percentile(sorted, 0.50),
				percentile(sorted, 0.95), cpuPerRequest);
	}

	/** User + system CPU ticks of the portal's JVM (fields 14 and 15 of /proc/PID/stat), or -1 without a pid. */
	private static long portalCpuTicks() throws Exception {
		String pid = System.getProperty("portal.pid", "");
		if (pid.isEmpty()) {
			return -1;
		}
		String stat = Files.readString(Path.of("/proc", pid, "stat"));
		// The command name (field 2) may hold spaces; the fields after it follow its closing parenthesis.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	/** A client holding a signed-in session: the login form's CSRF token, then the form post. */
	private static HttpClient signIn(String base, String user, String password) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new CookieManager()).build();
		String login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(login);
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on " + base + "/login");
		}
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
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

	private record Result(long count, long errors, double perSecond, double p50, double p95, double cpuPerRequest) {
	}

}
