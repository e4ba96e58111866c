package org.gmsaportal.web.overview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gmsaportal.inventory.SnapshotSummary;
import org.gmsaportal.inventory.WebhookExpiry;
import org.gmsaportal.provisioning.PendingRequests;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.web.wizard.ConnectionHealth;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;

/**
 * Turns what the overview read into the list of things needing attention, worst first: stopped runs, connections
 * that do not answer, requests waiting for a decision, then what the newest inventory snapshot found (webhook
 * certificates expiring, drift, findings, parts not read). Links go to
 * pages the viewer may open: an auditor is sent to read-only pages, never to the wizard.
 */
final class AttentionItems {

	/** Where each cluster's webhook certificates are listed; auditors may open it too. */
	static final String WEBHOOK_CERTIFICATES = "/inventory/credential-specs#webhook-certificates";

	private final MessageSource messages;

	private final Locale locale;

	private final boolean admin;

	private final List<Attention> items = new ArrayList<>();

	AttentionItems(MessageSource messages, Locale locale, boolean admin) {
		this.messages = messages;
		this.locale = locale;
		this.admin = admin;
	}

	/** The stopped runs shown, and a line for those beyond them (counted by state in the runs table). */
	AttentionItems runs(List<RunView> stopped, Map<RunState, Long> counts) {
		for (RunView run : stopped) {
			String why = (run.failure() != null) ? run.failure() : text("overview.attention.run.noReason");
			add("run", (run.state() == RunState.FAILED) ? "danger" : "warn",
					text("overview.attention.run", run.kind(), run.gmsaName() + "@" + run.domain(), run.state(), why),
					run.updatedAt(), "/runs/" + run.id(),
					text(this.admin ? "overview.attention.run.act" : "overview.attention.run.open"));
		}
		long total = 0;
		for (RunState state : RunState.values()) {
			if (state.resumable()) {
				total += counts.getOrDefault(state, 0L);
			}
		}
		if (total > stopped.size()) {
			add("runs-more", "warn", text("overview.attention.runsMore", total - stopped.size()), null, "/dashboards",
					text("overview.attention.runsMore.open"));
		}
		return this;
	}

	/** Each connection that did not answer when last checked, or that its configuration makes unusable. */
	AttentionItems connections(List<ConnectionHealth.Health> health) {
		for (ConnectionHealth.Health connection : health) {
			if (connection.down()) {
				add("connection", "danger", text("overview.attention.connection." + connection.kind(),
						connection.name(), connection.detail()), connection.checkedAt(),
						this.admin ? "/wizard/connections" : "/connections",
						text(this.admin ? "overview.attention.connection.check" : "overview.attention.connection.open"));
			}
		}
		return this;
	}

	/** The filed requests waiting for approval. */
	AttentionItems pending(PendingRequests pending) {
		if (pending.count() > 0) {
			add("requests", "warn", text("overview.attention.requests", pending.count()), pending.oldestFiledAt(),
					PendingRequests.LIST_PATH,
					text(this.admin ? "overview.attention.requests.act" : "overview.attention.requests.open"));
		}
		return this;
	}

	/** Drift and findings of the newest snapshot, and whether it could read everything. */
	AttentionItems inventory(@Nullable SnapshotSummary snapshot) {
		if (snapshot == null) {
			return this;
		}
		String findings = "/inventory/findings";
		if (snapshot.drift() > 0) {
			add("drift", "danger", text("overview.attention.drift", snapshot.drift(), snapshot.id()),
					snapshot.takenAt(), findings, text("overview.attention.drift.open"));
		}
		if (snapshot.findings() > 0) {
			add("findings", "warn", text("overview.attention.findings", snapshot.findings(), snapshot.id()),
					snapshot.takenAt(), findings, text("overview.attention.findings.open"));
		}
		if (!snapshot.complete()) {
			add("snapshot-incomplete", "warn", text("overview.attention.incomplete", snapshot.id()),
					snapshot.takenAt(), "/inventory", text("overview.attention.incomplete.open"));
		}
		return this;
	}

	/**
	 * Each cluster whose gMSA webhook certificate expired or expires soon, once, by its soonest certificate: the
	 * webhook fails closed, so an expired certificate stops every pod in the namespaces it watches.
	 */
	AttentionItems webhookCertificates(List<WebhookExpiry> due) {
		Map<String, WebhookExpiry> soonest = new LinkedHashMap<>();
		due.forEach((expiry) -> soonest.putIfAbsent(expiry.connection(), expiry));
		for (WebhookExpiry expiry : soonest.values()) {
			boolean expired = expiry.status() == WebhookExpiry.Status.EXPIRED;
			String text = expired
					? text("overview.attention.webhook.expired", expiry.connection(), expiry.certificate().source())
					: text("overview.attention.webhook.expiring", expiry.connection(), expiry.certificate().source(),
							expiry.daysLeft());
			add("webhook-certificate", expired ? "danger" : "warn", text, expiry.certificate().notAfter(),
					WEBHOOK_CERTIFICATES, text("overview.attention.webhook.open"));
		}
		return this;
	}

	List<Attention> list() {
		return List.copyOf(this.items);
	}

	private void add(String kind, String tone, String text, @Nullable Instant at, String link,
			String action) {
		this.items.add(new Attention(kind, tone, text, at, link, action));
	}

	private String text(String key, Object... args) {
		return this.messages.getMessage(key, args, this.locale);
	}

}
