package org.gmsaportal.audit;

/**
 * The audit filters on the default database, embedded H2.
 */
class AuditFilterTests extends AuditFilterContract {

	@Override
	AppendOnlyTriggers triggers() {
		return AppendOnlyTriggers.H2;
	}

}
