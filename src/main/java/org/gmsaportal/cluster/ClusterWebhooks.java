package org.gmsaportal.cluster;

import java.time.Clock;

import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The gMSA CRD and admission webhook of a cluster: what is missing, installing it, and removing the portal's own.
 */
@Service
class ClusterWebhooks {

	private final ClusterClients clients;

	private final WebhookInstaller installer;

	private final WebhookRemoval removal;

	ClusterWebhooks(ClusterClients clients, AuditTrail auditTrail, WebhookSettings settings) {
		ClusterAudit audit = new ClusterAudit(auditTrail);
		this.clients = clients;
		this.installer = new WebhookInstaller(audit, settings, Clock.systemUTC());
		this.removal = new WebhookRemoval(audit, settings);
	}

	WebhookPlan plan(String connection, Platform platform) {
		return this.installer.inspect(this.clients.forConnection(connection), platform);
	}

	ApplyResult install(String connection, Platform platform, String runId, @Nullable String ticket) {
		return this.installer.install(this.clients.forConnection(connection), connection, platform, runId, ticket);
	}

	DecommissionReport remove(String connection, String runId) {
		return this.removal.remove(this.clients.forConnection(connection), connection, runId);
	}

}
