package org.gmsaportal.provisioning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a run was approved and when each of its steps started and finished, for the run page's timeline: the columns
 * {@link RunView} leaves out, read in two small queries by the run's key.
 */
@Component
public class RunTimes {

	private final JdbcClient jdbc;

	RunTimes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A run's times.
	 *
	 * @param approvedAt when its plan was approved
	 * @param steps each step's times, in step order
	 */
	public record Times(Instant approvedAt, List<StepTimes> steps) {

		public Times {
			steps = List.copyOf(steps);
		}

		/** The times of the step at this index, if it has any. */
		public Optional<StepTimes> step(int index) {
			return this.steps.stream().filter((s) -> s.index() == index).findFirst();
		}

	}

	/**
	 * One step's times.
	 *
	 * @param index its position from 0
	 * @param startedAt when its latest attempt started, or {@code null} if it never ran
	 * @param finishedAt when it finished, or {@code null} while it runs or before it ran
	 */
	public record StepTimes(int index, @Nullable Instant startedAt, @Nullable Instant finishedAt) {
	}

	/** The run's times, or empty if there is no such run. */
	public Optional<Times> of(String runId) {
		Optional<Instant> approvedAt = this.jdbc.sql("SELECT approved_at FROM provisioning_run WHERE id = ?")
			.param(runId)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.optional();
		return approvedAt.map((approved) -> new Times(approved, this.jdbc
			.sql("SELECT idx, started_at, finished_at FROM provisioning_step WHERE run_id = ? ORDER BY idx")
			.param(runId)
			.query((rs, n) -> new StepTimes(rs.getInt(1), instant(rs.getObject(2, OffsetDateTime.class)),
					instant(rs.getObject(3, OffsetDateTime.class))))
			.list()));
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
