package org.gmsaportal.web.clients;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The auto-approve toggle records a change only when one happened: a revocation that commits while the toggle
 * runs leaves no event behind, and the ADMIN is told the client is revoked; a missing or garbled {@code enabled}
 * gets a message naming it instead of an error page.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AutoApproveToggleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aRevocationCommittedMeanwhileLeavesNoAutoApproveEvent() throws Exception {
		ApiClient client = this.clients.create("race-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of()).client();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch locked = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			// a revocation holding the row lock, uncommitted: the toggle still reads the client as active
			Future<?> revocation = pool.submit(() -> this.transactions.executeWithoutResult(tx -> {
				this.jdbc.sql("UPDATE api_client SET revoked_at = ?, revoked_by = 'racing-admin' WHERE id = ?")
					.params(OffsetDateTime.now(ZoneOffset.UTC), client.id()).update();
				locked.countDown();
				try {
					release.await(120, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(locked.await(120, TimeUnit.SECONDS)).isTrue();
			AtomicReference<Thread> toggler = new AtomicReference<>();
			Future<ApiClients.AutoApproveChange> toggle = pool.submit(() -> {
				toggler.set(Thread.currentThread());
				return this.clients.setAutoApprove(client.id(), true);
			});
			awaitBlocked(toggler);
			release.countDown();
			revocation.get(120, TimeUnit.SECONDS);
			assertThat(toggle.get(120, TimeUnit.SECONDS)).isEqualTo(ApiClients.AutoApproveChange.NOT_ACTIVE);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.clients.find(client.id()).orElseThrow().autoApprove()).isFalse();
		assertThat(events(client.name())).as("nothing changed, nothing audited").isZero();
	}

	@Test
	void theAdminIsToldWhenTheClientIsRevoked() throws Exception {
		ApiClient client = this.clients.create("gone-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of()).client();
		this.clients.revoke(client.id());
		MvcResult result = this.mvc.perform(post("/api-clients/" + client.id() + "/auto-approve")
			.param("enabled", "true").with(admin()).with(csrf())).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/api-clients");
		assertThat((String) result.getFlashMap().get("flash")).contains(client.name(), "revoked");
		assertThat(events(client.name())).isZero();
	}

	@Test
	void aMissingOrGarbledEnabledIsNamedAndChangesNothing() throws Exception {
		ApiClient client = this.clients.create("garbled-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of()).client();
		for (String value : new String[] { null, "", "yes please", "TRUE1" }) {
			var request = post("/api-clients/" + client.id() + "/auto-approve").with(admin()).with(csrf());
			if (value != null) {
				request.param("enabled", value);
			}
			MvcResult result = this.mvc.perform(request).andReturn();
			assertThat(result.getResponse().getStatus()).as(String.valueOf(value)).isEqualTo(302);
			assertThat((String) result.getFlashMap().get("flash")).as(String.valueOf(value))
				.contains("enabled", "true or false");
		}
		assertThat(this.clients.find(client.id()).orElseThrow().autoApprove()).isFalse();
		assertThat(events(client.name())).isZero();
	}

	private long events(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'api.client.auto-approve' AND target = ?")
			.param(name).query(Long.class).single();
	}

	private static RequestPostProcessor admin() {
		return user("toggle-admin").roles("ADMIN");
	}

	/** Waits until the toggle waits for the row lock the revocation holds. */
	private static void awaitBlocked(AtomicReference<Thread> toggler) {
		// On a loaded machine the toggle may take long to reach the lock.
		Waiting.until("the toggle to wait for the revocation's lock", toggler::get,
				(thread) -> thread != null && (thread.getState() == Thread.State.WAITING
						|| thread.getState() == Thread.State.TIMED_WAITING));
	}

}
