package org.gmsaportal.web.wizard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.cluster.PreflightCheck;
import org.gmsaportal.cluster.PreflightReport;
import org.gmsaportal.directory.Directory.Computers;
import org.gmsaportal.directory.Directory.DirectoryStatus;
import org.gmsaportal.directory.Directory.SpnConflict;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.directory.KdsStatus;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.LiveChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * What the wizard reads live while the admin fills it in: connection status, KDS root keys, SPN collisions,
 * computer accounts and the cluster preflight. Nothing here writes. A directory or cluster that cannot answer gives
 * its message, never an exception, because a check that could not run must not break the page.
 */
@Component
class WizardLiveChecks {

	private final LiveChecks live;

	private final MessageSource messages;

	private final StatusCache statuses;

	WizardLiveChecks(LiveChecks live, MessageSource messages, StatusCache statuses) {
		this.live = live;
		this.messages = messages;
		this.statuses = statuses;
	}

	/** The directory's answer, or why there is none, and when it was read. */
	record DirectoryCheck(@Nullable DirectoryStatus status, @Nullable String error, Instant checkedAt) {

		DirectoryCheck(@Nullable DirectoryStatus status, @Nullable String error) {
			this(status, error, Instant.now());
		}

		/** Whole seconds since the check, for the page. */
		public long ageSeconds() {
			return Math.max(0, Duration.between(this.checkedAt, Instant.now()).toSeconds());
		}

	}

	/** The forest's KDS root keys, or why they could not be read. */
	record KdsCheck(@Nullable KdsStatus status, @Nullable String error) {
	}

	/** SPN collisions, or why they could not be looked up. */
	record SpnCheck(List<SpnConflict> conflicts, @Nullable String error) {

		/** Those that do not stop Next: the admin reads what the DC and Kerberos clients would do. */
		List<SpnConflict> warnings() {
			return this.conflicts.stream().filter(c -> !c.blocking()).toList();
		}

	}

	/** A computer search as typed, its answer, or why there is none. */
	record ComputerSearch(String text, @Nullable Computers result, @Nullable String error) {
	}

	/** The cluster preflight, or why it could not run. */
	record Preflight(@Nullable PreflightReport report, @Nullable String error) {
	}

	private DirectoryCheck directoryStatus(String connection) {
		try {
			return new DirectoryCheck(this.live.directoryStatus(connection), null);
		}
		catch (DirectoryException | InvalidRequestException ex) {
			return new DirectoryCheck(null, message(ex));
		}
	}

	/**
	 * The chosen directory connection's status, or the only one's before a choice. Only configured connections
	 * are contacted. No script switches it as the choice changes: a reload on every arrow key in a radio group
	 * would fight the keyboard; the page's Check status button asks again.
	 */
	Optional<DirectoryCheck> directoryStatus(ConnectionsStep chosen) {
		String name = chosen.getDirectoryConnection();
		List<String> configured = this.live.directoryConnections().stream().map(c -> c.name()).toList();
		if ((name == null || name.isBlank()) && configured.size() == 1) {
			name = configured.get(0);
		}
		if (name == null || !configured.contains(name)) {
			return Optional.empty();
		}
		String connection = name;
		StatusCache.Timed<DirectoryCheck> cached = this.statuses.get("directory:" + connection,
				() -> directoryStatus(connection));
		DirectoryCheck check = cached.value();
		return Optional.of(new DirectoryCheck(check.status(), check.error(), cached.readAt()));
	}

	/** Forgets the chosen connections' status, so that the page reads it again (its Check status button). */
	void forgetStatus(ConnectionsStep chosen) {
		this.statuses.forget("directory:" + chosen.getDirectoryConnection());
		this.statuses.forget("cluster:" + chosen.getClusterConnection());
	}

	/**
	 * The KDS root keys of the chosen directory connection's forest, for the forest step; none before a configured
	 * connection is chosen.
	 */
	Optional<KdsCheck> kdsStatus(WizardState wizard) {
		String name = wizard.getConnections().getDirectoryConnection();
		if (name == null || this.live.directoryConnections().stream().noneMatch(c -> c.name().equals(name))) {
			return Optional.empty();
		}
		try {
			return Optional.of(new KdsCheck(this.live.kdsStatus(name), null));
		}
		catch (DirectoryException | InvalidRequestException ex) {
			return Optional.of(new KdsCheck(null, message(ex)));
		}
	}

	/** The chosen cluster connection's reachability and version, and when it was read; none for export only. */
	Optional<StatusCache.Timed<PreflightCheck>> clusterStatus(ConnectionsStep chosen) {
		String name = chosen.getClusterConnection();
		boolean configured = this.live.clusterConnections().stream().anyMatch(c -> c.name().equals(name));
		return (!chosen.exportOnly() && configured)
				? Optional.of(this.statuses.get("cluster:" + name, () -> this.live.clusterStatus(String.valueOf(name))))
				: Optional.empty();
	}

	/**
	 * Collisions of the SPNs the run registers: those typed and the two it adds itself ({@link GmsaSpns}); the
	 * message for a default SPN says it is added automatically and names the holder.
	 */
	SpnCheck spnConflicts(String connection, @Nullable String gmsaName, @Nullable String dnsHostName,
			List<String> typed) {
		GmsaSpns spns = GmsaSpns.of(gmsaName, dnsHostName, typed);
		if (spns.all().isEmpty()) {
			return new SpnCheck(List.of(), null);
		}
		try {
			return new SpnCheck(this.live.spnConflicts(connection, gmsaName, spns.all()).stream()
				.map(c -> explained(spns, c))
				.toList(), null);
		}
		catch (DirectoryException | InvalidRequestException ex) {
			return new SpnCheck(List.of(), message(ex));
		}
	}

