package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditTrail;

/**
 * An audit trail that keeps events in memory, so tests can check what was recorded (and what was not).
 */
class DirectoryAuditRecorder implements AuditTrail {

	final List<AuditEvent> events = new ArrayList<>();

	@Override
	public void record(AuditEvent event) {
		this.events.add(event);
	}

	List<String> actions() {
		return this.events.stream().map(AuditEvent::action).toList();
	}

	/** Everything recorded, as text, for scanning for secrets. */
	String dump() {
		return this.events.toString();
	}

}
