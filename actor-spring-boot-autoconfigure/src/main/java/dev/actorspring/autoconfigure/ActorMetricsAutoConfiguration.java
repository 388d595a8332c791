package dev.actorspring.autoconfigure;

import dev.actorspring.metrics.ActorMetrics;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import dev.actorspring.runtime.ActorRuntime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the runtime's Micrometer meters, when the application has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class ActorMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActorMetrics actorMetrics(MeterRegistry meterRegistry, ObjectProvider<ActorRuntime> runtime) {
		return new ActorMetrics(meterRegistry, runtime::getObject);
	}

	@Bean
	@ConditionalOnBean(SqliteStateStore.class)
	MeterBinder actorSqliteMetrics(SqliteStateStore store) {
		return (registry) -> Gauge.builder("actor.sqlite.open.files", store, SqliteStateStore::openFiles)
			.description("SQLite files open at once (bounded by actor.max-open-files)")
			.register(registry);
	}

}
