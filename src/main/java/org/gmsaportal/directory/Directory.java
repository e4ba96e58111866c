package org.gmsaportal.directory;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.SecretValue;
import org.jspecify.annotations.Nullable;

/**
 * The directory module's one face: Active Directory as the provisioning engine, the wizard's live checks and
 * sign-in use it, by connection name. Every ensure is idempotent: with {@link Mode#PREVIEW} it only reads and
 * says what it would do; with {@link Mode#APPLY} it creates what is absent, confirms what is as requested and
 * reports drift without overwriting it. Failures throw a {@link DirectoryException} whose message tells the
 * admin what to do and holds no secret. In PREVIEW, {@link Ensured#detail()} is what the plan shows the
 * approver, so it names exactly what would be created or changed (DN, attributes, members). Writes name the run
 * they belong to ({@link RunRef}; none for a preview or a write outside any run): their audit events carry its id
 * and ticket because the caller passed them.
 */
public interface Directory {

	/** The configured connections, without any credential. None configured means plan-only mode. */
	List<ConnectionSummary> connections();

	/**
	 * Holds one LDAP session bound as the portal's service account for everything this thread asks of
	 * {@code connection} until the returned session is closed: a run or a request then binds once and reads the
	 * domain's facts and each name once ({@link LdapBudget} counts what it sends). Close it on the same thread.
	 * An unknown connection holds nothing.
	 */
	default Session session(String connection) {
		return () -> {
		};
	}

	/**
	 * As {@link #session(String)}, for a run of a plan whose session read {@code planned} ({@link Session#reads}):
	 * what the plan read is reused where one guard search proves it unchanged on the same DC, and read again where not.
	 */
	default Session session(String connection, PlanReads planned) {
		return session(connection);
	}

	/** The domain's facts, for the plan, the claim and the credential spec. */
	DomainIdentity domainFacts(String connection);

	/**
	 * A usable KDS root key exists, or (on APPLY with a create choice, in a forest with no key) is created; never
	 * deleted. A key that is not usable yet is DRIFT saying when it becomes usable: no second key is ever created
	 * beside it, because several root keys make gMSAs fail after their next password rotation.
	 */
	Ensured ensureKdsRootKey(String connection, KdsRootKeyChoice choice, Mode mode, @Nullable RunRef run);

	/** Read only: the forest's KDS root keys, when each was created and becomes usable, and the verdict. */
	KdsStatus kdsStatus(String connection);

	/**
	 * Where new objects of this type go: {@code requested}, or the connection's default OU
	 * ({@code gmsa.directory.connections.<name>.ou.*}), or the directory's default container. Read only.
	 * @return the container's DN, with why it cannot take the object if it cannot (not a DN inside the domain,
	 * absent, or neither an OU nor a container)
	 */
	Container container(String connection, ObjectType type, @Nullable String requested);

	/** The security group of hosts allowed to retrieve the gMSA password: a new one is domain-local, default OU. */
	default Ensured ensureGroup(String connection, String groupName, Mode mode, @Nullable RunRef run) {
		return ensureGroup(connection, groupName, GroupScope.DOMAIN_LOCAL, null, mode, run);
	}

	/**
	 * The security group of hosts allowed to retrieve the gMSA password. Created when absent with {@code scope}, in
	 * {@code container} (null: the connection's default), with a {@code description} naming the run
	 * ({@link RunRef#provenance()}). An existing security group of any scope is used as it is (the detail says its
	 * scope in words); another kind of object, or a distribution group, is DRIFT naming it.
	 */
	Ensured ensureGroup(String connection, String groupName, GroupScope scope, @Nullable String container, Mode mode,
			@Nullable RunRef run);

	/** The gMSA with its DNS host name, SPNs, encryption types and {@code msDS-GroupMSAMembership} = the group. */
	Ensured ensureGmsa(String connection, GmsaSpec gmsa, Mode mode, @Nullable RunRef run);

	/**
	 * The portable standard user, created with {@code initialPassword} when absent. An existing user is
	 * reported as already there and its password is left alone.
	 */
	default Ensured ensurePortableUser(String connection, String userName, SecretValue initialPassword, Mode mode,
			@Nullable RunRef run) {
		return ensurePortableUser(connection, userName, null, initialPassword, mode, run);
	}

	/** As above, created in {@code container} (null: the connection's default) with the run's description. */
	Ensured ensurePortableUser(String connection, String userName, @Nullable String container,
			SecretValue initialPassword, Mode mode, @Nullable RunRef run);

