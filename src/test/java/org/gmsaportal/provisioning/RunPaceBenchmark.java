package org.gmsaportal.provisioning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.directory.internal.SecurityDescriptor;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * P1 of issue 18: the full identity set (group, gMSA with SPNs and msDS-GroupMSAMembership, portable user,
 * membership, retrieval proof) made by a portal run, by raw {@code ldapadd}/{@code ldapmodify} of the same objects
 * (and an {@code ldapsearch} bound as the user for the proof), and by {@code samba-tool}, interleaved over
 * {@code -Dbench.rounds} (7) rounds after {@code -Dbench.warmups} (5) warm-up runs of the portal, so that the rounds
 * measure a portal that has served runs before (a server's steady state, not its first minutes of JIT compiling);
 * prints medians and ratios. Not a timed test.
 * <p>
 * {@code scripts/bench.sh p1}, or {@code GMSA_LAB_DIR=... ./mvnw -B test -Pbench -Dtest=RunPaceBenchmark}.
 */
@SpringBootTest
class RunPaceBenchmark {

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);

	private static final int WARMUPS = Integer.getInteger("bench.warmups", 5);

	@Autowired
	ProvisioningService service;

	/** Per step of the measured runs (not the warm-ups): its whole time and the LDAP part, ms; "outside steps" too. */
	private final Map<String, List<double[]>> steps = new LinkedHashMap<>();

	private boolean measuring;

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
	}

	@Test
	void portalRunAgainstRawLdapAndSambaTool() throws Exception {
		Path work = Files.createTempDirectory("gmsa-p1");
		Path password = work.resolve("pw");
		Files.writeString(password, LabServices.dc("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"));
		Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
		for (int warmup = 0; warmup < WARMUPS; warmup++) {
			portal(Requests.freshName());
		}
		this.measuring = true;
		Map<String, List<Double>> figures = new LinkedHashMap<>();
		for (String what : List.of("run start to end", "approve call to SUCCEEDED", "approve call (queued)",
				"raw ldapadd+ldapmodify", "samba-tool")) {
			figures.put(what, new ArrayList<>());
		}
		for (int round = 0; round < ROUNDS; round++) {
			// Interleaved, and the order turns each round, so that a busy moment of the machine hits all three.
			for (int turn = 0; turn < 3; turn++) {
				String name = Requests.freshName();
				switch ((round + turn) % 3) {
					case 0 -> {
						double[] portal = portal(name);
						figures.get("run start to end").add(portal[0]);
						figures.get("approve call to SUCCEEDED").add(portal[1]);
						figures.get("approve call (queued)").add(portal[2]);
					}
					case 1 -> figures.get("raw ldapadd+ldapmodify").add(raw(work, password, name));
					default -> figures.get("samba-tool").add(sambaTool(name));
				}
			}
		}
		double raw = median(figures.get("raw ldapadd+ldapmodify"));
		double sambaTool = median(figures.get("samba-tool"));
		System.out.printf("P1 %d rounds, %d CPUs, load %s%n", ROUNDS, Runtime.getRuntime().availableProcessors(),
				Files.readString(Path.of("/proc/loadavg")).strip());
		System.out.printf("| %-28s | %9s | %-36s | %8s | %8s |%n", "P1 what", "median ms", "rounds ms", "/ raw",
				"/ s-tool");
		figures.forEach((what, values) -> System.out.printf("| %-28s | %9.0f | %-36s | %7.2fx | %7.2fx |%n", what,
				median(values), values.stream().map((v) -> String.format("%.0f", v)).toList(), median(values) / raw,
				median(values) / sambaTool));
		System.out.printf("| %-28s | %9s | %9s | %9s |%n", "where a run's time goes", "median ms", "LDAP ms", "other ms");
		this.steps.forEach((step, values) -> {
			double whole = median(values.stream().map((v) -> v[0]).toList());
			double ldap = median(values.stream().map((v) -> v[1]).toList());
			System.out.printf("| %-28s | %9.1f | %9.1f | %9.1f |%n", step, whole, ldap, whole - ldap);
		});
	}

	/** @return run start to end, approve call to SUCCEEDED, approve call until queued; ms */
	private double[] portal(String name) {
		ProvisioningRequest request = request(name);
		Plan plan = this.service.plan(request);
		long approving = System.nanoTime();
		// The wizard's approval: the plan hash checked against the directory once, the run queued.
		String runId = this.service.start(plan.request(), new Approval(plan.hash(), "bench", Instant.now(), null), null);
		long queued = System.nanoTime();
		RunView run = this.service.run(runId).orElseThrow();
		while (run.state() == RunState.RUNNING) {
			sleep();
			run = this.service.run(runId).orElseThrow();
		}
		long ended = System.nanoTime();
		if (run.state() != RunState.SUCCEEDED) {
			throw new IllegalStateException("run " + runId + " " + run.state() + ": " + run.failure());
		}
		if (this.measuring) {
			keepSteps(run);
		}
		return new double[] { Duration.between(run.createdAt(), run.updatedAt()).toNanos() / 1e6,
				(ended - approving) / 1e6, (queued - approving) / 1e6 };
	}

	private void keepSteps(RunView run) {
		double inSteps = 0;
		for (RunView.StepView step : run.steps()) {
			if (step.budget() != null) {
				this.steps.computeIfAbsent(step.kind().name(), (k) -> new ArrayList<>())
					.add(new double[] { step.budget().millis(), step.budget().ldapMillis() });
				inSteps += step.budget().millis();
			}
		}
		double whole = Duration.between(run.createdAt(), run.updatedAt()).toNanos() / 1e6;
		this.steps.computeIfAbsent("outside steps", (k) -> new ArrayList<>()).add(new double[] { whole - inSteps, 0 });
	}

	/** The same objects by hand: add the group, read its SID, add gMSA and user, add the member, prove as the user. */
	private double raw(Path work, Path password, String name) throws Exception {
		String base = LabServices.dc("GMSA_LAB_BASE_DN");
		String user = name + "-ccg";
		String userPassword = "Raw-" + name + "-Aa1!";
		Path userPasswordFile = work.resolve(name);
		Files.writeString(userPasswordFile, userPassword);
		long start = System.nanoTime();
		ldap(List.of("ldapadd"), password, "dn: CN=" + name + "-hosts,CN=Users," + base + "\nobjectClass: group\n"
				+ "sAMAccountName: " + name + "-hosts\ngroupType: -2147483644\n");
		String sid = sid(ldap(List.of("ldapsearch", "-LLL", "-b", base, "(sAMAccountName=" + name + "-hosts)",
				"objectSid"), password, ""));
		byte[] descriptor = SecurityDescriptor.allowingRetrieval(List.of(sid)).toBytes();
		byte[] unicodePwd = ("\"" + userPassword + "\"").getBytes(StandardCharsets.UTF_16LE);
		String fqdn = name + ".lab.test";
		ldap(List.of("ldapadd"), password, "dn: CN=" + name + ",CN=Managed Service Accounts," + base + "\n"
				+ "objectClass: msDS-GroupManagedServiceAccount\nsAMAccountName: " + name + "$\ndNSHostName: " + fqdn
				+ "\nservicePrincipalName: host/" + name + "\nservicePrincipalName: host/" + fqdn
				+ "\nservicePrincipalName: HTTP/" + fqdn + "\nuserAccountControl: 4096\n"
				+ "msDS-ManagedPasswordInterval: 30\nmsDS-SupportedEncryptionTypes: 16\nmsDS-GroupMSAMembership:: "
				+ Base64.getEncoder().encodeToString(descriptor) + "\n\n"
				+ "dn: CN=" + user + ",CN=Users," + base + "\nobjectClass: user\nsAMAccountName: " + user
				+ "\nuserPrincipalName: " + user + "@lab.test\nunicodePwd:: "
				+ Base64.getEncoder().encodeToString(unicodePwd) + "\nuserAccountControl: 66048\n");
		ldap(List.of("ldapmodify"), password, "dn: CN=" + name + "-hosts,CN=Users," + base + "\nchangetype: modify\n"
				+ "add: member\nmember: CN=" + user + ",CN=Users," + base + "\n");
		String proof = run(List.of("ldapsearch", "-x", "-LLL", "-H", LabServices.dc("GMSA_LAB_LDAPS_URL"), "-D",
				user + "@lab.test", "-y", userPasswordFile.toString(), "-b", base, "(sAMAccountName=" + name + "$)",
				"msDS-ManagedPassword"), "");
		long ended = System.nanoTime();
		if (!proof.contains("msDS-ManagedPassword::")) {
			throw new IllegalStateException("raw proof read no msDS-ManagedPassword for " + name);
		}
		return (ended - start) / 1e6;
	}

	/** The same with samba-tool on the DC's own database (as an admin on the DC would); it has no retrieval proof. */
	private double sambaTool(String name) throws Exception {
		String smbConf = Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent().resolve("etc/smb.conf")
			.toString();
		String fqdn = name + ".lab.test";
		long start = System.nanoTime();
		run(List.of("samba-tool", "group", "add", name + "-hosts", "--group-scope=Domain", "-s", smbConf), "");
		run(List.of("samba-tool", "service-account", "create", "--name=" + name, "--dns-host-name=" + fqdn, "-s",
				smbConf), "");
		run(List.of("samba-tool", "service-account", "group-msa-membership", "add", "--name=" + name + "$",
				"--principal=CN=" + name + "-hosts,CN=Users," + LabServices.dc("GMSA_LAB_BASE_DN"), "-s", smbConf), "");
		run(List.of("samba-tool", "spn", "add", "HTTP/" + fqdn, name + "$", "-s", smbConf), "");
		run(List.of("samba-tool", "user", "create", name + "-ccg", "Tool-" + name + "-Aa1!", "-s", smbConf), "");
		run(List.of("samba-tool", "group", "addmembers", name + "-hosts", name + "-ccg", "-s", smbConf), "");
		return (System.nanoTime() - start) / 1e6;
	}

	private String ldap(List<String> tool, Path password, String ldif) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(tool);
		command.addAll(List.of("-x", "-H", LabServices.dc("GMSA_LAB_LDAPS_URL"), "-D",
				LabServices.dc("GMSA_LAB_DOMAIN_ADMIN"), "-y", password.toString()));
		return run(command, ldif);
	}

	private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("LDAPTLS_CACERT", LabServices.dc("GMSA_LAB_CA_FILE"));
		Process process = builder.start();
		if (!stdin.isEmpty()) {
			process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
		}
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " failed: " + output);
		}
		return output;
	}

	// objectSid:: <base64> -> S-1-5-21-...
	private static String sid(String ldif) {
		String line = ldif.lines().filter((l) -> l.startsWith("objectSid:: ")).findFirst().orElseThrow();
		ByteBuffer sid = ByteBuffer.wrap(Base64.getDecoder().decode(line.substring(12).strip()));
		int revision = sid.get() & 0xff;
		int count = sid.get() & 0xff;
		long authority = 0;
		for (int i = 0; i < 6; i++) {
			authority = (authority << 8) | (sid.get() & 0xff);
		}
		StringBuilder text = new StringBuilder("S-" + revision + "-" + authority);
		sid.order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < count; i++) {
			text.append('-').append(sid.getInt() & 0xffffffffL);
		}
		return text.toString();
	}

	private static ProvisioningRequest request(String name) {
		return new ProvisioningRequest("lab", name, name + ".lab.test", List.of("HTTP/" + name + ".lab.test"),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name.toLowerCase() + "-spec"), null);
	}

	private static void sleep() {
		try {
			TimeUnit.MILLISECONDS.sleep(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
