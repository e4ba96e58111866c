package org.gmsaportal.web.inventory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.ListedGmsa;
import org.gmsaportal.inventory.DriftKind;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.InventoryFixtures;
import org.gmsaportal.inventory.Severity;
import org.gmsaportal.inventory.SnapshotSummary;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunWeek;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gmsaportal.inventory.InventoryFixtures.directory;
import static org.gmsaportal.inventory.InventoryFixtures.gmsa;
import static org.gmsaportal.inventory.InventoryFixtures.snapshot;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The inventory's CSV and JSON exports and its SVG charts. The inventory service is a mock answering snapshots
 * built from its records ({@link InventoryFixtures}); the service itself is tested in the inventory module. The
 * browser's real {@code SecurityConfig} is in the slice.
 */
@WebMvcTest(controllers = { InventoryExports.class, ChartsController.class },
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
@Import({ SnapshotPicker.class, InventoryCharts.class })
class InventoryExportsAndChartsTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@MockitoBean
	Inventory inventory;

	@MockitoBean
	RunOverview runs;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@BeforeEach
	void aSnapshot() {
		List<ListedGmsa> gmsas = List.of(gmsa("web01", 2, "=HYPERLINK(\"http://evil\")"),
				gmsa("app00", 1, "plain, with comma"));
		given(this.inventory.latest()).willReturn(Optional.of(snapshot(5, List.of(directory("corp", gmsas, List.of())),
				List.of(InventoryFixtures.drift(DriftKind.SPNS_CHANGED, "app00")),
				List.of(InventoryFixtures.finding(Severity.HIGH, "broad-retrievers", "app00"),
						InventoryFixtures.finding(Severity.MEDIUM, "rc4-enabled", "web01")))));
		given(this.inventory.kept(any())).willCallRealMethod();
		given(this.inventory.history(anyInt())).willReturn(List.of(
				new SnapshotSummary(5, InventoryFixtures.TAKEN, "admin", 2, 1, 1, 2, true),
				new SnapshotSummary(4, InventoryFixtures.TAKEN.minusSeconds(86400), "system", 1, 1, 0, 1, true)));
		given(this.runs.inventory()).willReturn(List.of());
		Map<RunState, Long> week = new EnumMap<>(RunState.class);
		week.put(RunState.SUCCEEDED, 3L);
		week.put(RunState.FAILED, 1L);
		given(this.runs.weekly(anyInt(), any())).willReturn(List.of(new RunWeek(LocalDate.of(2026, 11, 23), Map.of()),
				new RunWeek(LocalDate.of(2026, 11, 30), week)));
	}

	@Test
	void theGmsaCsvIsSpreadsheetSafeAndFollowsThePagesFilter() {
		String csv = body(get("/inventory/gmsas.csv?name=web"), "text/csv");
		String[] lines = csv.split("\r\n");
		assertThat(lines[0]).startsWith("snapshot,takenAt,connection,domain,name,ou,distinguishedName");
		assertThat(lines).hasSize(2);
		// a description that would run as a formula gets the escape, then RFC 4180 quoting
		assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",").contains(",web01$,");
		verify(this.audit).record(argThat((AuditEvent e) -> e.action().equals("inventory.export")));
	}

	@Test
	void theGmsaJsonIsOneArrayWithListsAsArrays() {
		JsonNode rows = this.json.readTree(body(get("/inventory/gmsas.json"), "application/json"));
		assertThat(rows.isArray()).isTrue();
		assertThat(rows).hasSize(2);
		JsonNode app = rows.get(0);
		assertThat(app.get("name").asString()).isEqualTo("app00$");
		assertThat(app.get("drift").get(0).asString()).isEqualTo("SPNS_CHANGED");
		assertThat(app.get("findings").get(0).asString()).isEqualTo("HIGH broad-retrievers");
		assertThat(app.get("retrievers")).hasSize(1);
	}

	@Test
	void theFindingExportsFilterBySeverity() {
		String csv = body(get("/inventory/findings.csv?finding=MEDIUM"), "text/csv");
		assertThat(csv.split("\r\n")).hasSize(2);
		assertThat(csv).contains("MEDIUM,rc4-enabled,gmsa:corp.example.com/web01$");
		JsonNode all = this.json.readTree(body(get("/inventory/findings.json"), "application/json"));
		assertThat(all.valueStream().map(f -> f.get("severity").asString()).toList()).containsExactly("HIGH", "MEDIUM");
	}

	@Test
	void aBadExportFilterNamesTheFieldAndExportsNothing() {
		MvcTestResult result = get("/inventory/gmsas.csv?name=%3Cx%3E");
		assertThat(result).hasStatus(400);
		assertThat(result.getResponse().getContentAsByteArray()).asString(StandardCharsets.UTF_8)
			.startsWith("The export filter was not applied:").contains("name: may hold only letters");
	}

	@Test
	void theChartsAreWellFormedSvgWithTitleDescriptionAndLabels() throws Exception {
		Document runs = svg(get("/inventory/charts/runs.svg"));
		assertThat(runs.getElementsByTagName("title").item(0).getTextContent())
			.isEqualTo("Portal runs per week by state");
		assertThat(runs.getElementsByTagName("desc").item(0).getTextContent()).contains("4 runs in all");
		assertThat(texts(runs)).contains("11-30", "4", "SUCCEEDED", "FAILED");
		Document findings = svg(get("/inventory/charts/findings.svg"));
		assertThat(texts(findings)).contains("HIGH", "MEDIUM", "LOW", "1", "0");
		Document history = svg(get("/inventory/charts/history.svg"));
		assertThat(history.getElementsByTagName("desc").item(0).getTextContent()).contains("the newest holds 2");
		assertThat(texts(history)).contains("11-30 #4", "12-01 #5");
	}

	@Test
	void theChartsPageInlinesTheThreeCharts() {
		String page = body(get("/inventory/charts"), "text/html");
		assertThat(page).contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-runs\"")
			.contains("id=\"chart-findings\"").contains("id=\"chart-history\"").contains("role=\"img\"");
	}

	@Test
	void aLabelFromTheDirectoryIsEscapedInTheSvg() throws Exception {
		String svg = SvgChart.bars("c", "t <&>", "d", List.of("<script>"),
				List.of(new SvgChart.Series("x\"y", "#000", List.of(1L))));
		assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;").contains("t &lt;&amp;&gt;");
		parse(svg);
	}

	private MvcTestResult get(String uri) {
		return this.mvc.get().uri(uri).with(user("reader").roles("AUDITOR")).exchange();
	}

	private static String body(MvcTestResult result, String type) {
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).startsWith(type);
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static Document svg(MvcTestResult result) throws Exception {
		return parse(body(result, "image/svg+xml"));
	}

	private static Document parse(String svg) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
				svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(document.getDocumentElement().getAttribute("role")).isEqualTo("img");
		return document;
	}

	private static List<String> texts(Document document) {
		var nodes = document.getElementsByTagName("text");
		List<String> texts = new java.util.ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			texts.add(nodes.item(i).getTextContent());
		}
		return texts;
	}

}
