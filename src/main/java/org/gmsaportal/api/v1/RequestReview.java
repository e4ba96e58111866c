package org.gmsaportal.api.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.api.PendingApiRequests;
import org.gmsaportal.audit.AuditUnavailableException;
import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.EquivalentCommands;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.Target;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * API-filed requests as ADMINs and AUDITORs review them in the browser: the list, one request with its plan,
 * run and callback log, and the ADMIN's approval or rejection, which go through the same
 * {@link RequestDecisions} as the API's, attributed to the signed-in person.
 */
@Service
public class RequestReview {

	/** Every status a request can have, for the list's filter. */
	public static final List<String> STATUSES = RequestViewer.STATUSES;

	private static final int BATCH = 200;

	// bounds the work of a filtered list over a long history
	private static final int MAX_SCANNED = 5000;

	private final ApiRequestStore store;

	private final RequestViewer viewer;

	private final RequestPlans plans;

	private final RequestDecisions decisions;

	private final CallbackLog callbacks;

	private final ApiClients clients;

	private final JsonMapper json;

	RequestReview(ApiRequestStore store, RequestViewer viewer, RequestPlans plans, RequestDecisions decisions,
			CallbackLog callbacks, ApiClients clients, JsonMapper json) {
		this.store = store;
		this.viewer = viewer;
		this.plans = plans;
		this.decisions = decisions;
		this.callbacks = callbacks;
		this.clients = clients;
		this.json = json;
	}

	/** Up to {@code limit} requests, newest first, optionally in one status and of one ticket. */
	public List<ReviewViews.Summary> list(@Nullable String status, @Nullable String ticketKey, int limit) {
		Map<String, String> names = this.clients.list().stream()
			.collect(Collectors.toMap(ApiClient::id, ApiClient::name));
		List<ReviewViews.Summary> found = new ArrayList<>();
		long cursor = 0;
		int scanned = 0;
		while (found.size() < limit && scanned < MAX_SCANNED) {
			List<StoredRequest> batch = this.store.before(ticketKey, cursor, BATCH);
			for (StoredRequest row : batch) {
				cursor = row.seq();
				ReviewViews.Summary summary = summary(row, this.viewer.status(row), names);
				if ((status == null || status.equals(summary.status())) && found.size() < limit) {
					found.add(summary);
				}
			}
			scanned += batch.size();
			if (batch.size() < BATCH) {
				break;
			}
		}
		return found;
	}

	/** How many requests wait for an ADMIN's decision, and since when the oldest of them waits. */
	public PendingApiRequests.Summary pending() {
		return this.store.pending();
	}

	public Optional<ReviewViews.Detail> find(String id) {
		return this.store.find(id).map(this::detail);
	}

	/** Approves the plan the ADMIN saw, on behalf of {@code user}, and starts the run. */
	public void approve(String id, String user, String planHash, @Nullable String reason) {
		decide(() -> this.decisions.approve(Decider.person(user), row(id), planHash, reason));
	}

	/** Rejects the request on behalf of {@code user}, for the given reason. */
	public void reject(String id, String user, String reason) {
		decide(() -> this.decisions.reject(Decider.person(user), row(id), reason));
	}

	private void decide(Runnable decision) {
		try {
			decision.run();
		}
		catch (RequestProblem ex) {
			throw new ReviewViews.Refused(String.valueOf(ex.getMessage()));
		}
		catch (ApiInputException ex) {
			throw new ReviewViews.Refused("The request is no longer valid (" + ex.field() + ": " + ex.rule()
					+ "): reject it, and ask for a corrected one.");
		}
		catch (InvalidRequestException ex) {
			throw new ReviewViews.Refused("The request is no longer valid (" + ex.field() + ": " + ex.rule()
					+ "): reject it, and ask for a corrected one.");
		}
		catch (DirectoryException | ClusterOperationException ex) {
			// their messages say what to do and hold no secret; nothing was started
			throw new ReviewViews.Refused(String.valueOf(ex.getMessage()));
		}
		catch (AuditUnavailableException | DataAccessException ex) {
			// their messages may quote what was being written: never shown
			throw new ReviewViews.Refused("The decision was not carried out, because it could not be recorded: the "
					+ "audit trail or the database is not available. Try again once it is.");
		}
	}

