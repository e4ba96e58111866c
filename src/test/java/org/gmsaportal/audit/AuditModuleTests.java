package org.gmsaportal.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.ClassUtils;
import org.springframework.modulith.test.ApplicationModuleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit module on its own, over the tests' embedded H2: only its beans start (it uses no other module's beans,
 * so nothing is mocked). It proves the trail needs nothing else to start, and that an event recorded through
 * {@link AuditTrail} joins the hash chain that {@link AuditLog#verify()} checks.
 */
@ApplicationModuleTest
class AuditModuleTests {

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditLog log;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@Test
	void onlyTheAuditModulesOwnBeansStart() {
		List<String> portalBeans = Arrays.stream(this.context.getBeanDefinitionNames())
			.map(this.context::getType)
			.filter(Objects::nonNull)
			.map((type) -> ClassUtils.getUserClass(type).getName())
			.filter((type) -> type.startsWith("org.gmsaportal.") && type.indexOf('.', "org.gmsaportal.".length()) > 0)
			.toList();
		assertThat(portalBeans).isNotEmpty().allMatch((type) -> type.startsWith("org.gmsaportal.audit."));
		assertThat(portalBeans).contains(JdbcAuditTrail.class.getName(), AuditLog.class.getName());
	}

	@Test
	void aRecordedEventJoinsTheChainAndTheVerificationPasses() {
		long before = lastSeq();
		this.trail.record(AuditEvent.of("module.test.first", "target-1", AuditOutcome.SUCCESS)
			.withDetails(Map.of("step", "one")));
		this.trail.record(AuditEvent.of("module.test.second", "target-2", AuditOutcome.FAILURE)
			.withCorrelation("run-42", "CHG-42"));

		List<AuditRow> rows = this.log.after(AuditQuery.all(), before, 10);
		assertThat(rows).extracting(AuditRow::action).startsWith("module.test.first", "module.test.second");
		assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).hash());
		assertThat(rows.get(1).correlationId()).isEqualTo("run-42");
		assertThat(rows.get(1).ticketRef()).isEqualTo("CHG-42");
		assertThat(rows).allSatisfy((row) -> assertThat(ChainHasher.hash(row)).isEqualTo(row.hash()));

		ChainVerification verification = this.log.verify();
		assertThat(verification.intact()).as(verification.problem()).isTrue();
		assertThat(verification.eventsChecked()).isGreaterThanOrEqualTo(before + 2);
		// The verification is itself an event on the chain.
		assertThat(this.log.after(AuditQuery.all(), rows.get(1).seq(), 10)).extracting(AuditRow::action)
			.contains("audit.verify");
	}

	@Test
	void theVerificationNamesAnEventAlteredBehindTheTrailsBack() {
		this.trail.record(AuditEvent.of("module.test.tampered", "original target", AuditOutcome.SUCCESS));
		long seq = lastSeq();
		try {
			asDba("UPDATE audit_event SET target = 'something else' WHERE seq = " + seq);
			ChainVerification verification = this.log.verify();
			assertThat(verification.intact()).isFalse();
			assertThat(verification.firstBadSeq()).isEqualTo(seq);
			assertThat(verification.problem()).contains("Event " + seq + " was altered");
		}
		finally {
			// Put it back, so the chain of this context is intact for the other tests.
			asDba("UPDATE audit_event SET target = 'original target' WHERE seq = " + seq);
		}
		assertThat(this.log.verify().intact()).isTrue();
	}

	/** A change to the append-only table, with its triggers switched off as a DBA could. */
	private void asDba(String sql) {
		AppendOnlyTriggers.H2.bypassedFor(this.jdbc, () -> this.jdbc.sql(sql).update());
	}

	private long lastSeq() {
		return this.jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_event").query(Long.class).single();
	}

}
