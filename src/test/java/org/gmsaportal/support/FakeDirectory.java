package org.gmsaportal.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.CreatedObject;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.DirectoryAuthenticationException;
import org.gmsaportal.directory.DirectoryUser;
import org.gmsaportal.directory.GroupScope;
import org.gmsaportal.directory.KdsRootKey;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.directory.KdsStatus;
import org.gmsaportal.directory.Located;
import org.gmsaportal.directory.Removed;
import org.gmsaportal.directory.RunRef;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory directory for testing the engine's own logic (ordering, persistence, resume, claims) without a
 * domain controller. It is a test double of the directory module's face, not of Active Directory: the module
 * is tested against the Samba lab DC, where the end-to-end runs are too. Shared by the provisioning tests and the
 * web, API and callbacks tests (see {@link FakeDirectoryConfig}); the fields and methods below that only the
 * provisioning tests use are public for them, as this double lives here.
 */
public class FakeDirectory implements Directory {

	public static final DomainIdentity CONTOSO = DomainIdentity.of("contoso.com", "CONTOSO", "contoso.com",
			"S-1-5-21-1004336348-1177238915-682003330", "{52e6d0b4-87d3-4d2a-9b4c-8d1f0f1ac0de}");

	/** The groups that exist, by lower-case name; for the provisioning tests. */
	public final Set<String> groups = ConcurrentHashMap.newKeySet();

	/** The gMSAs that exist, by lower-case name; for the provisioning tests. */
	public final Map<String, GmsaSpec> gmsas = new ConcurrentHashMap<>();

	/** The portable users that exist with their passwords, by lower-case name; for the provisioning tests. */
	public final Map<String, String> users = new ConcurrentHashMap<>();

	/** Each group's members, by lower-case names; for the provisioning tests. */
	public final Map<String, Set<String>> members = new ConcurrentHashMap<>();

	/** APPLY calls so far per operation; for the provisioning tests (see {@link #calls(String)}). */
	public final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	/** What was removed, in order; for the provisioning tests. */
	public final List<String> removals = Collections.synchronizedList(new ArrayList<>());

	/** Previews of a gMSA (one per plan) by the thread that asked: a front door's request runs on the test's. */
	private final Map<Thread, AtomicInteger> gmsaPreviews = new ConcurrentHashMap<>();

	/** When each object was created through an ensure: this fake's stand-in for the portal's marker and whenCreated. */
	public final Map<String, Instant> createdByPortal = new ConcurrentHashMap<>();

	private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

	// Removals the directory refuses while set, as the real one does for a group someone added a member to.
	private final Map<String, String> blockers = new ConcurrentHashMap<>();

	// The computer accounts the tests' requests name exist, as they would in a domain; others do not.
	private final Map<String, Computer> computers = new ConcurrentHashMap<>();

	private final Map<String, String> spnHolders = new ConcurrentHashMap<>();

	private final Map<String, String> aliasHolders = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch[]> pauses = new ConcurrentHashMap<>();

	/** Whether a usable KDS root key exists; the provisioning tests switch it off. */
	public volatile boolean kdsRootKey = true;

	/** The runs the engine named for what it asked, in order; previews name none. */
	public final List<RunRef> runs = Collections.synchronizedList(new ArrayList<>());

	public FakeDirectory() {
		seedComputers();
	}

	private void seedComputers() {
		this.computers.clear();
		addComputer("NODE1$", "node1.contoso.com", false);
		addComputer("NODE2$", "node2.contoso.com", false);
		addComputer("NODE3$", null, true);
	}

	/** A computer account the directory holds, for the search and the membership check. */
	public void addComputer(String samAccountName, @Nullable String dnsHostName, boolean disabled) {
		this.computers.put(key(samAccountName), new Computer(samAccountName, dnsHostName,
				"CN=" + samAccountName.replace("$", "") + ",CN=Computers,DC=contoso,DC=com", disabled));
	}

