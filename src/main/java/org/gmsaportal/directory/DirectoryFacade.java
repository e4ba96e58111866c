package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.SecretValue;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The module's face over its parts: previews read only, applies go through the idempotent, audited ensure
 * operations, each tagged with the run that asked for it.
 */
@Component
class DirectoryFacade implements Directory {

	// Worded as the engine words an unknown connection in a request.
	private static final String UNKNOWN_CONNECTION =
			"directoryConnection: must name a configured directory connection (gmsa.directory.connections.<name>.*)";

	private final DirectoryConnections connections;

	private final AuditTrail audit;

	private final IdentityPreview preview;

	private final AccountMaintenance accounts;

	private final DirectoryLookups lookups;

	DirectoryFacade(DirectoryConnections connections, AuditTrail audit, IdentityPreview preview,
			AccountMaintenance accounts, DirectoryLookups lookups) {
		this.connections = connections;
		this.audit = audit;
		this.preview = preview;
		this.accounts = accounts;
		this.lookups = lookups;
	}

	@Override
	public List<ConnectionSummary> connections() {
		return this.connections.all().stream()
			.map(c -> new ConnectionSummary(c.name(), c.domain(), c.urls(), c.transport(), c.trustsAllCertificates(),
					c.refusal()))
			.toList();
	}

	@Override
	public Session session(String connection) {
		return session(connection, PlanReads.NONE);
	}

	@Override
	public Session session(String connection, PlanReads planned) {
		return this.connections.find(connection).map((c) -> c.hold(planned)).orElse(() -> {
		});
	}

	@Override
	public DomainIdentity domainFacts(String connection) {
		DomainFacts facts = connection(connection).domainFacts();
		return DomainIdentity.of(facts.dnsName(), facts.netbiosName(), facts.forestDnsName(), facts.domainSid(),
				facts.domainGuid().toString());
	}

	@Override
	public Ensured ensureKdsRootKey(String connection, KdsRootKeyChoice choice, Mode mode, @Nullable RunRef run) {
		return new KdsRootKeyManagement(this.audit, run).ensure(connection(connection), choice, mode);
	}

	@Override
	public KdsStatus kdsStatus(String connection) {
		return new KdsRootKeyManagement(this.audit, null).status(connection(connection));
	}

	@Override
	public Container container(String connection, ObjectType type, @Nullable String requested) {
		DirectoryConnection conn = connection(connection);
		return conn.withServiceAccountOnRequest(ctx -> Containers.check(ctx, DomainFacts.read(ctx), conn, type,
				requested));
	}

	@Override
	public Ensured ensureGroup(String connection, String groupName, GroupScope scope, @Nullable String container,
			Mode mode, @Nullable RunRef run) {
		DirectoryConnection conn = connection(connection);
		GroupRequest request = new GroupRequest(groupName, scope,
				Containers.requested(conn, ObjectType.GROUP, container));
		return ensured(mode == Mode.PREVIEW ? this.preview.group(conn, request) : identities(run).ensureGroup(conn, request));
	}

	@Override
	public Ensured ensureGmsa(String connection, GmsaSpec gmsa, Mode mode, @Nullable RunRef run) {
		DirectoryConnection conn = connection(connection);
		GmsaRequest request = new GmsaRequest(gmsa.name(), gmsa.dnsHostName(), extraSpns(gmsa),
				gmsa.encryptionTypes(), 30, List.of(gmsa.allowedGroup()),
				Containers.requested(conn, ObjectType.GMSA, gmsa.container()));
		return ensured(mode == Mode.PREVIEW ? this.preview.gmsa(conn, request) : identities(run).ensureGmsa(conn, request));
	}

	@Override
	public Ensured ensurePortableUser(String connection, String userName, @Nullable String container,
			SecretValue initialPassword, Mode mode, @Nullable RunRef run) {
		DirectoryConnection conn = connection(connection);
		String place = Containers.requested(conn, ObjectType.USER, container);
		if (mode == Mode.PREVIEW) {
			return ensured(this.preview.user(conn, userName, place));
		}
		return ensured(this.accounts.ensureUser(conn, userName, place, initialPassword.reveal().toCharArray(), run));
	}

