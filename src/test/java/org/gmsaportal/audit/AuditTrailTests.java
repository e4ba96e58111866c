package org.gmsaportal.audit;

/**
 * The audit trail on the default database, embedded H2.
 */
class AuditTrailTests extends AuditGroupCommitContract {

	@Override
	void bypassProtection() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS audit_event_no_update").update();
		this.jdbc.sql("DROP TRIGGER IF EXISTS audit_event_no_delete").update();
	}

	@Override
	void restoreProtection() {
		this.jdbc.sql("CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event "
				+ "FOR EACH ROW CALL 'org.gmsaportal.audit.internal.AppendOnlyTrigger'").update();
		this.jdbc.sql("CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event "
				+ "FOR EACH ROW CALL 'org.gmsaportal.audit.internal.AppendOnlyTrigger'").update();
	}

}