	private SpnConflict explained(GmsaSpns spns, SpnConflict conflict) {
		String field = spns.defaultField(conflict.spn());
		if (field == null) {
			return conflict;
		}
		return new SpnConflict(conflict.spn(), conflict.holder(), this.messages.getMessage("wizard.spns.default." + field,
				new Object[] { conflict.spn(), conflict.holder() }, LocaleContextHolder.getLocale()), conflict.blocking());
	}

	ComputerSearch searchComputers(String connection, String text) {
		try {
			return new ComputerSearch(text, this.live.findComputers(connection, text), null);
		}
		catch (DirectoryException | InvalidRequestException ex) {
			return new ComputerSearch(text, null, message(ex));
		}
	}

	/**
	 * Why a typed computer account cannot join the group (the plan would report it as drift: absent, or the name
	 * of a gMSA, MSA, trust account or user), or {@code null} when all are computers or the directory could not
	 * say: the plan checks again before anything runs.
	 */
	private @Nullable String missingComputer(String connection, String group, List<String> members) {
		try {
			return this.live.membershipDrift(connection, group, members).orElse(null);
		}
		catch (DirectoryException | InvalidRequestException ex) {
			return null;
		}
	}

	/**
	 * The identity page's rules that need the directory, run on Next once the page is otherwise valid: an SPN
	 * the DC would refuse is an error naming the holder, on the SPN field, or on the gMSA name or DNS host name
	 * field for the default SPN it gives; a computer account that does not exist, or a name that belongs to an
	 * account that is not a computer, is one on the members field. An SPN whose HOST alias another computer
	 * holds is only a warning: the DC may accept it, and the plan says so again.
	 * @return the SPN check: its warnings, and why the SPNs could not be checked; an unreachable directory does
	 * not block Next
	 */
	SpnCheck identityRules(WizardState wizard, Errors errors) {
		String connection = String.valueOf(wizard.getConnections().getDirectoryConnection());
		IdentityStep identity = wizard.getIdentity();
		GmsaSpns registered = GmsaSpns.of(identity.getGmsaName(), identity.getDnsHostName(),
				WizardRequests.lines(identity.getSpns()));
		SpnCheck spns = spnConflicts(connection, identity.getGmsaName(), identity.getDnsHostName(),
				WizardRequests.lines(identity.getSpns()));
		// A default SPN's collision is an error on the field it comes from: that is what the admin can change.
		spns.conflicts().stream().filter(SpnConflict::blocking).forEach(c -> errors.rejectValue(
				Objects.requireNonNullElse(registered.defaultField(c.spn()), "spns"), "wizard.spns.conflict",
				c.message()));
		List<String> members = WizardRequests.lines(identity.getComputerAccounts());
		if (identity.getHostMode() == IdentityStep.HostMode.DOMAIN_JOINED && !members.isEmpty()) {
			String missing = missingComputer(connection, String.valueOf(identity.getGroupName()), members);
			if (missing != null) {
				errors.rejectValue("computerAccounts", "wizard.computerAccounts.missing", missing);
			}
		}
		return spns;
	}

	/** The preflight once the cluster page holds a namespace, service account and resource name; none for export. */
	Optional<Preflight> preflightIfFilledIn(WizardState wizard) {
		ClusterStep step = wizard.getCluster();
		boolean filledIn = Stream.of(step.getNamespace(), step.getServiceAccount(), step.getCredSpecName())
			.allMatch(v -> v != null && !v.isBlank());
		return (!wizard.getConnections().exportOnly() && filledIn) ? Optional.of(preflight(wizard)) : Optional.empty();
	}

	/** The preflight for the wizard's cluster page as typed, against the chosen cluster connection. */
	Preflight preflight(WizardState wizard) {
		ClusterStep step = wizard.getCluster();
		try {
			return new Preflight(this.live.clusterPreflight(String.valueOf(wizard.getConnections().getClusterConnection()),
					String.valueOf(wizard.getConnections().getDirectoryConnection()), String.valueOf(step.getNamespace()),
					String.valueOf(step.getServiceAccount()), String.valueOf(step.getCredSpecName()),
					!WizardRequests.lines(step.getDnsForwardServers()).isEmpty()), null);
		}
		catch (ClusterOperationException ex) {
			return new Preflight(null, ex.getMessage());
		}
	}

	/**
	 * The identity page's OUs, checked against the directory on Next: an OU that does not exist, or is neither an
	 * OU nor a container, is an error on its field naming the DN. An unreachable directory does not block Next:
	 * the plan checks again before anything runs.
	 */
	void placementRules(WizardState wizard, Errors errors) {
		try {
			this.live.placement(WizardRequests.request(wizard, true));
		}
		catch (InvalidRequestException ex) {
			WizardRequests.FieldError where = WizardRequests.locate(ex, wizard);
			if (where.field() != null && where.field().startsWith("placement.")) {
				errors.rejectValue(where.field(), "wizard.ou.invalid", where.message());
			}
		}
		catch (DirectoryException ex) {
			// the plan asks again, and says why it cannot
		}
	}

	private static String message(RuntimeException ex) {
		if (ex instanceof InvalidRequestException invalid) {
			return invalid.field() + " " + invalid.rule();
		}
		return String.valueOf(ex.getMessage());
	}

}
