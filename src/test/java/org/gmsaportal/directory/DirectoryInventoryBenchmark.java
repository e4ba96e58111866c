package org.gmsaportal.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.support.BenchTable;
import org.junit.jupiter.api.Test;

/**
 * The directory inventory of 10,000 gMSAs (each allowing its own group, each group holding one of 100 computers)
 * against a raw paged dump of the same gMSAs' attributes ({@code ldapsearch -E pr=1000/noprompt}) in the same run:
 * medians of several interleaved rounds, their ratio, and the heap while reading. Not a timed test: it prints
 * figures.
 * <p>
 * It only reads: {@code scripts/bench.sh inventory} loads the objects first and then runs it. Samba derives each new
 * gMSA's managed password and Kerberos keys when it is added (~80 ms of CPU each), so the script loads all but the
 * last 100 offline with {@code ldbadd} into the stopped DC's {@code sam.ldb} (Samba's own modules run there too) and
 * the last 100 over LDAPS, and prints both rates. On a lab DC that already holds them:
 * {@code GMSA_LAB_DIR=/tmp/bench-dc ./mvnw -B test -Pbench -Dtest=DirectoryInventoryBenchmark -Dbench.gmsas=N}.
 */
class DirectoryInventoryBenchmark {

	private static final int GMSAS = Integer.getInteger("bench.gmsas", 10_000);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

	private static final String OU = "OU=Bench,DC=lab,DC=test";

	private final LabDirectory lab = LabDirectory.shared();

	private final DirectoryConnection admin = this.lab.admin();

	@Test
	void inventoryOfTenThousandGmsasAgainstARawPagedSearch() throws Exception {
		int present = this.admin.withServiceAccount((ctx) -> Ldap.searchAllPages(ctx, OU,
				"(&(objectClass=msDS-GroupManagedServiceAccount)(sAMAccountName=bm*))", 1000, "cn").size());
		if (present < GMSAS) {
			throw new IllegalStateException("the lab DC holds " + present + " bench gMSAs, not " + GMSAS
					+ ": scripts/bench.sh inventory loads them");
		}
		Path password = Files.createTempFile("gmsa-bench", ".pw",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(password, this.lab.setting("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"));
		try {
			measure(password);
		}
		finally {
			Files.delete(password);
		}
	}

	private void measure(Path password) throws Exception {
		InventoryReader reader = new InventoryReader(null, Clock.systemUTC(), PagedSearch.MAX_PAGE_SIZE, (p) -> {
		});
		// warm-up: the JIT, the DC's caches, the TLS session
		rawDump(password);
		DirectoryListing listing = checked(reader.read(this.admin, List.of()));
		List<Double> raw = new ArrayList<>();
		List<Double> portal = new ArrayList<>();
		// CPU seconds, which queueing behind other processes on a loaded machine does not inflate as it does wall time
		List<Double> rawDc = new ArrayList<>();
		List<Double> portalDc = new ArrayList<>();
		List<Double> portalJvm = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			// interleaved, the order swapped each round, so that neither always runs on a warmer DC
			for (int turn = 0; turn < 2; turn++) {
				long start = System.nanoTime();
				double dc = dcCpuMillis();
				if ((round + turn) % 2 == 0) {
					rawDump(password);
					raw.add((System.nanoTime() - start) / 1e6);
					rawDc.add(dcCpuMillis() - dc);
				}
				else {
					double jvm = jvmCpuMillis();
					listing = checked(reader.read(this.admin, List.of()));
					portal.add((System.nanoTime() - start) / 1e6);
					portalDc.add(dcCpuMillis() - dc);
					portalJvm.add(jvmCpuMillis() - jvm);
				}
			}
		}
		int listed = listing.gmsas().size();
		listing = null;
		Heap heap = heapWhileReading();
		BenchTable table = new BenchTable("Directory inventory: " + listed + " gMSAs in the domain, " + GMSAS
				+ " of them each allowing its own group, " + ROUNDS + " interleaved rounds");
		table.add("inventory read, resolved, median ms", median(portal), median(raw));
		table.add("inventory read, resolved, best ms", min(portal), min(raw));
		table.add("DC CPU per read (Samba's process), median ms", median(portalDc), median(rawDc));
		table.add("portal JVM CPU per read / the DC's for the raw dump, ms", median(portalJvm), median(rawDc));
		table.add("heap peak while reading / listing held, MiB", heap.peak() / 1048576.0, heap.held() / 1048576.0);
		table.print("baseline: ldapsearch -E pr=1000 of the same attributes; rounds: inventory " + portal + ", raw "
				+ raw + "; heap in use before the read " + (heap.before() >> 20) + " MiB, max "
				+ (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
	}

	/**
	 * One more read, untimed, with the heap measured after a GC at each page: if the reader held the domain twice
	 * (the raw pages and the listing), the peak would be well above what the finished listing holds.
	 */
	private Heap heapWhileReading() {
		long before = heap();
		long[] peak = { 0 };
		InventoryReader reader = new InventoryReader(null, Clock.systemUTC(), PagedSearch.MAX_PAGE_SIZE,
				(pages) -> peak[0] = Math.max(peak[0], heap() - before));
		DirectoryListing listing = checked(reader.read(this.admin, List.of()));
		long held = heap() - before;
		if (listing.gmsas().isEmpty()) {
			throw new IllegalStateException("nothing listed");
		}
		return new Heap(before, Math.max(peak[0], held), held);
	}

	private record Heap(long before, long peak, long held) {
	}

	private static DirectoryListing checked(DirectoryListing listing) {
		if (!listing.complete()) {
			throw new IllegalStateException("incomplete: " + listing.incomplete());
		}
		// each bench gMSA's group holds one computer: resolution must have reached it
		long resolved = listing.gmsas().stream().filter((g) -> g.samAccountName().startsWith("bm"))
			.filter((g) -> g.retrievers().size() == 1 && g.retrievers().get(0).name().startsWith("BC")).count();
		// those ldapadd made carry the SDDL text as it was sent (only Samba's LDIF reader turns SDDL into a descriptor)
		if (resolved < GMSAS - Integer.getInteger("bench.ldapGmsas", 100)) {
			throw new IllegalStateException(resolved + " bench gMSAs resolved to their computer, not " + GMSAS);
		}
		return listing;
	}

	private void rawDump(Path password) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("ldapsearch", "-x", "-LLL", "-H",
				this.lab.setting("GMSA_LAB_LDAPS_URL"), "-D", this.lab.setting("GMSA_LAB_DOMAIN_ADMIN"), "-y",
				password.toString(), "-E", "pr=1000/noprompt", "-b", "DC=lab,DC=test",
				"(objectClass=msDS-GroupManagedServiceAccount)"));
		command.addAll(List.of(GmsaEntries.ATTRIBUTES));
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("LDAPTLS_CACERT", this.lab.setting("GMSA_LAB_CA_FILE"));
		int exit = builder.start().waitFor();
		if (exit != 0) {
			throw new IllegalStateException("ldapsearch exited with " + exit);
		}
	}

	// utime + stime of the lab DC's Samba process (one process: the lab runs it with -M single), in ms
	private double dcCpuMillis() throws IOException {
		Path pid = Path.of(this.lab.setting("GMSA_LAB_CA_FILE")).getParent().getParent().resolve("samba.pid");
		String stat = Files.readString(Path.of("/proc", Files.readString(pid).strip(), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields 14 and 15 of proc(5), counted from the state (field 3) here; clock ticks of 10 ms (USER_HZ 100)
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
	}

	private static double jvmCpuMillis() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
	}

	private static long heap() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

}
