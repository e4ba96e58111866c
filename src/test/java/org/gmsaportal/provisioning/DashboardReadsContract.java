package org.gmsaportal.provisioning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards' reads in SQL give the answers the in-memory reads gave: the provisioned gMSAs a page at a time equal
 * {@link RunOverview#inventory()} (every entry, in its order), and the rotation statuses read in one query equal each
 * run's own status. Runs made through the engine carry V34's keys from the start; the rows written here by SQL stand
 * for runs stored before V34 (no keys), with the cases the engine no longer makes: a name provisioned again to
 * another destination, twice to the same one, a run that found its gMSA already there.
 */
abstract class DashboardReadsContract extends ProvisioningEngineContract {

	@Autowired
	RunOverview overview;

	@Autowired
	PortableRotations rotations;

	@Test
	void everyPageOfTheProvisionedListInSqlEqualsTheListComputedInMemory() {
		String viaEngine = startApproved(Requests.portable(Requests.freshName()));
		awaitState(viaEngine, RunState.SUCCEEDED);
		String joined = startApproved(Requests.domainJoined(Requests.freshName()));
		awaitState(joined, RunState.SUCCEEDED);
		Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(10, ChronoUnit.DAYS);
		String upper = "Z" + Requests.freshName().substring(1);
		String lower = "a" + Requests.freshName().substring(1);
		ProvisioningRequest twice = Requests.domainJoined(upper);
		legacy(twice, "CONTOSO.com", t, "CREATED", RunState.SUCCEEDED);
		String newer = legacy(twice, "contoso.com", t.plusSeconds(60), "CREATED", RunState.SUCCEEDED);
		legacy(twice.withTarget(new Target.Cluster("lab", "other", "webapp", "x-spec", List.of(), null)),
				"contoso.com", t.plusSeconds(30), "CREATED", RunState.SUCCEEDED);
		legacy(twice.withTarget(new Target.ExportOnly("apps", "webapp", "found-spec")), "contoso.com",
				t.plusSeconds(90), "FOUND", RunState.SUCCEEDED);
		String removed = legacy(Requests.domainJoined(lower), "contoso.com", t, "CREATED", RunState.DECOMMISSIONED);
		legacy(Requests.domainJoined(lower), "contoso.com", t.minusSeconds(5), "CREATED", RunState.SUCCEEDED);
		String tie = legacy(Requests.portable(lower), "contoso.com", t.minusSeconds(5), "CREATED",
				RunState.SUCCEEDED);
		legacy(Requests.domainJoined(lower), "Contoso.COM", t.plusSeconds(300), null, RunState.FAILED);
		legacy(Requests.domainJoined(lower), "fabrikam.com", t.plusSeconds(300), null, RunState.NEEDS_ATTENTION);

		List<InventoryEntry> inMemory = this.overview.inventory();
		for (int limit : List.of(1, 2, 3, 50)) {
			List<InventoryEntry> paged = new ArrayList<>();
			String after = null;
			do {
				RunOverview.InventoryPage page = this.overview.inventory(after, limit);
				assertThat(page.entries()).hasSizeLessThanOrEqualTo(limit);
				paged.addAll(page.entries());
				after = page.nextAfter();
			}
			while (after != null);
			assertThat(paged).as("pages of %d", limit).isEqualTo(inMemory);
		}
		assertThat(inMemory).extracting(InventoryEntry::runId).contains(viaEngine, joined, newer, tie)
			.doesNotContain(removed);
		assertThat(inMemory.stream().filter((e) -> e.gmsaName().equalsIgnoreCase(lower)))
			.allSatisfy((e) -> assertThat(e.laterRun()).isNotNull());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run WHERE state = 'SUCCEEDED' "
				+ "AND kind = 'PROVISION' AND domain_key IS NULL").query(Long.class).single()).isZero();
		assertThat(this.overview.inventory(UUID.randomUUID().toString(), 3).entries())
			.as("a run id that is no run starts from the first").isEqualTo(inMemory.subList(0, 3));
	}

	@Test
	void theRotationStatusesReadInOneQueryEqualEachRunsOwnStatus() {
		Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(5, ChronoUnit.DAYS);
		String rotated = legacy(Requests.portable(Requests.freshName()), "contoso.com", t, "CREATED",
				RunState.SUCCEEDED);
		String never = legacy(Requests.portable(Requests.freshName()), "contoso.com", t, "CREATED", RunState.SUCCEEDED);
		for (String source : List.of(rotated, never)) {
			this.jdbc.sql("INSERT INTO provisioning_step (run_id, idx, kind, target, intent, description, state, "
					+ "attempts) VALUES (?, 9, 'WRITE_PORTABLE_SECRET', 'apps/x', 'APPLY', 'write', 'SUCCEEDED', 1)")
				.param(source).update();
		}
		rotation(rotated, t.plusSeconds(3600), RunState.SUCCEEDED);
		rotation(rotated, t.plusSeconds(7200), RunState.SUCCEEDED);
		rotation(rotated, t.plusSeconds(9000), RunState.FAILED);

		List<PortableRotations.Status> statuses = this.rotations.statuses(1000);
		assertThat(statuses).isEqualTo(statuses.stream()
			.map((s) -> this.rotations.status(s.runId()).orElseThrow()).toList());
		assertThat(statuses).filteredOn((s) -> s.runId().equals(rotated)).singleElement()
			.satisfies((s) -> assertThat(s.lastRotation()).isEqualTo(t.plusSeconds(7200)));
		assertThat(statuses).filteredOn((s) -> s.runId().equals(never)).singleElement()
			.satisfies((s) -> assertThat(s.lastRotation()).isNull());
	}

	/** A provisioning run as a portal before V34 stored it, with its gMSA step's result (null: no such step). */
	private String legacy(ProvisioningRequest request, String domain, Instant at, @Nullable String gmsaResult,
			RunState state) {
		String id = UUID.randomUUID().toString();
		insert(id, RunKind.PROVISION, state, domain, request, null, at);
		if (gmsaResult != null) {
			this.jdbc.sql("INSERT INTO provisioning_step (run_id, idx, kind, target, intent, description, state, result, "
					+ "attempts) VALUES (?, 2, 'ENSURE_GMSA', 'x', 'CREATE', 'gMSA', 'SUCCEEDED', ?, 1)")
				.params(id, gmsaResult).update();
		}
		return id;
	}

	private void rotation(String source, Instant at, RunState state) {
		ProvisioningRequest request = this.service.request(source);
		insert(UUID.randomUUID().toString(), RunKind.ROTATION, state, "contoso.com", request, source, at);
	}

	private void insert(String id, RunKind kind, RunState state, String domain, ProvisioningRequest request,
			@Nullable String decommissions, Instant at) {
		OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
		this.jdbc.sql("INSERT INTO provisioning_run (id, kind, state, domain, gmsa_name, request_json, plan_hash, "
				+ "approved_by, approved_at, ticket_ref, decommissions, created_at, updated_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, 'admin', ?, ?, ?, ?, ?)")
			.params(id, kind.name(), state.name(), domain, request.gmsaName(), Canonical.json(request), "0".repeat(64),
					when, request.ticketRef(), decommissions, when, when)
			.update();
	}

}
