package dev.actorspring.cluster.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.actorspring.autoconfigure.ActorAutoConfiguration;
import dev.actorspring.autoconfigure.ActorProperties;
import dev.actorspring.cluster.replication.ClusterFiles;
import dev.actorspring.cluster.replication.ReplicatingStateStore;
import dev.actorspring.cluster.sharding.ShardedPlacement;
import dev.actorspring.cluster.transport.TlsEngineProvider;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.persistence.StateStoreDecorator;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import dev.actorspring.cluster.view.ClusterMetrics;
import dev.actorspring.cluster.view.ClusterStats;
import dev.actorspring.cluster.view.ClusterView;
import dev.actorspring.runtime.ActorRegistry;
import dev.actorspring.runtime.ActorPlacementFactory;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.definition.ActorDefinition;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Cluster mode: a Pekko actor system that joins the cluster of {@code actor.cluster.*}, the runtime's placement
 * that routes its requests through Pekko Cluster Sharding, and the lifecycle that leaves the cluster gracefully.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class)
@ConditionalOnBean(ActorRuntime.class)
@ConditionalOnProperty(prefix = "actor.cluster", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ActorClusterProperties.class)
public final class ActorClusterAutoConfiguration {

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	ActorSystem<Void> actorClusterSystem(ActorClusterProperties properties, ConfigurableApplicationContext context,
			ObjectProvider<SslBundles> sslBundles) {
		String bundleName = properties.getTls().getBundle();
		String bundleId = null;
		if (bundleName != null && !bundleName.isBlank()) {
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null) {
				throw new IllegalStateException("actor.cluster.tls.bundle=" + bundleName
						+ " names an SSL bundle, but there are none: define it under spring.ssl.bundle.");
			}
			SslBundle bundle = bundles.getBundle(bundleName);
			if (bundle.getStores().getTrustStore() == null) {
				// without one, the JDK's public CAs would be trusted: anyone with a public certificate could join
				throw new IllegalStateException("actor.cluster.tls.bundle=" + bundleName + " needs a trust store "
						+ "(spring.ssl.bundle.*." + bundleName + ".truststore.*, or a PEM truststore) holding the cluster's "
						+ "own certificate or CA: the nodes accept only peers it trusts.");
			}
			bundleId = TlsEngineProvider.register(new TlsEngineProvider.Settings(bundle.createSslContext(),
					bundle.getOptions().getCiphers(), bundle.getOptions().getEnabledProtocols()));
		}
		ActorSystem<Void> system;
		try {
			system = ActorSystem.create(Behaviors.empty(), properties.getSystemName(),
					PekkoConfigFactory.create(properties, context.getClassLoader(), bundleId));
		}
		catch (RuntimeException ex) {
			if (bundleId != null) {
				TlsEngineProvider.unregister(bundleId);
			}
			throw ex;
		}
		String registered = bundleId;
		if (registered != null) {
			system.getWhenTerminated().thenRun(() -> TlsEngineProvider.unregister(registered));
		}
		return system;
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
		return new ClusterFiles(actorClusterSystem, store.layout(), properties.getRequestTimeout(), actorClusterStats,
				properties.getCopies());
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

	/** Where entities acquire their files (blocking file copies). */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService actorClusterAcquisitions() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("actor-cluster-acquire-");
		threads.setDaemon(true);
		return Executors.newCachedThreadPool(threads);
	}

	/** The runtime's placement: every request goes to the entity of its instance, wherever Pekko put it. */
	@Bean
	ActorPlacementFactory actorClusterPlacement(ActorSystem<Void> actorClusterSystem, ActorRegistry registry,
			ActorCodec codec, ClusterFiles actorClusterFiles, ClusterView actorClusterView,
			ExecutorService actorClusterAcquisitions, ActorClusterProperties clusterProperties) {
		return (local) -> new ShardedPlacement(actorClusterSystem, local, registry, codec, actorClusterFiles,
				actorClusterView, actorClusterAcquisitions, clusterProperties.getRequestTimeout());
	}

	@Bean
	ClusterLifecycle actorClusterLifecycle(ActorSystem<Void> actorClusterSystem, ActorProperties properties,
			ConfigurableApplicationContext context) {
		return new ClusterLifecycle(actorClusterSystem, properties.getShutdownTimeout(), context);
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
