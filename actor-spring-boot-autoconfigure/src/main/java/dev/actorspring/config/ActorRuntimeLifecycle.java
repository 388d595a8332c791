package dev.actorspring.config;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import dev.actorspring.runtime.ActorRuntime;

import org.springframework.context.SmartLifecycle;

/**
 * Stops the runtime after the web server has stopped taking requests: every instance runs {@code @OnSleep}
 * and closes its file, then the mailbox executor shuts down.
 */
public final class ActorRuntimeLifecycle implements SmartLifecycle {

	private final ActorRuntime runtime;

	private final ExecutorService executor;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	public ActorRuntimeLifecycle(ActorRuntime runtime, ExecutorService executor, Duration shutdownTimeout) {
		this.runtime = runtime;
		this.executor = executor;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public void start() {
		this.runtime.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.runtime.stop(this.shutdownTimeout);
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Below the web server's phases, so the runtime stops after the server. */
	@Override
	public int getPhase() {
		return 0;
	}

}
