package org.gmsaportal.provisioning;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.gmsaportal.support.LabServices;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two portal instances whose own clocks disagree by an hour still agree on the engine's time, because it is the
 * database's: a heartbeat one of them writes is judged by the other on the same clock. On H2 and on the throwaway
 * PostgreSQL (required under CI=true).
 */
class DatabaseClockTests {

	private static final Duration SKEW = Duration.ofHours(1);

	// Far below the skew, far above a query's round trip even on a loaded machine.
	private static final Duration AGREEMENT = Duration.ofSeconds(30);

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void instancesWithSkewedClocksAgreeOnTheDatabasesTime(String kind) throws Exception {
		DataSource database = dataSource(kind);
		DatabaseClock ahead = new DatabaseClock(database, Clock.offset(Clock.systemUTC(), SKEW));
		DatabaseClock behind = new DatabaseClock(database, Clock.offset(Clock.systemUTC(), SKEW.negated()));

		assertThat(ahead.offset()).isCloseTo(SKEW.negated(), AGREEMENT);
		assertThat(behind.offset()).isCloseTo(SKEW, AGREEMENT);
		Instant now = databaseNow(database);
		assertThat(Duration.between(now, ahead.instant()).abs()).isLessThan(AGREEMENT);
		assertThat(Duration.between(now, behind.instant()).abs()).isLessThan(AGREEMENT);
	}

	@Test
	void anUnreachableDatabaseKeepsTheLastOffset() {
		JdbcDataSource database = (JdbcDataSource) dataSource("h2");
		DatabaseClock clock = new DatabaseClock(database, Clock.offset(Clock.systemUTC(), SKEW));
		Duration measured = clock.offset();
		database.setURL("jdbc:h2:tcp://127.0.0.1:1/nowhere");
		clock.measure();
		assertThat(clock.offset()).isEqualTo(measured);
	}

	private static DataSource dataSource(String kind) {
		if (kind.equals("h2")) {
			JdbcDataSource h2 = new JdbcDataSource();
			h2.setURL("jdbc:h2:mem:clock;DB_CLOSE_DELAY=-1");
			return h2;
		}
		PGSimpleDataSource postgres = new PGSimpleDataSource();
		postgres.setURL(LabServices.postgres("GMSA_TEST_POSTGRES_URL"));
		postgres.setUser(LabServices.postgres("GMSA_TEST_POSTGRES_USER"));
		postgres.setPassword(LabServices.postgres("GMSA_TEST_POSTGRES_PASSWORD"));
		return postgres;
	}

	private static Instant databaseNow(DataSource database) throws Exception {
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
			result.next();
			return result.getObject(1, OffsetDateTime.class).toInstant();
		}
	}

}
