package org.gmsaportal.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.naming.directory.Attributes;

import org.gmsaportal.directory.internal.SecurityDescriptor;
import org.gmsaportal.directory.internal.Sids;
import org.junit.jupiter.api.Test;

/**
 * The directory inventory of 10,000 gMSAs (each trusting its own group, each group holding one of 100 computers)
 * against a raw paged dump of the same gMSAs' attributes ({@code ldapsearch -E pr=1000/noprompt}) in the same run:
 * medians of several rounds, their ratio, and the heap before and after. Not a timed test: it prints figures.
 * <p>
 * Run on a lab DC of its own (the objects stay; the other lab tests would then read 10,000 gMSAs):
 * {@code GMSA_LAB_DIR=/tmp/bench-dc ./mvnw -B test -Pbench -Dtest=DirectoryInventoryBenchmark}. The objects are
 * made once with {@code ldapadd} from a generated LDIF and found again on a second run. Samba makes about one gMSA
 * per second on a loaded machine, so {@code -Dbench.gmsas=N} sets how many to make and time.
 */
class DirectoryInventoryBenchmark {

	private static final int GMSAS = Integer.getInteger("bench.gmsas", 10_000);

	private static final int COMPUTERS = 100;

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final String OU = "OU=Bench,DC=lab,DC=test";

	private final LabDirectory lab = LabDirectory.shared();

	private final DirectoryConnection admin = this.lab.admin();

	@Test
	void inventoryOfTenThousandGmsasAgainstARawPagedSearch() throws Exception {
		Path work = Files.createTempDirectory("gmsa-bench");
		Path password = work.resolve("pw");
		Files.writeString(password, this.lab.setting("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"));
		Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
		if (count("(&(objectClass=msDS-GroupManagedServiceAccount)(sAMAccountName=bm*))") < GMSAS) {
			long start = System.nanoTime();
			populate(work, password);
			System.out.printf("bench: created %d gMSAs, %d groups, %d computers over ldapadd in %.1f s%n", GMSAS,
					GMSAS, COMPUTERS, (System.nanoTime() - start) / 1e9);
		}
		InventoryReader reader = new InventoryReader(null, Clock.systemUTC(), PagedSearch.MAX_PAGE_SIZE, (p) -> {
		});
		List<Double> raw = new ArrayList<>();
		List<Double> portal = new ArrayList<>();
		long heapBefore = heap();
		int listed = 0;
		long heapWith = 0;
		for (int round = 0; round < ROUNDS; round++) {
			long start = System.nanoTime();
			rawDump(password);
			raw.add((System.nanoTime() - start) / 1e6);
			start = System.nanoTime();
			DirectoryListing listing = reader.read(this.admin, List.of());
			portal.add((System.nanoTime() - start) / 1e6);
			listed = listing.gmsas().size();
			if (!listing.complete()) {
				throw new IllegalStateException("incomplete: " + listing.incomplete());
			}
			heapWith = heap();
			listing = null;
		}
		long heapAfter = heap();
		double rawMedian = median(raw);
		double portalMedian = median(portal);
		System.out.printf("bench: %d gMSAs listed (domain total), %d rounds%n", listed, ROUNDS);
		System.out.printf("bench: raw ldapsearch -E pr=1000 dump   median %.0f ms %s%n", rawMedian, raw);
		System.out.printf("bench: DirectoryInventory.read (resolved) median %.0f ms %s%n", portalMedian, portal);
		System.out.printf("bench: ratio inventory / raw = %.2f%n", portalMedian / rawMedian);
		System.out.printf("bench: heap used before %d MiB, holding one listing %d MiB, after %d MiB (max %d MiB)%n",
				heapBefore >> 20, heapWith >> 20, heapAfter >> 20, Runtime.getRuntime().maxMemory() >> 20);
	}

