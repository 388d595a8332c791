package dev.actorspring.cluster.autoconfigure;

import dev.actorspring.autoconfigure.ActorAutoConfiguration;
import dev.actorspring.autoconfigure.ActorProperties;
import dev.actorspring.cluster.replication.ClusterFiles;
import dev.actorspring.cluster.replication.ReplicatingStateStore;
import dev.actorspring.persistence.StateStoreDecorator;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import dev.actorspring.cluster.view.ClusterMetrics;
import dev.actorspring.cluster.view.ClusterStats;
import dev.actorspring.cluster.view.ClusterView;
import dev.actorspring.runtime.ActorRegistry;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.definition.ActorDefinition;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cluster mode: a Pekko actor system that joins the cluster of {@code actor.cluster.*}, and the lifecycle that
 * routes the runtime's requests through Pekko Cluster Sharding.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class)
@ConditionalOnBean(ActorRuntime.class)
@ConditionalOnProperty(prefix = "actor.cluster", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ActorClusterProperties.class)
public final class ActorClusterAutoConfiguration {

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	ActorSystem<Void> actorClusterSystem(ActorClusterProperties properties, ConfigurableApplicationContext context) {
		return ActorSystem.create(Behaviors.empty(), properties.getSystemName(),
				PekkoConfigFactory.create(properties, context.getClassLoader()));
	}

	@Bean
	ClusterStats actorClusterStats() {
		return new ClusterStats();
	}

	@Bean
	ClusterView actorClusterView(ActorSystem<Void> actorClusterSystem, ClusterStats actorClusterStats) {
		return new ClusterView(actorClusterSystem, actorClusterStats);
	}

	@Bean(destroyMethod = "close")
	ClusterFiles actorClusterFiles(ActorSystem<Void> actorClusterSystem, SqliteStateStore store,
			ActorClusterProperties properties, ClusterStats actorClusterStats) {
		return new ClusterFiles(actorClusterSystem, store.layout(), properties.getRequestTimeout(), actorClusterStats);
	}

	@Bean
	StateStoreDecorator actorClusterReplication(ClusterFiles actorClusterFiles) {
		return (store) -> {
			if (!(store instanceof SqliteStateStore sqlite)) {
				throw new IllegalStateException("Cluster mode needs the SQLite state store; found " + store.getClass());
			}
			return new ReplicatingStateStore(sqlite, actorClusterFiles);
		};
	}

	@Bean
	ClusterLifecycle actorClusterLifecycle(ActorSystem<Void> actorClusterSystem, ActorRuntime runtime,
			ClusterFiles actorClusterFiles, ClusterView actorClusterView, ActorClusterProperties clusterProperties,
			ActorProperties properties, ConfigurableApplicationContext context) {
		return new ClusterLifecycle(actorClusterSystem, runtime, actorClusterFiles, actorClusterView,
				clusterProperties, properties.getShutdownTimeout(), context);
	}

	/** Cluster meters, when Micrometer is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ClusterMetricsConfiguration {

		@Bean
		MeterBinder actorClusterMetrics(ClusterView actorClusterView, ActorRegistry registry) {
			return new ClusterMetrics(actorClusterView, registry.definitions().stream().map(ActorDefinition::name).toList());
		}

	}

}
