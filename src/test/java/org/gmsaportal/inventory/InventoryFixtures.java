package org.gmsaportal.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.ListedCredentialSpec;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKey;
import org.gmsaportal.directory.ListedGmsa;
import org.gmsaportal.directory.ListedPrincipal;
import org.gmsaportal.directory.ListedUser;
import org.gmsaportal.provisioning.InventoryEntry;

/**
 * Records, listings and snapshots built directly: for the assessors' tests (what the inventory makes of a listing;
 * the lab reading is the directory module's) and the front doors' slice tests (the service that takes and keeps
 * snapshots, and the readers behind it, are tested in the inventory, directory and cluster modules' own tests).
 */
public final class InventoryFixtures {

	public static final Instant TAKEN = Instant.parse("2026-12-01T10:00:00Z");

	public static final String DOMAIN = "corp.example.com";

	public static final String RUN = "0b6f7c1e-2a4d-4e8f-9a10-1234567890ab";

	static final Instant READ_AT = Instant.parse("2026-12-01T08:00:00Z");

	private InventoryFixtures() {
	}

	/** What run {@code runId} recorded: gMSA {@code gmsa} of contoso.com, its credential spec on {@code cluster}. */
	static InventoryEntry record(String runId, String gmsa, String cluster, String credSpecName) {
		return new InventoryEntry(runId, gmsa, "contoso.com", gmsa + "-hosts", null, null, null, cluster, "app-ns",
				credSpecName, null, "admin", READ_AT.minusSeconds(86_400), null);
	}

	/** A listing of contoso.com holding exactly these gMSAs (account names without {@code $}). */
	static DirectoryListing contoso(boolean complete, String... gmsas) {
		List<ListedGmsa> listed = Arrays.stream(gmsas).map(InventoryFixtures::gmsa).toList();
		return new DirectoryListing("lab", "contoso.com", READ_AT, listed, List.of(), List.of(),
				complete ? List.of() : List.of("gMSAs: the DC timed out after page 3"));
	}

	static ListedGmsa gmsa(String name) {
		return new ListedGmsa(name + "$", "CN=" + name + ",CN=Managed Service Accounts,DC=contoso,DC=com",
				"6d1e0b2a-0000-4000-8000-" + String.format("%012d", Math.abs(name.hashCode())), List.of(), Set.of(),
				null, null, READ_AT, READ_AT, null, List.of(), List.of(), List.of());
	}

	public static ListedPrincipal group(String name) {
		return new ListedPrincipal("S-1-5-21-1-2-3-" + Math.abs(name.hashCode() % 10000), name,
				"CN=" + name + ",OU=Groups,DC=corp,DC=example,DC=com", ListedPrincipal.Kind.GROUP);
	}

	public static ListedPrincipal computer(String name) {
		return new ListedPrincipal("S-1-5-21-1-2-3-" + (5000 + Math.abs(name.hashCode() % 1000)), name,
				"CN=" + name + ",OU=Hosts,DC=corp,DC=example,DC=com", ListedPrincipal.Kind.COMPUTER);
	}

	/** A gMSA in OU=gMSAs with {@code retrievers} computers allowed through one group. */
	public static ListedGmsa gmsa(String name, int retrievers, String description) {
		List<ListedPrincipal> hosts = new ArrayList<>();
		for (int i = 0; i < retrievers; i++) {
			hosts.add(computer("HOST" + i + "$"));
		}
		return new ListedGmsa(name + "$", "CN=" + name + ",OU=gMSAs,DC=corp,DC=example,DC=com",
				UUID.nameUUIDFromBytes(name.getBytes()).toString(), List.of("HTTP/" + name + ".corp.example.com"),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), null, TAKEN.minusSeconds(86400),
				TAKEN.minusSeconds(864000),
				TAKEN.minusSeconds(3600), description, List.of(group(name + "-hosts")), hosts, List.of());
	}

	public static DirectoryListing directory(String connection, List<ListedGmsa> gmsas, List<String> incomplete) {
		KdsRootKey key = new KdsRootKey(UUID.fromString("11111111-2222-3333-4444-555555555555"),
				"CN=11111111-2222-3333-4444-555555555555,CN=Master Root Keys,CN=Group Key Distribution Service,"
						+ "CN=Services,CN=Configuration,DC=corp,DC=example,DC=com",
				TAKEN.minusSeconds(864000), TAKEN.minusSeconds(864000));
		ListedUser user = new ListedUser("svc-web01", "CN=svc-web01,OU=Users,DC=corp,DC=example,DC=com",
				TAKEN.minusSeconds(86400 * 40), List.of("CN=web01-hosts,OU=Groups,DC=corp,DC=example,DC=com"), false);
		return new DirectoryListing(connection, DOMAIN, TAKEN, gmsas, List.of(key), List.of(user), incomplete);
	}

	public static ClusterListing cluster(String connection) {
		return new ClusterListing(connection, TAKEN, List.of(new ListedCredentialSpec("webapp1", "web01", DOMAIN, RUN,
				List.of("apps/web"), List.of("batch"), List.of("Deployment/apps/web"))), List.of(), List.of());
	}

	public static Finding finding(Severity severity, String code, String gmsa) {
		return new Finding(severity, code, "gmsa:" + DOMAIN + "/" + gmsa + "$", "Reason for " + code + ".",
				"Set-ADServiceAccount -Identity " + gmsa, TAKEN);
	}

	public static Drift drift(DriftKind kind, String gmsa) {
		return new Drift("gmsa:" + DOMAIN + "/" + gmsa + "$", kind, "SPNs: recorded [HTTP/a] now [HTTP/b]", RUN, TAKEN);
	}

	public static InventorySnapshot snapshot(long id, List<DirectoryListing> directories, List<Drift> drift,
			List<Finding> findings) {
		return new InventorySnapshot(id, TAKEN, "admin", directories, List.of(cluster("aks1")), drift, findings);
	}

	/** A snapshot of {@code count} gMSAs named {@code app00..}, the first with drift and a HIGH finding. */
	public static InventorySnapshot many(int count) {
		List<ListedGmsa> gmsas = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			gmsas.add(gmsa("app%02d".formatted(i), i % 7, "app " + i));
		}
		return snapshot(7, List.of(directory("corp", gmsas, List.of())),
				List.of(drift(DriftKind.SPNS_CHANGED, "app00")),
				List.of(finding(Severity.HIGH, "broad-retrievers", "app00"),
						finding(Severity.LOW, "rc4-enabled", "app03")));
	}

}
