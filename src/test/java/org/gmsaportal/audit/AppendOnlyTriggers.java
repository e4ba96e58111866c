package org.gmsaportal.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit table's append-only triggers on each database, switched off for one change and on again, as a DBA
 * could: how the tests tamper with the trail, or empty it before each test.
 */
enum AppendOnlyTriggers {

	H2 {
		@Override
		void off(JdbcClient jdbc) {
			jdbc.sql("DROP TRIGGER IF EXISTS audit_event_no_update").update();
			jdbc.sql("DROP TRIGGER IF EXISTS audit_event_no_delete").update();
		}

		@Override
		void on(JdbcClient jdbc) {
			jdbc.sql("CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event "
					+ "FOR EACH ROW CALL 'org.gmsaportal.audit.internal.AppendOnlyTrigger'").update();
			jdbc.sql("CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event "
					+ "FOR EACH ROW CALL 'org.gmsaportal.audit.internal.AppendOnlyTrigger'").update();
		}
	},

	POSTGRESQL {
		@Override
		void off(JdbcClient jdbc) {
			jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER USER").update();
		}

		@Override
		void on(JdbcClient jdbc) {
			jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER USER").update();
		}
	};

	abstract void off(JdbcClient jdbc);

	abstract void on(JdbcClient jdbc);

	/** Runs the change with the triggers off, and switches them on again whatever happens. */
	void bypassedFor(JdbcClient jdbc, Runnable change) {
		off(jdbc);
		try {
			change.run();
		}
		finally {
			on(jdbc);
		}
	}

}
