package org.gmsaportal.web;

import java.time.Instant;
import java.util.List;

import org.gmsaportal.audit.AuditRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An audit event's details as the pages show them: key/value rows, never the raw JSON.
 */
class AuditDetailsTests {

	@Test
	void nestedObjectsBecomeDottedKeysAndListsOfValuesOneJoinedRow() {
		assertThat(AuditDetails.entries("""
				{"state": "SUCCEEDED", "checkpoint": {"seq": 5, "file": "/worm/5.txt"}, "spns": ["HTTP/a", "HTTP/b"],
				 "objects": [{"kind": "Secret"}], "intact": true, "firstBadSeq": null, "empty": {}}
				""")).containsExactly(new AuditDetails.Entry("state", "SUCCEEDED"),
				new AuditDetails.Entry("checkpoint.seq", "5"), new AuditDetails.Entry("checkpoint.file", "/worm/5.txt"),
				new AuditDetails.Entry("spns", "HTTP/a, HTTP/b"), new AuditDetails.Entry("objects[0].kind", "Secret"),
				new AuditDetails.Entry("intact", "true"), new AuditDetails.Entry("firstBadSeq", "null"),
				new AuditDetails.Entry("empty", "{}"));
	}

	@Test
	void whatIsNoJsonObjectIsOneRowAndNothingIsDropped() {
		assertThat(AuditDetails.entries("not {json")).containsExactly(new AuditDetails.Entry("details", "not {json"));
		assertThat(AuditDetails.entries("[1, 2]")).containsExactly(new AuditDetails.Entry("details", "[1, 2]"));
		assertThat(AuditDetails.entries("{}")).isEmpty();
	}

	@Test
	void aLongValueIsPreviewedByItsStartAndKeptWhole() {
		String problem = "The trail no longer extends event 5: " + "x".repeat(200);
		AuditDetails.Entry entry = AuditDetails.entries("{\"problem\": \"" + problem + "\"}").get(0);
		assertThat(entry.isLong()).isTrue();
		assertThat(entry.value()).isEqualTo(problem);
		assertThat(entry.preview()).startsWith("The trail no longer extends event 5").endsWith("\u2026")
			.hasSizeLessThan(AuditDetails.LONG);
		assertThat(new AuditDetails.Entry("state", "SUCCEEDED").preview()).isEqualTo("SUCCEEDED");
	}

	@Test
	void theOneLineSummaryNamesTheFirstFourRowsAndCountsTheRest() {
		AuditRow row = new AuditRow(1, Instant.parse("2026-01-01T10:00:00Z"), "admin", "PERSON", "ADMIN", null,
				"provisioning.step.ensure-group", "g", "SUCCESS",
				"{\"a\": 1, \"b\": \"two\", \"c\": true, \"d\": 4, \"e\": 5, \"f\": 6}", "run", null, "0".repeat(64),
				"e".repeat(64));
		List<AuditDetails.Event> events = AuditDetails.of(List.of(row));
		assertThat(events).singleElement().extracting(AuditDetails.Event::summary)
			.isEqualTo("a: 1 \u00b7 b: two \u00b7 c: true \u00b7 d: 4 \u00b7 +2");
	}

}
