package dev.actorspring.cluster.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Watches this node's membership and leaves the cluster gracefully: on shutdown, after the web server stopped and
 * before the runtime stops, Pekko's coordinated shutdown hands this node's shards off (each entity puts its
 * instance to sleep, then the shard starts on another node). If Pekko stops by itself (this node was downed), the
 * application stops too. Routing itself starts with the runtime, whose placement is the
 * {@link dev.actorspring.cluster.sharding.ShardedPlacement}.
 */
final class ClusterLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterLifecycle.class);

	private final ActorSystem<Void> system;

	private final Duration shutdownTimeout;

	private final ConfigurableApplicationContext context;

	private volatile boolean running;

	private volatile boolean stopping;

	ClusterLifecycle(ActorSystem<Void> system, Duration shutdownTimeout, ConfigurableApplicationContext context) {
		this.system = system;
		this.shutdownTimeout = shutdownTimeout;
		this.context = context;
	}

	@Override
	public void start() {
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