	/** Sets the portable user's password; the engine calls it only for a reset the approved plan announced. */
	void setPassword(String connection, String userName, SecretValue password, @Nullable RunRef run);

	/** The members are in the group; {@link Ensured#added()} names those this call added. */
	Ensured ensureMembership(String connection, String groupName, List<String> members, Mode mode,
			@Nullable RunRef run);

	/**
	 * Binds as the user and reads the gMSA's {@code msDS-ManagedPassword}, as ccg.exe does: ALREADY_AS_REQUESTED
	 * when the password could be read, DRIFT with what to fix when it could not. Never returns the password.
	 */
	Ensured proveRetrieval(String connection, String gmsaName, String userName, SecretValue password,
			@Nullable RunRef run);

	/**
	 * Removes a group, gMSA (name without {@code $}) or user that the run created; the engine asks only for objects
	 * whose ensure reported CREATED. An object that is already gone is reported with {@code removed = false}; one
	 * the portal must not delete yet (see {@link Removed#blocked()}) is kept and reported as blocked.
	 * <p>
	 * With {@code created} (the DN and objectGUID its ensure reported, see {@link Ensured#object()}) the object is
	 * found by that objectGUID, not by the name: an object deleted and made again under the name outside the run is
	 * not the run's to delete, and one moved or renamed since is kept for the admin. Without it (runs recorded
	 * before the objectGUID was kept) the object the name finds is checked the same way.
	 */
	Removed remove(String connection, ObjectType type, String name, @Nullable CreatedObject created,
			@Nullable RunRef run);

	/**
	 * Where the object of this type and name (a gMSA without {@code $}) is, or where its ensure would create it,
	 * with whether it carries the portal's marker and when the DC created it. Read only.
	 */
	default Located locate(String connection, ObjectType type, String name) {
		return locate(connection, type, name, null);
	}

	/** As above, for an object its ensure creates in {@code container} (null: the connection's default). */
	Located locate(String connection, ObjectType type, String name, @Nullable String container);

	/** Removes exactly these members from the group. */
	Removed removeMembership(String connection, String groupName, List<String> members,
			@Nullable RunRef run);

	/**
	 * Read only, for the wizard while the admin types: the SPNs of {@code spns} that an object other than the gMSA
	 * {@code gmsaName} already holds (directly or through the HOST alias mapping), each with what to do.
	 */
	List<SpnConflict> spnConflicts(String connection, @Nullable String gmsaName, List<String> spns);

	/**
	 * Read only: whether {@code gmsaName} (without {@code $}) names a gMSA, and which of {@code principals}
	 * (sAMAccountNames of groups, users or computers, e.g. {@code NODE1$}) its {@code msDS-GroupMSAMembership}
	 * names directly, as {@code New-CredentialSpec -AdditionalAccounts} needs them to be retrievable by the hosts.
	 * A principal that does not exist is simply not allowed.
	 */
	Retrievers retrievers(String connection, String gmsaName, List<String> principals);

	/** Read only: computer accounts whose name or DNS host name contains {@code text}, at most a page of them. */
	Computers findComputers(String connection, String text);

	/** Read only: whether the directory answers the portal's service account, and what it says about itself. */
	DirectoryStatus status(String connection);

	/**
	 * Binds as a person signing in and reads who they are and their groups.
	 * @throws DirectoryAuthenticationException when the DC refuses the credentials
	 */
	DirectoryUser authenticate(String connection, String username, String password);

	/**
	 * Where new objects of one type go.
	 *
	 * @param distinguishedName the container's DN (the requested one as typed when it is not a valid DN)
	 * @param source {@code request}, {@code connection default} or {@code directory default}
	 * @param problem why objects cannot be created there, naming the DN; {@code null} when they can
	 */
	record Container(String distinguishedName, String source, @Nullable String problem) {
	}

	/**
	 * A configured connection, as the Connections page shows it.
	 *
	 * @param name its name in {@code gmsa.directory.connections}
	 * @param domain the domain it serves
	 * @param urls the DCs it contacts
	 * @param transport {@code LDAPS}, {@code StartTLS} or plain (lab only)
	 * @param trustsAllCertificates whether it skips certificate checks (lab only)
	 * @param refusal why it is unusable, {@code null} if it is usable
	 */
	record ConnectionSummary(String name, String domain, List<URI> urls, String transport, boolean trustsAllCertificates,
			@Nullable String refusal) {

		public ConnectionSummary {
			urls = List.copyOf(urls);
		}

	}

	/** A held LDAP session ({@link #session}); closing it gives the session back. */
	@FunctionalInterface
	interface Session extends AutoCloseable {

		@Override
		void close();

