package org.gmsaportal.web.wizard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.cluster.PreflightCheck;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.provisioning.LiveChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The health of each configured connection as the wizard last read it ({@link StatusCache}), for the overview. It
 * reads nothing itself: a connection nobody checked since the portal started says so, and the wizard's Check status
 * reads it. What the configuration alone says (a connection that cannot be used) needs no read either.
 */
@Component
public class ConnectionHealth {

	/** What is known of a connection. */
	public enum State {

		/** It answered when it was last checked. */
		OK,

		/** It did not answer, or the configuration makes it unusable. */
		DOWN,

		/** Nobody checked it since the portal started. */
		UNCHECKED

	}

	/**
	 * One connection.
	 *
	 * @param kind {@code directory} or {@code cluster}
	 * @param name its configured name
	 * @param state what is known
	 * @param detail the domain it serves or its credentials' source, and why it is down
	 * @param checkedAt when it was read, or {@code null} if it was not
	 */
	public record Health(String kind, String name, State state, String detail, @Nullable Instant checkedAt) {

		/** Whole seconds since the check, or -1 if there was none. */
		public long ageSeconds() {
			return (this.checkedAt == null) ? -1
					: Math.max(0, Duration.between(this.checkedAt, Instant.now()).toSeconds());
		}

		public boolean down() {
			return this.state == State.DOWN;
		}

	}

	private final LiveChecks connections;

	private final StatusCache statuses;

	ConnectionHealth(LiveChecks connections, StatusCache statuses) {
		this.connections = connections;
		this.statuses = statuses;
	}

	/** Every configured directory connection, then every cluster connection, in configuration order. */
	public List<Health> all() {
		List<Health> all = new ArrayList<>();
		for (Directory.ConnectionSummary directory : this.connections.directoryConnections()) {
			all.add(directory(directory));
		}
		for (var cluster : this.connections.clusterConnections()) {
			all.add(this.statuses.<PreflightCheck>peek("cluster:" + cluster.name())
				.map(t -> new Health("cluster", cluster.name(),
						(t.value().status() == PreflightCheck.Status.FAIL) ? State.DOWN : State.OK,
						t.value().explanation(), t.readAt()))
				.orElseGet(() -> new Health("cluster", cluster.name(), State.UNCHECKED, cluster.source(), null)));
		}
		return all;
	}

	private Health directory(Directory.ConnectionSummary directory) {
		if (directory.refusal() != null) {
			return new Health("directory", directory.name(), State.DOWN, directory.refusal(), null);
		}
		return this.statuses.<WizardLiveChecks.DirectoryCheck>peek("directory:" + directory.name())
			.map(t -> (t.value().error() != null)
					? new Health("directory", directory.name(), State.DOWN, String.valueOf(t.value().error()),
							t.readAt())
					: new Health("directory", directory.name(), State.OK, directory.domain(), t.readAt()))
			.orElseGet(() -> new Health("directory", directory.name(), State.UNCHECKED, directory.domain(), null));
	}

}
