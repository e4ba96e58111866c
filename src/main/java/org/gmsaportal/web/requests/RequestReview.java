package org.gmsaportal.web.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gmsaportal.audit.AuditUnavailableException;
import org.gmsaportal.callbacks.CallbackAttemptRepository;
import org.gmsaportal.callbacks.CallbackPolicy;
import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.Decider;
import org.gmsaportal.provisioning.EquivalentCommands;
import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.PlanSummary;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.PortableDelivery;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * API-filed requests as ADMINs and AUDITORs review them in the browser: the list, one request with its plan,
 * run and callback log, and the ADMIN's approval or rejection, which go through the same request lifecycle as the
 * API's, attributed to the signed-in person.
 */
@Service
class RequestReview {

	/** Every status a request can have, for the list's filter. */
	static final List<String> STATUSES = RequestStatus.ALL.stream().map(Enum::name).toList();

	private static final int BATCH = 200;

	// bounds the work of a filtered list over a long history
	private static final int MAX_SCANNED = 5000;

	private final ProvisioningRequests requests;

	private final CallbackAttemptRepository callbacks;

	private final ApiClients clients;

	private final JsonMapper json;

	RequestReview(ProvisioningRequests requests, CallbackAttemptRepository callbacks, ApiClients clients,
			JsonMapper json) {
		this.requests = requests;
		this.callbacks = callbacks;
		this.clients = clients;
		this.json = json;
	}

