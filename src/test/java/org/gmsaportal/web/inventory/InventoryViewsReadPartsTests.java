package org.gmsaportal.web.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditPage;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.InventoryFixtures;
import org.gmsaportal.inventory.KeptSnapshot;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunWeek;
import org.gmsaportal.provisioning.TrailLinks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * No inventory page, chart or export loads a snapshot whole ({@link Inventory#latest}, {@link Inventory#asOf}): each
 * reads the snapshot's header and the part it shows through {@link Inventory#kept}. The mock answers those parts from
 * a snapshot of sixty gMSAs held in memory; the service's SQL answers are held to the same in
 * {@code InventoryServiceContract}.
 */
@WebMvcTest(controllers = { InventoryController.class, GmsaPageController.class, ChartsController.class,
		InventoryExports.class },
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
@Import({ SnapshotPicker.class, InventoryCharts.class })
class InventoryViewsReadPartsTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	Inventory inventory;

	@MockitoBean
	RunOverview runs;

	@MockitoBean
	ProvisioningService provisioning;

	@MockitoBean
	AuditLog auditLog;

	@MockitoBean
	TrailLinks links;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@BeforeEach
	void aSnapshotReadByParts() {
		KeptSnapshot kept = KeptSnapshot.of(InventoryFixtures.many(60));
		given(this.inventory.kept(any())).willReturn(java.util.Optional.of(kept));
		given(this.runs.inventory()).willReturn(List.of());
		given(this.runs.weekly(anyInt(), any()))
			.willReturn(List.of(new RunWeek(LocalDate.of(2026, 11, 30), Map.of())));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 100, 0));
		given(this.links.link(any())).willAnswer(call -> call.getArgument(0));
	}

	@Test
	void everyInventoryViewReadsTheHeaderAndItsPartNeverTheWholeSnapshot() throws Exception {
		for (String uri : List.of("/inventory", "/inventory?finding=HIGH&sort=DRIFT", "/inventory/kds-keys",
				"/inventory/users", "/inventory/credential-specs", "/inventory/findings?finding=LOW",
				"/inventory/gmsas/corp/app00$", "/inventory/charts", "/inventory/charts/findings.svg",
				"/inventory?asOf=2026-12-01T10:00:00Z", "/inventory/gmsas.csv", "/inventory/gmsas.json?name=app1",
				"/inventory/findings.csv", "/inventory/findings.json?finding=HIGH")) {
			var result = this.mvc.get().uri(uri).with(user("reader").roles("AUDITOR")).exchange();
			assertThat(result).as(uri).hasStatusOk();
		}
		// the snapshot's counts and gaps came with its header
		assertThat(this.mvc.get().uri("/inventory/findings").with(user("reader").roles("AUDITOR")).exchange()
			.getResponse().getContentAsString()).contains("id=\"findings-HIGH\"");
		verify(this.inventory, never()).latest();
		verify(this.inventory, never()).asOf(any(Instant.class));
	}

}
