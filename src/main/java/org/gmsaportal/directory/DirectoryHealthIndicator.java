package org.gmsaportal.directory;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the configured directory connections: each must answer a rootDSE read over its transport.
 * With none configured the portal is in plan-only mode, which is healthy.
 */
@Component("directory")
class DirectoryHealthIndicator extends AbstractHealthIndicator {

	private final DirectoryConnections connections;

	DirectoryHealthIndicator(DirectoryConnections connections) {
		super("Directory health check failed");
		this.connections = connections;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.connections.all().isEmpty()) {
			builder.up().withDetail("mode", "plan-only (no directory configured)");
			return;
		}
		builder.up();
		for (DirectoryConnection connection : this.connections.all()) {
			try {
				builder.withDetail(connection.name(), "reachable: " + connection.probe());
			}
			catch (DirectoryException ex) {
				builder.down().withDetail(connection.name(), ex.getMessage());
			}
		}
	}

}