	private StoredRequest row(String id) {
		return this.store.find(id).orElseThrow(() -> new ReviewViews.Refused("There is no request " + id + "."));
	}

	private ReviewViews.Detail detail(StoredRequest row) {
		RequestViews.RequestView view = this.viewer.view(row);
		Map<String, String> names = this.clients.find(row.clientId()).map(c -> Map.of(c.id(), c.name()))
			.orElse(Map.of());
		Filing filing = filing(row);
		ProvisioningRequest request = null;
		if (filing != null) {
			try {
				request = filing.toRequest(view.plan().domain());
			}
			catch (RuntimeException ex) {
				// a filing the rules no longer accept: shown without commands, and approval will say why
			}
		}
		List<ReviewViews.PlanRow> plan = new ArrayList<>();
		for (RequestViews.PlannedStepView s : view.plan().steps()) {
			PlannedStep step = new PlannedStep(s.index(), StepKind.valueOf(s.kind()), s.target(),
					StepIntent.valueOf(s.intent()), s.description());
			plan.add(new ReviewViews.PlanRow(step,
					(request != null) ? EquivalentCommands.of(step, request, view.plan().domain()) : null));
		}
		List<ReviewViews.StepRow> steps = (view.runId() == null) ? List.of()
				: view.steps().stream().map(s -> new ReviewViews.StepRow(s.index(), s.kind(), s.target(), s.state(),
						s.result(), s.detail())).toList();
		List<ReviewViews.Delivery> deliveries = this.callbacks.attempts(row.id()).stream()
			.map(a -> new ReviewViews.Delivery(a.attemptedAt(), a.eventId(), a.status(), a.attempt(), a.httpStatus(),
					a.error(), a.deliveredAt() != null, a.nextAttemptAt(), a.gaveUp()))
			.toList();
		return new ReviewViews.Detail(summary(row, view.status(), names), ticket(filing),
				(filing != null) ? asked(filing) : null,
				(filing != null && filing.callbackUrl() != null) ? CallbackSender.origin(filing.callbackUrl()) : null,
				view.planHash(), view.plan().domain(), view.plan().runnable(), plan, steps, view.runId(),
				view.failure(), row.decision(), row.sourceRequestId(), deliveries);
	}

	private ReviewViews.Summary summary(StoredRequest row, String status, Map<String, String> names) {
		Filing filing = filing(row);
		return new ReviewViews.Summary(row.id(), row.kind(), status, names.getOrDefault(row.clientId(), row.clientId()),
				(filing != null) ? filing.name() : "?", row.ticketKey(), row.createdAt());
	}

	private @Nullable Filing filing(StoredRequest row) {
		try {
			return FilingReader.read(this.json.readTree(row.requestJson()));
		}
		catch (RuntimeException ex) {
			// stored by an older version, or rules tightened since: the page still shows the rest
			return null;
		}
	}

	private static ReviewViews.@Nullable Ticket ticket(@Nullable Filing filing) {
		return (filing != null && filing.ticket() != null)
				? new ReviewViews.Ticket(filing.ticket().system(), filing.ticket().key(), filing.ticket().url()) : null;
	}

	private static ReviewViews.Asked asked(Filing filing) {
		List<String> types = filing.encryptionTypes().stream().map(Enum::name).sorted().toList();
		boolean portable = filing.hosts() instanceof Hosts.Portable;
		List<String> members = (filing.hosts() instanceof Hosts.DomainJoined joined) ? joined.computerAccounts()
				: List.of();
		String user = (filing.hosts() instanceof Hosts.Portable p) ? p.userName() : null;
		String plugin = (filing.hosts() instanceof Hosts.Portable p)
				? KnownPlugin.byGuid(p.pluginGuid()).map(KnownPlugin::displayName).orElse(p.pluginGuid()) + " ("
						+ p.pluginInput() + ")"
				: null;
		Target target = filing.target();
		String cluster = (target instanceof Target.Cluster c) ? c.connection() : null;
		return new ReviewViews.Asked(filing.directory(), filing.name(), filing.dnsHostName(), filing.spns(), types,
				filing.group(), portable ? "portable" : "domainJoined", members, user, plugin, cluster,
				target.namespace(), target.serviceAccount(), target.credSpecName());
	}

}
