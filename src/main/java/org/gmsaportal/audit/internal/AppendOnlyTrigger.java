package org.gmsaportal.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2 trigger that refuses UPDATE and DELETE on {@code audit_event} (PostgreSQL uses a PL/pgSQL trigger).
 */
public class AppendOnlyTrigger implements Trigger {

	@Override
	public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
		String operation = (newRow == null) ? "DELETE" : "UPDATE";
		throw new SQLException("audit_event is append-only: " + operation + " refused", "42501");
	}

}