	/** An SPN that an object other than any gMSA of the tests holds. */
	public void registerSpn(String spn, String holderDn) {
		this.spnHolders.put(key(spn), holderDn);
	}

	/**
	 * A computer holds {@code HOST/<rest>} of {@code spn} (say {@code HTTP/x}): requesting {@code spn} is a warning,
	 * as the directory module reports a HOST alias held elsewhere, not a blocking conflict.
	 */
	public void registerHostAlias(String spn, String holderDn) {
		this.aliasHolders.put(key(spn), holderDn);
	}

	/** Back to the state of a new instance; for the provisioning tests. */
	public void reset() {
		this.groups.clear();
		this.gmsas.clear();
		this.users.clear();
		this.members.clear();
		this.calls.clear();
		this.removals.clear();
		this.failures.clear();
		this.blockers.clear();
		this.spnHolders.clear();
		this.aliasHolders.clear();
		seedComputers();
		this.pauses.clear();
		this.createdByPortal.clear();
		this.runs.clear();
		this.kdsRootKey = true;
	}

	/**
	 * Until the block is lifted, removing this object is refused with {@code reason}, as the real
	 * directory refuses a group that still has members someone else added; {@code null} lifts the block.
	 */
	public void blockRemoval(ObjectType type, String name, @Nullable String reason) {
		if (reason == null) {
			this.blockers.remove(type + " " + key(name));
		}
		else {
			this.blockers.put(type + " " + key(name), reason);
		}
	}

	/** The next APPLY call of the operation throws this (a RuntimeException fails the step, an Error the thread). */
	public void failOnce(String operation, Throwable failure) {
		this.failures.put(operation, failure);
	}

	/**
	 * The next APPLY call of the operation opens {@code entered}, then waits until {@code release} opens, as a call
	 * to a DC that takes its time does: the step stays RUNNING meanwhile.
	 */
	public void pauseOnce(String operation, CountDownLatch entered, CountDownLatch release) {
		this.pauses.put(operation, new CountDownLatch[] { entered, release });
	}

	/** Whether the gMSA exists, for tests that check what a run or a decommission did. */
	public boolean hasGmsa(String name) {
		return this.gmsas.containsKey(key(name));
	}

	/** How many plans the calling thread has had made so far: each plan previews the gMSA exactly once. */
	public int plansOnThisThread() {
		return this.gmsaPreviews.getOrDefault(Thread.currentThread(), new AtomicInteger()).get();
	}

	/** How many APPLY calls the operation has had; for the provisioning tests. */
	public int calls(String operation) {
		return this.calls.getOrDefault(operation, new AtomicInteger()).get();
	}

	private void applying(String operation) {
		this.calls.computeIfAbsent(operation, (k) -> new AtomicInteger()).incrementAndGet();
		CountDownLatch[] pause = this.pauses.remove(operation);
		if (pause != null) {
			pause[0].countDown();
			try {
				pause[1].await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while the DC was answering", ex);
			}
		}
		Throwable failure = this.failures.remove(operation);
		if (failure instanceof RuntimeException ex) {
			throw ex;
		}
		if (failure instanceof Error error) {
			throw error;
		}
	}

	/** The connection the tests' requests name, as the web tests' properties configure it. */
	@Override
	public List<ConnectionSummary> connections() {
		return List.of(new ConnectionSummary("lab", "lab.test", List.of(java.net.URI.create("ldaps://dc1.lab.test:636")),
				"LDAPS", false, null));
	}

	@Override
	public DomainIdentity domainFacts(String connection) {
		return CONTOSO;
	}

	@Override
	public Ensured ensureKdsRootKey(String connection, KdsRootKeyChoice choice, Mode mode, @Nullable RunRef run) {
		seen(run);
		if (mode == Mode.APPLY) {
			applying("kds");
		}
		if (this.kdsRootKey) {
			return Ensured.of(Result.ALREADY_AS_REQUESTED, "a usable KDS root key exists");
		}
		if (choice == KdsRootKeyChoice.USE_EXISTING) {
			return Ensured.of(Result.DRIFT, "no usable KDS root key exists and none was asked for");
		}
		if (mode == Mode.APPLY) {
			this.kdsRootKey = true;
		}
		return Ensured.of(Result.CREATED, "create a KDS root key");
	}