	@Override
	public void setPassword(String connection, String userName, SecretValue password, @Nullable RunRef run) {
		this.accounts.setPassword(connection(connection), userName, password.reveal().toCharArray(), run);
	}

	@Override
	public Ensured ensureMembership(String connection, String groupName, List<String> members, Mode mode,
			@Nullable RunRef run) {
		DirectoryConnection conn = connection(connection);
		IdentityManagement identities = identities(run);
		List<String> added = new ArrayList<>();
		List<String> details = new ArrayList<>();
		for (String member : members) {
			// Computer accounts ($) must exist already; a plain user name is the portable user an earlier step creates.
			EnsureResult result = (mode == Mode.PREVIEW) ? this.preview.membership(conn, groupName, member, !member.endsWith("$"))
					: identities.ensureMembership(conn, groupName, member);
			if (result.outcome() == EnsureResult.Outcome.DRIFT) {
				return Ensured.of(Result.DRIFT, result.summary());
			}
			if (result.outcome() == EnsureResult.Outcome.CREATED || result.outcome() == EnsureResult.Outcome.PLANNED) {
				added.add(member);
			}
			details.add(summary(result));
		}
		return new Ensured(added.isEmpty() ? Result.ALREADY_AS_REQUESTED : Result.CREATED, String.join("; ", details),
				added);
	}

	@Override
	public Ensured proveRetrieval(String connection, String gmsaName, String userName, SecretValue password,
			@Nullable RunRef run) {
		ProofResult result = new PasswordRetrievalProof(this.audit, run).prove(connection(connection), gmsaName,
				userName, password.reveal().toCharArray());
		String detail = result.explanation()
				+ (result.missingPreconditions().isEmpty() ? "" : " " + String.join(" ", result.missingPreconditions()));
		return Ensured.of(result.retrieved() ? Result.ALREADY_AS_REQUESTED : Result.DRIFT, detail);
	}

	@Override
	public Removed remove(String connection, ObjectType type, String name, @Nullable CreatedObject created,
			@Nullable RunRef run) {
		DirectoryConnection conn = connection(connection);
		String kind = kind(type);
		Optional<CreatedObject> target = (created != null)
				? Optional.of(new CreatedObject(kind, created.distinguishedName(), created.objectGuid()))
				: this.accounts.find(conn, kind, name);
		return target.map(object -> {
			try {
				EnsureResult result = identities(run).decommission(conn, object);
				boolean deleted = result.outcome() == EnsureResult.Outcome.DELETED;
				return new Removed(deleted, deleted ? result.summary() : gone(conn, object, name, result.summary()));
			}
			catch (RemovalRefusedException ex) {
				// Still in use, or changed outside the portal: kept, and the run waits for the admin to say so.
				// Any other directory error is not caught here: the step fails and can be resumed.
				return Removed.blocked(ex.getMessage());
			}
		}).orElseGet(() -> new Removed(false, kind + " " + name + " is already gone"));
	}

	/** The run's object is gone; another one under its name was made outside the run, and the admin should know. */
	private String gone(DirectoryConnection conn, CreatedObject object, String name, String summary) {
		return this.accounts.find(conn, object.kind(), name)
			.filter((other) -> !other.objectGuid().equals(object.objectGuid()))
			.map((other) -> summary + " (objectGUID " + object.objectGuid() + "); " + other.distinguishedName()
					+ " now holds the name (objectGUID " + other.objectGuid() + "), made outside this run: left alone")
			.orElse(summary);
	}

	@Override
	public Located locate(String connection, ObjectType type, String name, @Nullable String container) {
		DirectoryConnection conn = connection(connection);
		ObjectLocation found = this.accounts.locate(conn, kind(type), name,
				Containers.requested(conn, type, container));
		return new Located(found.distinguishedName(), found.exists(), found.createdByPortal(), found.whenCreated(),
				found.dcTime(), found.kind());
	}