	private void populate(Path work, Path password) throws Exception {
		StringBuilder ldif = new StringBuilder();
		if (count("(distinguishedName=" + OU + ")") == 0) {
			ldif.append("dn: ").append(OU).append("\nobjectClass: organizationalUnit\n\n");
		}
		for (int c = 0; c < COMPUTERS; c++) {
			String name = String.format("BC%03d", c);
			ldif.append("dn: CN=").append(name).append(',').append(OU).append("\nobjectClass: computer\nsAMAccountName: ")
				.append(name).append("$\nuserAccountControl: 4096\n\n");
		}
		for (int g = 0; g < GMSAS; g++) {
			String name = String.format("bg%05d", g);
			ldif.append("dn: CN=").append(name).append(',').append(OU).append("\nobjectClass: group\nsAMAccountName: ")
				.append(name).append("\ngroupType: -2147483644\nmember: CN=")
				.append(String.format("BC%03d", g % COMPUTERS)).append(',').append(OU).append("\n\n");
		}
		ldapadd(work.resolve("groups.ldif"), ldif, password);
		Map<String, String> sids = groupSids();
		ldif = new StringBuilder();
		for (int i = 0; i < GMSAS; i++) {
			String name = String.format("bm%05d", i);
			byte[] sd = SecurityDescriptor.allowingRetrieval(List.of(sids.get(String.format("bg%05d", i)))).toBytes();
			ldif.append("dn: CN=").append(name).append(',').append(OU)
				.append("\nobjectClass: msDS-GroupManagedServiceAccount\nsAMAccountName: ").append(name)
				.append("$\ndNSHostName: ").append(name).append(".lab.test\nservicePrincipalName: host/").append(name)
				.append("\nuserAccountControl: 4096\nmsDS-ManagedPasswordInterval: 30\n")
				.append("msDS-SupportedEncryptionTypes: 24\nmsDS-GroupMSAMembership:: ")
				.append(Base64.getEncoder().encodeToString(sd)).append("\n\n");
		}
		ldapadd(work.resolve("gmsas.ldif"), ldif, password);
	}

	private Map<String, String> groupSids() {
		Map<String, String> sids = new HashMap<>();
		this.admin.withServiceAccount((ctx) -> {
			for (Attributes entry : Ldap.searchAllPages(ctx, OU, "(&(objectClass=group)(sAMAccountName=bg*))", 1000,
					"sAMAccountName", "objectSid")) {
				sids.put(Ldap.string(entry, "sAMAccountName"), Sids.toString(Ldap.bytes(entry, "objectSid")));
			}
			return null;
		});
		return sids;
	}

	private int count(String filter) {
		return this.admin.withServiceAccount((ctx) -> Ldap.searchAllPages(ctx, "DC=lab,DC=test", filter, 1000,
				"cn").size());
	}

	private void ldapadd(Path file, StringBuilder ldif, Path password) throws IOException, InterruptedException {
		Files.writeString(file, ldif, StandardCharsets.UTF_8);
		run(List.of("ldapadd", "-x", "-c", "-H", this.lab.setting("GMSA_LAB_LDAPS_URL"), "-D",
				this.lab.setting("GMSA_LAB_DOMAIN_ADMIN"), "-y", password.toString(), "-f", file.toString()), true);
	}

	private void rawDump(Path password) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("ldapsearch", "-x", "-LLL", "-H",
				this.lab.setting("GMSA_LAB_LDAPS_URL"), "-D", this.lab.setting("GMSA_LAB_DOMAIN_ADMIN"), "-y",
				password.toString(), "-E", "pr=1000/noprompt", "-b", "DC=lab,DC=test",
				"(objectClass=msDS-GroupManagedServiceAccount)"));
		command.addAll(List.of(GmsaEntries.ATTRIBUTES));
		run(command, false);
	}

	private void run(List<String> command, boolean tolerateExisting) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("LDAPTLS_CACERT", this.lab.setting("GMSA_LAB_CA_FILE"));
		int exit = builder.start().waitFor();
		// ldapadd -c goes on past entries that exist (68) and reports the last error
		if (exit != 0 && !(tolerateExisting && exit == 68)) {
			throw new IllegalStateException(command.get(0) + " exited with " + exit);
		}
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

}
