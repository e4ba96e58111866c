package org.gmsaportal.support;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A private in-memory H2 database with the portal's Flyway migrations applied, for tests of one class that keeps its
 * state in the database without a Spring context.
 *
 * @param dataSource the database
 * @param jdbc a client on it
 * @param transactions transactions on it, which {@code jdbc} joins
 */
public record MigratedH2(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {

	public static MigratedH2 create() {
		DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:migrated-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		return new MigratedH2(dataSource, JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

}
