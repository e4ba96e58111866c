package org.gmsaportal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.DirectoryConnection;
import org.gmsaportal.directory.DirectoryConnections;

import org.springframework.stereotype.Component;

/**
 * The service account's LDAP sessions per directory connection: how many were opened (a TCP connect, a TLS
 * handshake and a bind each) and how many times one was lent to a piece of work. Their ratio is how well sessions
 * are reused; issue 18 found a handshake and bind per lookup, which capped filings at the DC's rate of new sessions.
 * Tagged by connection name, which comes from the configuration (a bounded set).
 */
@Component
class DirectorySessionMetrics implements MeterBinder {

	static final String OPENED = "gmsa.directory.sessions.opened";

	static final String LENT = "gmsa.directory.sessions.lent";

	private final Directory directory;

	private final DirectoryConnections connections;

	DirectorySessionMetrics(Directory directory, DirectoryConnections connections) {
		this.directory = directory;
		this.connections = connections;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Directory.ConnectionSummary summary : this.directory.connections()) {
			DirectoryConnection connection = this.connections.find(summary.name()).orElse(null);
			if (connection == null) {
				continue;
			}
			FunctionCounter.builder(OPENED, connection, DirectoryConnection::serviceSessionsOpened)
				.description("LDAP sessions opened as the service account (connect, TLS handshake, bind)")
				.tag("connection", summary.name())
				.register(registry);
			FunctionCounter.builder(LENT, connection, DirectoryConnection::serviceSessionsLent)
				.description("Times a service-account LDAP session was lent to a piece of work, idle or new")
				.tag("connection", summary.name())
				.register(registry);
		}
	}

}
