package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A run as stored: for the wizard's progress page, the runs list and the API.
 *
 * @param id run id, also the correlation id of its audit events
 * @param kind provision or decommission
 * @param state where it stands
 * @param domain the domain's DNS name
 * @param gmsaName the gMSA name
 * @param planHash the approved plan's hash
 * @param approvedBy who approved it
 * @param approvalReason why, as the approver wrote it, if they did
 * @param ticketRef the ticket, if any
 * @param decommissions for a decommission run, the run it removes
 * @param failure why it failed, if it did
 * @param createdAt when it started
 * @param updatedAt when its state last changed (for a finished run, when it finished)
 * @param steps its steps in order
 */
public record RunView(String id, RunKind kind, RunState state, String domain, String gmsaName, String planHash,
		String approvedBy, @Nullable String approvalReason, @Nullable String ticketRef, @Nullable String decommissions, @Nullable String failure,
		Instant createdAt, Instant updatedAt, List<StepView> steps) {

	public RunView {
		steps = List.copyOf(steps);
	}

	RunView withSteps(List<StepView> steps) {
		return new RunView(this.id, this.kind, this.state, this.domain, this.gmsaName, this.planHash, this.approvedBy,
				this.approvalReason, this.ticketRef, this.decommissions, this.failure, this.createdAt, this.updatedAt, steps);
	}

	/**
	 * One step as stored.
	 *
	 * @param index position from 0
	 * @param kind what sort of step
	 * @param target what it acts on
	 * @param intent what the plan said it would do
	 * @param description the plan's words
	 * @param state where it stands
	 * @param result what the ensure reported ({@code CREATED}, {@code ALREADY_AS_REQUESTED}, ...), if finished
	 * @param detail what happened, or why it failed
	 * @param artifact what it produced (credential spec JSON, YAML bundle, cluster objects), if anything
	 * @param attempts how often it was started
	 * @param budget what its last attempt cost in LDAP and time, once it finished; {@code null} before
	 */
	public record StepView(int index, StepKind kind, String target, StepIntent intent, String description,
			StepState state, @Nullable String result, @Nullable String detail, @Nullable String artifact,
			int attempts, @Nullable Budget budget) {

		public StepView(int index, StepKind kind, String target, StepIntent intent, String description,
				StepState state, @Nullable String result, @Nullable String detail, @Nullable String artifact,
				int attempts) {
			this(index, kind, target, intent, description, state, result, detail, artifact, attempts, null);
		}

	}

	/**
	 * What a step's last attempt cost: the LDAP operations it sent and how long it took.
	 *
	 * @param ldapReads searches and reads
	 * @param ldapWrites adds, modifies and deletes
	 * @param ldapBinds sessions opened (TLS handshake and bind each): the run's one session, the proof's bind
	 * @param ldapMillis time spent waiting for the DC
	 * @param millis the step's whole time
	 */
	public record Budget(int ldapReads, int ldapWrites, int ldapBinds, long ldapMillis, long millis) {

		/** Every LDAP operation the step sent. */
		public int ldapCalls() {
			return this.ldapReads + this.ldapWrites + this.ldapBinds;
		}

	}

}