	/** Up to {@code limit} requests, newest first, optionally in one status and of one ticket. */
	List<ReviewViews.Summary> list(@Nullable String status, @Nullable String ticketKey, int limit) {
		Map<String, String> names = this.clients.list().stream()
			.collect(Collectors.toMap(ApiClient::id, ApiClient::name));
		List<ReviewViews.Summary> found = new ArrayList<>();
		long cursor = 0;
		int scanned = 0;
		while (found.size() < limit && scanned < MAX_SCANNED) {
			List<FiledRequest> batch = this.requests.before(ticketKey, cursor, BATCH);
			for (FiledRequest row : batch) {
				cursor = row.seq();
				ReviewViews.Summary summary = summary(row, this.requests.status(row), names);
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

	Optional<ReviewViews.Detail> find(String id) {
		return this.requests.find(id).map(this::detail);
	}

	/** How a portable request's identity reaches its plug-in, from the stored request and its plan's domain. */
	Optional<PortableDelivery> delivery(String id) {
		return this.requests.find(id).flatMap((row) -> {
			ProvisioningRequest request = request(row);
			return (request != null) ? PortableDelivery.of(request, this.requests.plan(row).domain())
					: Optional.empty();
		});
	}

	/** Approves the plan the ADMIN saw, on behalf of {@code user}, and starts the run. */
	void approve(String id, String user, String planHash, @Nullable String reason) {
		decide(() -> this.requests.approve(Decider.person(user), row(id), planHash, reason));
	}

	/** Rejects the request on behalf of {@code user}, for the given reason. */
	void reject(String id, String user, String reason) {
		decide(() -> this.requests.reject(Decider.person(user), row(id), reason));
	}

	private void decide(Runnable decision) {
		try {
			decision.run();
		}
		catch (ProvisioningRefusedException ex) {
			throw new ReviewViews.Refused(String.valueOf(ex.getMessage()));
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

	private FiledRequest row(String id) {
		return this.requests.find(id).orElseThrow(() -> new ReviewViews.Refused("There is no request " + id + "."));
	}

	private ReviewViews.Detail detail(FiledRequest row) {
		RunView run = this.requests.run(row).orElse(null);
		RequestStatus status = RequestStatus.of(row.status(), run);
		Map<String, String> names = this.clients.find(row.clientId()).map(c -> Map.of(c.id(), c.name()))
			.orElse(Map.of());
		PlanSummary plan = this.requests.plan(row);
		ProvisioningRequest request = request(row);
		List<ReviewViews.PlanRow> rows = new ArrayList<>();
		for (PlanSummary.Step s : plan.steps()) {
			PlannedStep step = new PlannedStep(s.index(), StepKind.valueOf(s.kind()), s.target(),
					StepIntent.valueOf(s.intent()), s.description());
			rows.add(new ReviewViews.PlanRow(step,
					(request != null) ? EquivalentCommands.of(step, request, plan.domain()) : null));
		}
		List<ReviewViews.StepRow> steps = (run == null) ? List.of()
				: run.steps().stream().map(s -> new ReviewViews.StepRow(s.index(), s.kind().name(), s.target(),
						s.state().name(), s.result(), s.detail())).toList();
		List<ReviewViews.Delivery> deliveries = this.callbacks.attempts(row.id()).stream()
			.map(a -> new ReviewViews.Delivery(a.attemptedAt(), a.eventId(), a.status(), a.attempt(), a.httpStatus(),
					a.error(), a.deliveredAt() != null, a.nextAttemptAt(), a.gaveUp()))
			.toList();
		JsonNode filed = filing(row);
		String callbackUrl = text(filed, "callbackUrl");
		ReviewViews.Decision decision = (row.decision() != null) ? new ReviewViews.Decision(
				row.decision().verdict().name(), row.decision().by(), row.decision().at(), row.decision().reason())
				: null;
		return new ReviewViews.Detail(summary(row, status, names), ticket(filed),
				(request != null) ? asked(request, plan.domain()) : null,
				(callbackUrl != null) ? CallbackPolicy.origin(callbackUrl) : null, row.planHash(), plan.domain(),
				plan.runnable(), rows, steps, row.runId(), (run != null) ? run.failure() : null, decision,
				row.sourceRequestId(), deliveries);
	}

	private ReviewViews.Summary summary(FiledRequest row, RequestStatus status, Map<String, String> names) {
		String name = text(filing(row), "name");
		return new ReviewViews.Summary(row.id(), row.kind().name(), status.name(),
				names.getOrDefault(row.clientId(), row.clientId()), (name != null) ? name : "?", row.ticketKey(),
				row.createdAt());
	}

	private static @Nullable ProvisioningRequest request(FiledRequest row) {
		try {
			return row.request();
		}
		catch (RuntimeException ex) {
			// kept by an older version: the page still shows the rest
			return null;
		}
	}

	/** The filing body as its client sent it: the ticket, the name as given and the callback URL are read from it. */
	private @Nullable JsonNode filing(FiledRequest row) {
		try {
			return this.json.readTree(row.requestJson());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static ReviewViews.@Nullable Ticket ticket(@Nullable JsonNode filed) {
		JsonNode ticket = (filed != null) ? filed.get("ticket") : null;
		return (ticket != null && ticket.isObject())
				? new ReviewViews.Ticket(text(ticket, "system"), text(ticket, "key"), text(ticket, "url")) : null;
	}

	private static @Nullable String text(@Nullable JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

	private static ReviewViews.Asked asked(ProvisioningRequest request, String domain) {
		List<String> types = request.encryptionTypes().stream().map(Enum::name).sorted().toList();
		boolean portable = request.hosts() instanceof Hosts.Portable;
		List<String> members = (request.hosts() instanceof Hosts.DomainJoined joined) ? joined.computerAccounts()
				: List.of();
		String user = (request.hosts() instanceof Hosts.Portable p) ? p.userName() : null;
		String plugin = (request.hosts() instanceof Hosts.Portable p)
				? KnownPlugin.byGuid(p.pluginGuid()).map(KnownPlugin::displayName).orElse(p.pluginGuid()) + " ("
						+ p.pluginInput() + ")"
				: null;
		Target target = request.target();
		String cluster = (target instanceof Target.Cluster c) ? c.connection() : null;
		// the API's default, shown as such: <name>.<domain>
		String dnsHostName = request.dnsHostName().equalsIgnoreCase(request.gmsaName() + "." + domain) ? null
				: request.dnsHostName();
		return new ReviewViews.Asked(request.directoryConnection(), request.gmsaName(), dnsHostName, request.spns(),
				types, request.groupName(), portable ? "portable" : "domainJoined", members, user, plugin, cluster,
				target.namespace(), target.serviceAccount(), target.credSpecName());
	}

}