	/** One key, usable since long before now, or none. */
	@Override
	public KdsStatus kdsStatus(String connection) {
		Instant now = Instant.now();
		if (!this.kdsRootKey) {
			return new KdsStatus(KdsStatus.State.MISSING, List.of(), null, now, "The forest has no KDS root key.",
					List.of());
		}
		Instant effective = Instant.parse("2024-01-01T00:00:00Z");
		KdsRootKey key = new KdsRootKey(java.util.UUID.fromString("7c1a0d2e-0000-4000-8000-000000000001"),
				"CN=7c1a0d2e-0000-4000-8000-000000000001,CN=Master Root Keys", effective, effective);
		return new KdsStatus(KdsStatus.State.USABLE, List.of(key), null, now, "A usable KDS root key exists.",
				List.of());
	}

	@Override
	public Ensured ensureGroup(String connection, String groupName, GroupScope scope, @Nullable String container,
			Mode mode, @Nullable RunRef run) {
		seen(run);
		if (mode == Mode.APPLY) {
			applying("group");
		}
		if (this.groups.contains(key(groupName))) {
			return Ensured.of(Result.ALREADY_AS_REQUESTED, "group " + groupName + " exists");
		}
		if (mode == Mode.APPLY) {
			this.groups.add(key(groupName));
			this.createdByPortal.put(ObjectType.GROUP + " " + key(groupName), Instant.now());
		}
		// Named by DN, as the real adapter names what it would create.
		return Ensured.of(Result.CREATED, "create group CN=" + groupName + ",CN=Users,DC=contoso,DC=com");
	}

	@Override
	public Ensured ensureGmsa(String connection, GmsaSpec gmsa, Mode mode, @Nullable RunRef run) {
		seen(run);
		if (mode == Mode.APPLY) {
			applying("gmsa");
		}
		else {
			this.gmsaPreviews.computeIfAbsent(Thread.currentThread(), (t) -> new AtomicInteger()).incrementAndGet();
		}
		GmsaSpec existing = this.gmsas.get(key(gmsa.name()));
		if (existing != null) {
			return placeless(existing).equals(placeless(gmsa)) ? Ensured.of(Result.ALREADY_AS_REQUESTED, "gMSA " + gmsa.name() + "$ exists as requested")
					: Ensured.of(Result.DRIFT, "gMSA " + gmsa.name() + "$ exists with other settings");
		}
		if (mode == Mode.APPLY) {
			this.gmsas.put(key(gmsa.name()), gmsa);
			this.createdByPortal.put(ObjectType.GMSA + " " + key(gmsa.name()), Instant.now());
		}
		return Ensured.of(Result.CREATED, "create gMSA " + gmsa.name() + "$ for " + gmsa.dnsHostName());
	}

	// The fake does not place objects, so where a gMSA was asked to go is no drift.
	private static GmsaSpec placeless(GmsaSpec gmsa) {
		return new GmsaSpec(gmsa.name(), gmsa.dnsHostName(), gmsa.spns(), gmsa.encryptionTypes(), gmsa.allowedGroup());
	}

	@Override
	public Ensured ensurePortableUser(String connection, String userName, SecretValue initialPassword, Mode mode,
			@Nullable RunRef run) {
		seen(run);
		if (mode == Mode.APPLY) {
			applying("user");
		}
		if (this.users.containsKey(key(userName))) {
			return Ensured.of(Result.ALREADY_AS_REQUESTED, "user " + userName + " exists");
		}
		if (mode == Mode.APPLY) {
			this.users.put(key(userName), initialPassword.reveal());
			this.createdByPortal.put(ObjectType.USER + " " + key(userName), Instant.now());
		}
		return Ensured.of(Result.CREATED, "create user " + userName);
	}

