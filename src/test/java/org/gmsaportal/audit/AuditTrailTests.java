package org.gmsaportal.audit;

/**
 * The audit trail on the default database, embedded H2.
 */
class AuditTrailTests extends AuditGroupCommitContract {

	@Override
	AppendOnlyTriggers triggers() {
		return AppendOnlyTriggers.H2;
	}

}
