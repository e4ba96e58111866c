package org.gmsaportal.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditTrail;

/**
 * Keeps audit events in memory: a stand-in for the audit module's boundary, not for Kubernetes.
 */
class ClusterAuditRecorder implements AuditTrail {

	final List<AuditEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void record(AuditEvent event) {
		this.events.add(event);
	}

}
