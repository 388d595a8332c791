package dev.actorspring.cluster.autoconfigure;

import dev.actorspring.autoconfigure.ActorAutoConfiguration;
import dev.actorspring.autoconfigure.ActorProperties;
import dev.actorspring.cluster.replication.ClusterFiles;
import dev.actorspring.cluster.replication.ReplicatingStateStore;
import dev.actorspring.persistence.StateStoreDecorator;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import dev.actorspring.runtime.ActorRuntime;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

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

	@Bean(destroyMethod = "close")
	ClusterFiles actorClusterFiles(ActorSystem<Void> actorClusterSystem, SqliteStateStore store,
			ActorClusterProperties properties) {
		return new ClusterFiles(actorClusterSystem, store.layout(), properties.getRequestTimeout());
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
			ClusterFiles actorClusterFiles, ActorClusterProperties clusterProperties, ActorProperties properties,
			ConfigurableApplicationContext context) {
		return new ClusterLifecycle(actorClusterSystem, runtime, actorClusterFiles, clusterProperties,
				properties.getShutdownTimeout(), context);
	}

}
