package org.gmsaportal.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One thing that happened, as a caller describes it; the trail adds sequence, time and hashes.
 *
 * @param action dotted action name, e.g. {@code auth.login} or {@code directory.gmsa.create}
 * @param target what was acted on (a DN, a resource name), or empty
 * @param outcome how it ended
 * @param details structured facts; values under secret-looking keys are redacted on write
 * @param actor who acted; {@code null} means the signed-in user of the current request, else system
 * @param correlationId run or request id tying related events together, if any
 * @param ticketRef the ticket that asked for the change, if any
 */
public record AuditEvent(String action, String target, AuditOutcome outcome, Map<String, ?> details,
		@Nullable Actor actor, @Nullable String correlationId, @Nullable String ticketRef) {

	public AuditEvent {
		details = new LinkedHashMap<>(details);
	}

	public static AuditEvent of(String action, String target, AuditOutcome outcome) {
		return new AuditEvent(action, target, outcome, Map.of(), null, null, null);
	}

	public AuditEvent withDetails(Map<String, ?> details) {
		return new AuditEvent(this.action, this.target, this.outcome, details, this.actor, this.correlationId,
				this.ticketRef);
	}

	public AuditEvent withActor(Actor actor) {
		return new AuditEvent(this.action, this.target, this.outcome, this.details, actor, this.correlationId,
				this.ticketRef);
	}

	public AuditEvent withCorrelation(@Nullable String correlationId, @Nullable String ticketRef) {
		return new AuditEvent(this.action, this.target, this.outcome, this.details, this.actor, correlationId,
				ticketRef);
	}

}
