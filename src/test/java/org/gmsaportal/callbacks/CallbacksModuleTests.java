package org.gmsaportal.callbacks;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RequestChanged;
import org.gmsaportal.provisioning.RunChanged;
import org.gmsaportal.security.ApiClients;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The callbacks module on its own: only its beans start, the modules it uses are mocks (this test is about what it
 * does with their events, not about them). It proves the module needs nothing else to start and that the run and
 * request events reach the poller's bookkeeping in the database.
 */
@ApplicationModuleTest
class CallbacksModuleTests {

	@MockitoBean
	ProvisioningRequests requests;

	@MockitoBean
	ApiClients clients;

	@MockitoBean
	AuditTrail audit;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CallbackClaimRepository claims;

	@Test
	void aRequestEventPutsAQuietRequestBackOnThePoll() {
		String id = quietRequest(null);
		assertThat(this.claims.watched(false)).doesNotContain(id);

		this.events.publishEvent(new RequestChanged(id));

		assertThat(this.claims.watched(false)).contains(id);
	}

	@Test
	void aRunEventWakesTheRequestThatRunBelongsTo() {
		String runId = UUID.randomUUID().toString();
		String id = quietRequest(runId);
		String other = quietRequest(null);

		this.events.publishEvent(new RunChanged(runId));

		assertThat(this.claims.watched(false)).contains(id).doesNotContain(other);
	}

	@Test
	void aRequestWithoutACallbackUrlIsNeverWoken() {
		String id = quietRequest(null);
		this.jdbc.sql("UPDATE api_request SET callback_watch = 'NONE' WHERE id = ?").param(id).update();

		this.events.publishEvent(new RequestChanged(id));

		assertThat(this.claims.watched(true)).doesNotContain(id);
	}

	/** A filed request the poller put to QUIET, as the filing and the poller leave it in the database. */
	private String quietRequest(@Nullable String runId) {
		String client = UUID.randomUUID().toString();
		OffsetDateTime now = OffsetDateTime.now();
		this.jdbc.sql("INSERT INTO api_client (id, name, token_hash, scopes, callback_hosts, signing_secret_enc, "
				+ "created_at, created_by) VALUES (?, ?, ?, 'requests:write', '', 'x', ?, 'test')")
			.params(client, "c-" + client.substring(0, 8), UUID.randomUUID().toString().replace("-", "") + "0".repeat(32),
					now)
			.update();
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("INSERT INTO api_request (id, client_id, body_sha256, kind, status, plan_hash, plan_json, "
				+ "request_json, run_id, created_at, updated_at, callback_watch) "
				+ "VALUES (?, ?, ?, 'PROVISION', 'PENDING_APPROVAL', ?, '{}', '{\"callbackUrl\":\"https://x\"}', ?, ?, ?, "
				+ "'QUIET')")
			.params(id, client, "0".repeat(64), "0".repeat(64), runId, now, now)
			.update();
		return id;
	}

}
