package org.gmsaportal.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditTrail;

/**
 * An audit trail that keeps events in memory, so tests can check what was recorded (and what was not): a stand-in
 * for the audit module's boundary in the directory and cluster tests. Safe to record into from several threads.
 */
public class AuditRecorder implements AuditTrail {

	/** Everything recorded, in order. */
	public final List<AuditEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void record(AuditEvent event) {
		this.events.add(event);
	}

	/** The recorded events' actions, in order. */
	public List<String> actions() {
		return this.events.stream().map(AuditEvent::action).toList();
	}

	/** Everything recorded, as text, for scanning for secrets. */
	public String dump() {
		return this.events.toString();
	}

}
