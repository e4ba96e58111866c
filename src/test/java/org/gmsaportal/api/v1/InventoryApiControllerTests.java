package org.gmsaportal.api.v1;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.InventoryFixtures;
import org.gmsaportal.inventory.InventorySnapshot;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.RepeatedDenials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gmsaportal.inventory.InventoryFixtures.directory;
import static org.gmsaportal.inventory.InventoryFixtures.gmsa;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * The inventory API as {@link InventoryApiController} answers it: pages over one snapshot, filters, one gMSA, the
 * findings, and each bad parameter as a problem naming it. The inventory service is a mock answering snapshots
 * built from its records ({@link InventoryFixtures}); the service itself is tested in the inventory module. The
 * API's real bearer-token chain is in the slice (as in {@code AuditEventsControllerTests}), so the
 * {@code inventory:read} check is the portal's own.
 */
@WebMvcTest(controllers = InventoryApiController.class, includeFilters = @ComponentScan.Filter(
		type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.ApiSecurityConfig|org\\.gmsaportal\\.api\\.ApiAccessRules"))
class InventoryApiControllerTests {

	private static final ApiClient READER = client("siem", ApiScope.INVENTORY_READ);

	private static final ApiClient AUDITOR = client("audits", ApiScope.AUDIT_READ);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@MockitoBean
	RepeatedDenials denials;

	@MockitoBean
	ApiClients clients;

	@MockitoBean
	AuditTrail audit;

	@MockitoBean
	Inventory inventory;

	@MockitoBean
	RunOverview runs;

	private final InventorySnapshot snapshot = InventoryFixtures.many(60);

	@BeforeEach
	void aSnapshotOfSixtyGmsas() {
		given(this.inventory.latest()).willReturn(Optional.of(this.snapshot));
		given(this.inventory.asOf(this.snapshot.takenAt())).willReturn(Optional.of(this.snapshot));
		// the face's in-memory answers (InventoryServiceContract holds the service's SQL ones to them)
		given(this.inventory.kept(any())).willCallRealMethod();
		given(this.runs.inventory()).willReturn(List.of());
	}

	@Test
	void aClientWithoutInventoryReadIsRefusedAndNothingIsRead() {
		for (String uri : List.of("/api/v1/inventory/gmsas", "/api/v1/inventory/gmsas/app00", "/api/v1/findings")) {
			assertThat(this.mvc.get().uri(uri).with(as(AUDITOR))).hasStatus(403)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.isLenientlyEqualTo("""
						{"status": 403, "detail": "This endpoint needs the scope inventory:read.",
						 "error": "insufficient_scope"}
						""");
			assertThat(this.mvc.get().uri(uri)).hasStatus(401);
		}
		verifyNoInteractions(this.inventory);
	}

	@Test
	void theCursorPagesThroughOneSnapshotToTheEnd() {
		JsonNode first = read("/api/v1/inventory/gmsas?limit=25");
		assertThat(first.get("snapshot").get("id").asLong()).isEqualTo(7);
		assertThat(names(first)).hasSize(25).startsWith("app00$");
		String cursor = first.get("nextCursor").asString();
		JsonNode second = read("/api/v1/inventory/gmsas?limit=25&cursor=" + cursor);
		assertThat(names(second)).hasSize(25).startsWith("app25$");
		JsonNode third = read("/api/v1/inventory/gmsas?limit=25&cursor=" + second.get("nextCursor").asString());
		assertThat(names(third)).hasSize(10).endsWith("app59$");
		assertThat(third.get("nextCursor").isNull()).isTrue();
	}

	@Test
	void aCursorIntoASnapshotNoLongerKeptIsGone() {
		JsonNode first = read("/api/v1/inventory/gmsas?limit=25");
		given(this.inventory.asOf(this.snapshot.takenAt())).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/api/v1/inventory/gmsas?cursor=" + first.get("nextCursor").asString())
			.with(as(READER))).hasStatus(410).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void theFiltersKeepOnlyMatchingGmsas() {
		assertThat(names(read("/api/v1/inventory/gmsas?name=APP1"))).hasSize(10);
		assertThat(names(read("/api/v1/inventory/gmsas?finding=HIGH"))).containsExactly("app00$");
		assertThat(names(read("/api/v1/inventory/gmsas?finding=low"))).containsExactly("app00$", "app03$");
		assertThat(names(read("/api/v1/inventory/gmsas?drift=true"))).containsExactly("app00$");
		assertThat(names(read("/api/v1/inventory/gmsas?domain=other.example.com"))).isEmpty();
		JsonNode flagged = read("/api/v1/inventory/gmsas?drift=true").get("gmsas").get(0);
		assertThat(flagged.get("drift").get(0).get("kind").asString()).isEqualTo("SPNS_CHANGED");
		assertThat(flagged.get("drift").get(0).get("runId").asString()).isEqualTo(InventoryFixtures.RUN);
		assertThat(flagged.get("findings").get(0).get("code").asString()).isEqualTo("broad-retrievers");
	}

	@Test
	void eachBadParameterIsAProblemNamingItAndItsRule() {
		problem("/api/v1/inventory/gmsas?limit=501", "limit", "max");
		problem("/api/v1/inventory/gmsas?limit=0", "limit", "min");
		problem("/api/v1/inventory/gmsas?limit=ten", "limit", "type");
		problem("/api/v1/inventory/gmsas?finding=URGENT", "finding", "enum: HIGH, MEDIUM, LOW");
		problem("/api/v1/inventory/gmsas?drift=yes", "drift", "enum: true, false");
		problem("/api/v1/inventory/gmsas?cursor=not-a-cursor", "cursor", "format");
		problem("/api/v1/inventory/gmsas?name=%3Cb%3E", "name", "pattern");
		problem("/api/v1/findings?severity=urgent", "severity", "enum: HIGH, MEDIUM, LOW");
	}

	@Test
	void oneGmsaCarriesWhoCanRetrieveItAndAnUnknownNameIsNotFound() {
		JsonNode one = read("/api/v1/inventory/gmsas/app06");
		assertThat(one.get("gmsa").get("name").asString()).isEqualTo("app06$");
		assertThat(one.get("gmsa").get("retrieverCount").asInt()).isEqualTo(6);
		assertThat(one.get("gmsa").get("retrievers")).hasSize(6);
		assertThat(one.get("gmsa").get("allowed").get(0).get("name").asString()).isEqualTo("app06-hosts");
		assertThat(this.mvc.get().uri("/api/v1/inventory/gmsas/nosuch").with(as(READER))).hasStatus(404)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aNameInTwoConnectionsNeedsTheConnection() {
		InventorySnapshot two = InventoryFixtures.snapshot(8,
				List.of(directory("corp", List.of(gmsa("web01", 1, "a")), List.of()),
						directory("corp2", List.of(gmsa("web01", 2, "b")), List.of())),
				List.of(), List.of());
		given(this.inventory.latest()).willReturn(Optional.of(two));
		problem("/api/v1/inventory/gmsas/web01$", "connection",
				"required: the name is in several directory connections (corp, corp2)");
		assertThat(read("/api/v1/inventory/gmsas/web01?connection=corp2").get("gmsa").get("retrieverCount").asInt())
			.isEqualTo(2);
	}

	@Test
	void findingsComeMostUrgentFirstAndFilterBySeverity() {
		JsonNode all = read("/api/v1/findings");
		assertThat(all.get("findings").valueStream().map(f -> f.get("severity").asString()).toList())
			.containsExactly("HIGH", "LOW");
		assertThat(read("/api/v1/findings?severity=LOW").get("findings")).hasSize(1);
		assertThat(all.get("findings").get(0).get("fix").asString()).startsWith("Set-ADServiceAccount");
	}

	@Test
	void beforeTheFirstSnapshotTheListsAreNotFound() {
		given(this.inventory.latest()).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/api/v1/inventory/gmsas").with(as(READER))).hasStatus(404)
			.bodyJson().extractingPath("$.detail").asString().contains("No inventory snapshot");
		assertThat(this.mvc.get().uri("/api/v1/findings").with(as(READER))).hasStatus(404);
	}

	private JsonNode read(String uri) {
		var result = this.mvc.get().uri(uri).with(as(READER)).exchange();
		assertThat(result).hasStatusOk();
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

	private void problem(String uri, String field, String rule) {
		assertThat(this.mvc.get().uri(uri).with(as(READER))).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 400, "errors": [{"field": "%s", "rule": "%s"}]}
					""".formatted(field, rule));
	}

	private static List<String> names(JsonNode page) {
		return page.get("gmsas").valueStream().map(g -> g.get("name").asString()).toList();
	}

	private static ApiClient client(String name, ApiScope scope) {
		return new ApiClient("7d3f6c2a-0000-4000-8000-00000000000" + name.length(), name, Set.of(scope), List.of(),
				false, Instant.parse("2026-01-01T10:00:00Z"), "portal-admin", null, null, null, null);
	}

	/** Signs the client in as the token filter would (see {@code AuditEventsControllerTests#as}). */
	private static RequestPostProcessor as(ApiClient client) {
		List<SimpleGrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority(Actor.API_CLIENT_AUTHORITY));
		client.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
		return authentication(UsernamePasswordAuthenticationToken.authenticated(client, "", authorities));
	}

}
