package dev.actorspring.autoconfigure;

import javax.sql.DataSource;

import dev.actorspring.data.jdbc.SqliteDialect;
import dev.actorspring.runtime.sql.ActorDataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.dialect.Dialect;

/**
 * Actor-local SQL for the rest of Spring: when the application declares no {@link DataSource} of its own, the
 * {@link ActorDataSource} (routed to the actor turn on the calling thread) becomes the application's
 * DataSource, so that Boot's {@code JdbcTemplate}, {@code JdbcClient}, transaction manager and Spring Data JDBC
 * repositories work inside actions, on each actor's own SQLite file, with the {@link SqliteDialect}.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class,
		beforeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration" })
@ConditionalOnMissingBean(DataSource.class)
public final class ActorSqlAutoConfiguration {

	@Bean
	ActorDataSource actorDataSource() {
		return new ActorDataSource();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration")
	static class DataJdbcConfiguration {

		@Bean
		@ConditionalOnMissingBean(Dialect.class)
		SqliteDialect jdbcDialect() {
			return SqliteDialect.INSTANCE;
		}

	}

	/**
	 * Stands in for Boot's DataSource health check, which would ask the actor DataSource for a connection
	 * outside any turn; the actor files are checked by the {@code actors} health component.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("db")
	static class DataSourceHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "dbHealthIndicator", "dbHealthContributor" })
		HealthIndicator dbHealthContributor() {
			Health health = Health.up()
				.withDetail("database", "SQLite")
				.withDetail("routing", "one file per actor instance, reached during its turns; see the 'actors' component")
				.build();
			return () -> health;
		}

	}

}
