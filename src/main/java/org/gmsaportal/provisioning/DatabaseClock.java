package org.gmsaportal.provisioning;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The engine's clock: the database's time, so that every instance sharing the database writes heartbeats and
 * judges them stale on one clock, whatever the skew between the instances' own clocks. It reads the database's
 * {@code CURRENT_TIMESTAMP} at start and once a minute, on the scheduler's thread, and adds the local clock's
 * progress since; reading the clock never waits for the database. A failed read keeps the offset it had (at first
 * none), and warns.
 */
@Component
class DatabaseClock extends Clock {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseClock.class);

	private final DataSource database;

	private final Clock local;

	private volatile Duration offset = Duration.ZERO;

	@Autowired
	DatabaseClock(DataSource database) {
		this(database, Clock.systemUTC());
	}

	DatabaseClock(DataSource database, Clock local) {
		this.database = database;
		this.local = local;
		measure();
	}

	@Override
	public Instant instant() {
		return this.local.instant().plus(this.offset);
	}

	/** How far the database's clock is ahead of the local one (negative: behind), as last measured. */
	Duration offset() {
		return this.offset;
	}

	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	void measure() {
		// A connection of its own, outside any transaction: in a transaction, CURRENT_TIMESTAMP is the time the
		// transaction began.
		try (Connection connection = this.database.getConnection();
				Statement statement = connection.createStatement()) {
			Instant before = this.local.instant();
			Instant database;
			try (ResultSet result = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
				result.next();
				database = result.getObject(1, OffsetDateTime.class).toInstant();
			}
			Instant after = this.local.instant();
			// The database read its clock somewhere in between: the midpoint is the best guess.
			Instant local = before.plus(Duration.between(before, after).dividedBy(2));
			this.offset = Duration.between(local, database);
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("The database's time could not be read; the engine's clock keeps its offset of {}: {}",
					this.offset, ex.getClass().getSimpleName());
		}
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