		/** What the session read so far, for a run of the plan it was held for; take it before closing. */
		default PlanReads reads() {
			return PlanReads.NONE;
		}

	}

	/** Whether an ensure only reads or also writes. */
	enum Mode {

		PREVIEW, APPLY

	}

	/** The kinds of directory objects a run creates. */
	enum ObjectType {

		GROUP, GMSA, USER

	}

	/**
	 * The gMSA as requested.
	 *
	 * @param name sAMAccountName without {@code $}
	 * @param dnsHostName {@code dNSHostName}
	 * @param spns service principal names
	 * @param encryptionTypes supported encryption types
	 * @param allowedGroup the group named in {@code msDS-GroupMSAMembership}
	 * @param container the OU or container to create it in; {@code null} for the connection's default
	 */
	record GmsaSpec(String name, String dnsHostName, List<String> spns, Set<EncryptionType> encryptionTypes,
			String allowedGroup, @Nullable String container) {

		public GmsaSpec(String name, String dnsHostName, List<String> spns, Set<EncryptionType> encryptionTypes,
				String allowedGroup) {
			this(name, dnsHostName, spns, encryptionTypes, allowedGroup, null);
		}

	}

	/**
	 * What an ensure did (or, in preview, would do).
	 *
	 * @param result created, already as requested, or drift
	 * @param detail what was found or done, in words for the admin
	 * @param added members added by a membership ensure; empty otherwise
	 */
	record Ensured(Result result, String detail, List<String> added, @Nullable CreatedObject object) {

		public Ensured {
			added = List.copyOf(added);
		}

		public Ensured(Result result, String detail, List<String> added) {
			this(result, detail, added, null);
		}

		public static Ensured of(Result result, String detail) {
			return new Ensured(result, detail, List.of());
		}

	}

	/** How an ensure came out. */
	enum Result {

		CREATED, ALREADY_AS_REQUESTED, DRIFT

	}

	/**
	 * An SPN another object holds.
	 *
	 * @param spn the SPN as requested
	 * @param holder the DN of the object holding it
	 * @param message what the admin should do, naming the holder
	 * @param blocking whether the DC refuses the SPN; otherwise a warning (another computer holds HOST/x and the
	 * request asks for a class HOST stands for, such as HTTP/x): the message says what would happen
	 * <p>
	 * Serializable: the wizard carries warnings across a redirect in the session, which is kept in the database.
	 */
	record SpnConflict(String spn, String holder, String message, boolean blocking) implements java.io.Serializable {
	}

	/**
	 * Who may retrieve an existing gMSA's password, among the principals asked about.
	 *
	 * @param gmsaName the name asked about, without {@code $}
	 * @param distinguishedName the DN of the account holding the name, {@code null} when none does
	 * @param kind what that account is, in words ({@code gMSA}, {@code computer account}, ...); {@code null} when none
	 * @param allowed the principals asked about that {@code msDS-GroupMSAMembership} names, as they were asked
	 */
	record Retrievers(String gmsaName, @Nullable String distinguishedName, @Nullable String kind,
			List<String> allowed) {

		public Retrievers {
			allowed = List.copyOf(allowed);
		}

		/** Whether the name is a gMSA's. */
		public boolean isGmsa() {
			return "gMSA".equals(this.kind);
		}

	}

	/**
	 * A computer account that can be put in the allowed-hosts group.
	 *
	 * @param samAccountName e.g. {@code NODE1$}
	 * @param dnsHostName its DNS host name, {@code null} if it has none
	 * @param dn its distinguished name
	 * @param disabled whether the account is disabled (such a host cannot log on)
	 */
	record Computer(String samAccountName, @Nullable String dnsHostName, String dn, boolean disabled) {
	}

	/**
	 * One page of a computer search.
	 *
	 * @param found the accounts, sorted by name
	 * @param truncated whether more matched than were returned
	 */
	record Computers(List<Computer> found, boolean truncated) {

		public Computers {
			found = List.copyOf(found);
		}

	}

	/**
	 * What a domain controller says about its domain when the portal's service account reads it.
	 *
	 * @param domain the domain's DNS name
	 * @param netbiosName its NetBIOS name
	 * @param domainController the DNS host name of the DC that answered
	 * @param domainLevel the domain functional level, e.g. {@code 2016}
	 * @param forestLevel the forest functional level
	 * @param transport how the session is protected: {@code LDAPS}, {@code StartTLS} or plain (lab only)
	 */
	record DirectoryStatus(String domain, String netbiosName, String domainController, String domainLevel,
			String forestLevel, String transport) {
	}

}