	@Override
	public void setPassword(String connection, String userName, SecretValue password, @Nullable RunRef run) {
		seen(run);
		applying("password");
		this.users.put(key(userName), password.reveal());
	}

	@Override
	public Ensured ensureMembership(String connection, String groupName, List<String> wanted, Mode mode,
			@Nullable RunRef run) {
		seen(run);
		if (mode == Mode.APPLY) {
			applying("membership");
		}
		for (String member : wanted) {
			if (member.endsWith("$") && !this.computers.containsKey(key(member))) {
				return Ensured.of(Result.DRIFT, "membership " + member + " in " + groupName + " differs from the request "
						+ "(nothing changed): no account named " + member + " (computer accounts end with $, e.g. HOST01$)");
			}
		}
		Set<String> current = this.members.computeIfAbsent(key(groupName), (k) -> ConcurrentHashMap.newKeySet());
		List<String> missing = wanted.stream().filter((m) -> !current.contains(key(m))).toList();
		if (missing.isEmpty()) {
			return Ensured.of(Result.ALREADY_AS_REQUESTED, groupName + " already holds " + wanted);
		}
		if (mode == Mode.APPLY) {
			missing.forEach((m) -> current.add(key(m)));
		}
		return new Ensured(Result.CREATED, "add " + missing + " to " + groupName, missing);
	}

	@Override
	public Ensured proveRetrieval(String connection, String gmsaName, String userName, SecretValue password,
			@Nullable RunRef run) {
		seen(run);
		applying("prove");
		GmsaSpec gmsa = this.gmsas.get(key(gmsaName));
		boolean member = gmsa != null && this.members.getOrDefault(key(gmsa.allowedGroup()), Set.of()).contains(key(userName));
		if (member && password.reveal().equals(this.users.get(key(userName)))) {
			return Ensured.of(Result.ALREADY_AS_REQUESTED, userName + " read msDS-ManagedPassword of " + gmsaName + "$");
		}
		return Ensured.of(Result.DRIFT, userName + " cannot read msDS-ManagedPassword of " + gmsaName + "$");
	}

	@Override
	public Removed remove(String connection, ObjectType type, String name, @Nullable CreatedObject created,
			@Nullable RunRef run) {
		seen(run);
		applying("remove");
		String blocker = this.blockers.get(type + " " + key(name));
		if (blocker != null) {
			return Removed.blocked("Not deleted: " + blocker);
		}
		this.removals.add(type + " " + name);
		boolean removed = switch (type) {
			case GROUP -> this.groups.remove(key(name));
			case GMSA -> this.gmsas.remove(key(name)) != null;
			case USER -> this.users.remove(key(name)) != null;
		};
		this.createdByPortal.remove(type + " " + key(name));
		return new Removed(removed, (removed ? "removed " : "already gone: ") + type + " " + name);
	}

	// Placement is the real directory's concern (lab tests); the fake places everything in the default containers.
	@Override
	public Container container(String connection, ObjectType type, @Nullable String requested) {
		String dn = ((type == ObjectType.GMSA) ? "CN=Managed Service Accounts" : "CN=Users") + ",DC=contoso,DC=com";
		return new Container(dn, "directory default", null);
	}

	@Override
	public Ensured ensurePortableUser(String connection, String userName, @Nullable String container,
			SecretValue initialPassword, Mode mode, @Nullable RunRef run) {
		return ensurePortableUser(connection, userName, initialPassword, mode, run);
	}

	@Override
	public Located locate(String connection, ObjectType type, String name, @Nullable String container) {
		return locate(connection, type, name);
	}

	@Override
	public Located locate(String connection, ObjectType type, String name) {
		boolean exists = switch (type) {
			case GROUP -> this.groups.contains(key(name));
			case GMSA -> this.gmsas.containsKey(key(name));
			case USER -> this.users.containsKey(key(name));
		};
		Instant created = exists ? this.createdByPortal.get(type + " " + key(name)) : null;
		String container = (type == ObjectType.GMSA) ? "CN=Managed Service Accounts" : "CN=Users";
		String kind = !exists ? null : switch (type) {
			case GROUP -> "group";
			case GMSA -> "gMSA";
			case USER -> "user account";
		};
		return new Located("CN=" + name + "," + container + ",DC=contoso,DC=com", exists, created != null, created,
				Instant.now(), kind);
	}

