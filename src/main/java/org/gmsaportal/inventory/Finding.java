package org.gmsaportal.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A risky setting, with why it is risky and how to fix it.
 *
 * @param severity how urgent
 * @param code a stable identifier of the rule (e.g. {@code broad-retrievers}, {@code rc4-enabled})
 * @param subject what it is about (e.g. {@code gmsa:corp.example.com/web01$}, {@code credspec:aks1/webapp1})
 * @param reason why it is risky, in a sentence naming the value found
 * @param fix what to do, with the command where there is one
 * @param firstSeen the first snapshot that had it; {@code null} until a snapshot keeps it
 */
public record Finding(Severity severity, String code, String subject, String reason, String fix,
		@Nullable Instant firstSeen) {

	/** The identity of a finding across snapshots: the same rule on the same subject. */
	public String key() {
		return this.code + " " + this.subject;
	}

	public Finding firstSeen(Instant when) {
		return new Finding(this.severity, this.code, this.subject, this.reason, this.fix, when);
	}

}