	@Override
	public Removed removeMembership(String connection, String groupName, List<String> members,
			@Nullable RunRef run) {
		DirectoryConnection conn = connection(connection);
		List<String> details = new ArrayList<>();
		boolean removed = false;
		for (String member : members) {
			EnsureResult result = this.accounts.removeMembership(conn, groupName, member, run);
			removed |= result.outcome() == EnsureResult.Outcome.DELETED;
			details.add(summary(result));
		}
		return new Removed(removed, String.join("; ", details));
	}

	@Override
	public List<SpnConflict> spnConflicts(String connection, @Nullable String gmsaName, List<String> spns) {
		return this.lookups.spnConflicts(connection(connection), gmsaName, spns).stream()
			.map(c -> new SpnConflict(c.requested(), c.holder(), c.message(), c.blocking()))
			.toList();
	}

	@Override
	public Retrievers retrievers(String connection, String gmsaName, List<String> principals) {
		return this.lookups.retrievers(connection(connection), gmsaName, principals);
	}

	@Override
	public Computers findComputers(String connection, String text) {
		DirectoryLookups.ComputerMatches search = this.lookups.searchComputers(connection(connection), text);
		return new Computers(search.accounts().stream()
			.map(a -> new Computer(a.samAccountName(), a.dnsHostName(), a.distinguishedName(), a.disabled()))
			.toList(), search.truncated());
	}

	@Override
	public DirectoryStatus status(String connection) {
		DirectoryConnection conn = connection(connection);
		DomainFacts facts = conn.domainFacts();
		return new DirectoryStatus(facts.dnsName(), facts.netbiosName(), facts.dcHostName(),
				DomainFacts.levelName(facts.domainFunctionality()), DomainFacts.levelName(facts.forestFunctionality()),
				conn.transport());
	}

	@Override
	public DirectoryUser authenticate(String connection, String username, String password) {
		return connection(connection).authenticate(username, password);
	}

	private IdentityManagement identities(@Nullable RunRef run) {
		return new IdentityManagement(this.audit, run);
	}

	// The engine checks the name before it plans; a connection removed from the configuration since says so.
	private DirectoryConnection connection(String name) {
		return this.connections.find(name).orElseThrow(() -> new DirectoryException(UNKNOWN_CONNECTION));
	}

	private static String kind(ObjectType type) {
		return switch (type) {
			case GROUP -> "group";
			case GMSA -> "gMSA";
			case USER -> "user";
		};
	}

	private static Ensured ensured(EnsureResult result) {
		Result mapped = switch (result.outcome()) {
			case CREATED, PLANNED -> Result.CREATED;
			case ALREADY_AS_REQUESTED, REPAIRED -> Result.ALREADY_AS_REQUESTED;
			case DRIFT, DELETED, ALREADY_ABSENT -> Result.DRIFT;
		};
		// A preview has no object yet; a real ensure reports the object it found or made, by its objectGUID.
		CreatedObject object = (result.objectGuid() != null) ? CreatedObject.of(result) : null;
		return new Ensured(mapped, summary(result), List.of(), object);
	}

	/** The directory module's summary, with its warnings (if any) in parentheses. */
	private static String summary(EnsureResult result) {
		return result.summary()
				+ (result.warnings().isEmpty() ? "" : " (" + String.join(" ", result.warnings()) + ")");
	}

	/** The directory module adds {@code host/<name>} and {@code host/<fqdn>} itself. */
	private static List<String> extraSpns(GmsaSpec gmsa) {
		Set<String> defaults = Set.of(("host/" + gmsa.name()).toLowerCase(Locale.ROOT),
				("host/" + gmsa.dnsHostName()).toLowerCase(Locale.ROOT));
		return gmsa.spns().stream().filter(spn -> !defaults.contains(spn.toLowerCase(Locale.ROOT))).toList();
	}

}
