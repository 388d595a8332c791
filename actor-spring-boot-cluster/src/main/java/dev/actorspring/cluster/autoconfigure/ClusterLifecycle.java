package dev.actorspring.cluster.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.actorspring.cluster.replication.ClusterFiles;
import dev.actorspring.cluster.sharding.ShardedPlacement;
import dev.actorspring.cluster.view.ClusterView;
import dev.actorspring.runtime.ActorRuntime;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Starts routing through Pekko once the runtime runs and before the web server takes requests; on shutdown,
 * after the web server stopped and before the runtime stops, leaves the cluster gracefully (Pekko's coordinated
 * shutdown hands this node's shards off: each entity puts its instance to sleep, then the shard starts on another
 * node). If Pekko stops by itself (this node was downed), the application stops too.
 */
final class ClusterLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterLifecycle.class);

	private final ActorSystem<Void> system;

	private final ActorRuntime runtime;

	private final ClusterFiles files;

	private final ClusterView view;

	private final ExecutorService acquisitions;

	private final ActorClusterProperties properties;

	private final Duration shutdownTimeout;

	private final ConfigurableApplicationContext context;

	private volatile boolean running;

	private volatile boolean stopping;

	ClusterLifecycle(ActorSystem<Void> system, ActorRuntime runtime, ClusterFiles files, ClusterView view,
			ActorClusterProperties properties, Duration shutdownTimeout, ConfigurableApplicationContext context) {
		this.system = system;
		this.runtime = runtime;
		this.files = files;
		this.view = view;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("actor-cluster-acquire-");
		threads.setDaemon(true);
		this.acquisitions = Executors.newCachedThreadPool(threads);
		this.properties = properties;
		this.shutdownTimeout = shutdownTimeout;
		this.context = context;
	}

	@Override
	public void start() {
		this.runtime.placeWith(new ShardedPlacement(this.system, this.runtime, this.files, this.view,
				this.acquisitions, this.properties.getRequestTimeout()));
		this.system.getWhenTerminated().thenRun(() -> {
			if (!this.stopping) {
				logger.error("This node left the Pekko cluster (it was downed or could not join); stopping the application");
				Thread exit = new Thread(() -> System.exit(SpringApplication.exit(this.context, () -> 1)));
				exit.start();
			}
		});
		this.running = true;
	}

	@Override
	public void stop() {
		this.stopping = true;
		try {
			CoordinatedShutdown.get(Adapter.toClassic(this.system))
				.runAll(CoordinatedShutdown.unknownReason())
				.toCompletableFuture()
				.get(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Leaving the cluster did not finish within " + this.shutdownTimeout + ": " + ex);
		}
		this.acquisitions.shutdownNow();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the web server (stopped first) and before the runtime (phase 0, stopped last). */
	@Override
	public int getPhase() {
		return 512;
	}

}
