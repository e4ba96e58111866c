package org.gmsaportal.audit;

/**
 * The CSV export verified offline, on the default database, embedded H2.
 */
class AuditCsvExportTests extends AuditCsvExportContract {

	@Override
	AppendOnlyTriggers triggers() {
		return AppendOnlyTriggers.H2;
	}

}