	@Override
	public Removed removeMembership(String connection, String groupName, List<String> toRemove,
			@Nullable RunRef run) {
		seen(run);
		applying("remove");
		this.removals.add("MEMBERSHIP " + groupName + " " + toRemove);
		Set<String> current = this.members.getOrDefault(key(groupName), Set.of());
		toRemove.forEach((m) -> current.remove(key(m)));
		return new Removed(true, "removed " + toRemove + " from " + groupName);
	}

	@Override
	public List<SpnConflict> spnConflicts(String connection, @Nullable String gmsaName, List<String> spns) {
		String own = (gmsaName != null) ? key(gmsaName.strip().replace("$", "")) : "";
		List<SpnConflict> conflicts = new ArrayList<>();
		for (String spn : spns) {
			String holder = this.spnHolders.get(key(spn));
			if (holder == null) {
				holder = this.gmsas.entrySet().stream()
					.filter((e) -> !e.getKey().equals(own) && e.getValue().spns().stream().anyMatch(spn::equalsIgnoreCase))
					.map((e) -> "CN=" + e.getValue().name() + ",CN=Managed Service Accounts,DC=contoso,DC=com")
					.findFirst().orElse(null);
			}
			if (holder != null) {
				conflicts.add(new SpnConflict(spn, holder, "SPN " + spn + " is already registered on " + holder
						+ ": remove it there (setspn -D) or choose another name", true));
			}
			String aliasHolder = this.aliasHolders.get(key(spn));
			if (aliasHolder != null) {
				String host = "HOST/" + spn.substring(spn.indexOf('/') + 1);
				conflicts.add(new SpnConflict(spn, aliasHolder, "SPN " + spn + " may take over a service of another "
						+ "computer: " + aliasHolder + " holds " + host + ", and Kerberos clients asking for " + spn
						+ " would get a ticket for the gMSA instead of " + aliasHolder, false));
			}
		}
		return conflicts;
	}

	// A gMSA the fake holds lets its allowed group retrieve the password, nothing else.
	@Override
	public Retrievers retrievers(String connection, String gmsaName, List<String> principals) {
		GmsaSpec gmsa = this.gmsas.get(key(gmsaName));
		if (gmsa == null) {
			return new Retrievers(gmsaName, null, null, List.of());
		}
		return new Retrievers(gmsaName, "CN=" + gmsaName + ",CN=Managed Service Accounts,DC=contoso,DC=com", "gMSA",
				principals.stream().filter((p) -> key(p).equals(key(gmsa.allowedGroup()))).toList());
	}

	@Override
	public Computers findComputers(String connection, String text) {
		String wanted = key(text.strip());
		if (wanted.isEmpty()) {
			return new Computers(List.of(), false);
		}
		List<Computer> found = this.computers.values().stream()
			.filter((c) -> key(c.samAccountName()).contains(wanted)
					|| (c.dnsHostName() != null && key(c.dnsHostName()).contains(wanted)))
			.sorted(Comparator.comparing(Computer::samAccountName, String.CASE_INSENSITIVE_ORDER))
			.toList();
		return new Computers(found.stream().limit(25).toList(), found.size() > 25);
	}

	@Override
	public DirectoryStatus status(String connection) {
		return new DirectoryStatus("contoso.com", "CONTOSO", "dc1.contoso.com", "2016", "2016", "LDAPS");
	}

	@Override
	public DirectoryUser authenticate(String connection, String username, String password) {
		throw new DirectoryAuthenticationException("the stand-in directory signs nobody in");
	}

	private void seen(@Nullable RunRef run) {
		if (run != null) {
			this.runs.add(run);
		}
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
