package dev.actorspring.runtime;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.instance.LocalPlacement;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.placement.ActorPlacement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime does by itself: starts the placement, sweeps idle instances to sleep, sends instances whose
 * durable schedules are due through the placement, and at shutdown puts every instance of this node to sleep.
 */
final class Housekeeping {

	private static final Log logger = LogFactory.getLog(Housekeeping.class);

	private final ActorRegistry registry;

	private final LocalPlacement local;

	private final ActorPlacement placement;

	private final ActorRuntimeListener listener;

	private final ScheduledExecutorService timer;

	private final Duration defaultSleepTimeout;

	private final BooleanSupplier running;

	private @Nullable ScheduledFuture<?> idleSweep;

	Housekeeping(ActorRegistry registry, LocalPlacement local, ActorPlacement placement, ActorRuntimeListener listener,
			ScheduledExecutorService timer, Duration defaultSleepTimeout, BooleanSupplier running) {
		this.registry = registry;
		this.local = local;
		this.placement = placement;
		this.listener = listener;
		this.timer = timer;
		this.defaultSleepTimeout = defaultSleepTimeout;
		this.running = running;
	}

	synchronized void start() {
		if (this.idleSweep != null) {
			return;
		}
		this.placement.start();
		Duration shortest = this.registry.definitions()
			.stream()
			.map((definition) -> (definition.sleepTimeout() != null) ? definition.sleepTimeout()
					: this.defaultSleepTimeout)
			.min(Duration::compareTo)
			.orElse(this.defaultSleepTimeout);
		this.listener.started(this.registry.definitions().stream().map(ActorDefinition::name).toList());
		long period = Math.max(10, Math.min(1000, shortest.toMillis() / 4));
		this.idleSweep = this.timer.scheduleWithFixedDelay(this::sleepIdleInstances, period, period,
				TimeUnit.MILLISECONDS);
		this.local.startSchedules(this::fireSchedules);
	}

	void stop(Duration timeout) {
		synchronized (this) {
			if (this.idleSweep != null) {
				this.idleSweep.cancel(false);
			}
		}
		this.local.stopSchedules();
		try {
			this.local.sleepAll().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Not every actor went to sleep within " + timeout + ": " + ex);
		}
	}

	private void sleepIdleInstances() {
		try {
			this.local.sleepIdle();
		}
		catch (RuntimeException ex) {
			logger.error("Idle sweep failed", ex);
		}
	}

	private void fireSchedules(String name, String key) {
		if (!this.running.getAsBoolean()) {
			return;
		}
		ActorDefinition type = this.registry.find(name);
		if (type == null) {
			logger.warn("Forgetting the schedules of " + name + "/" + ActorErrors.truncate(key)
					+ ": no actor type has that name");
			this.local.forgetSchedules(name, key);
			return;
		}
		this.placement.fireSchedules(type, key).whenComplete((done, failure) -> {
			if (failure != null) {
				logger.warn("Due schedules of " + name + "/" + ActorErrors.truncate(key) + " did not run, retrying later: "
						+ failure);
				this.local.retrySchedulesLater(name, key);
			}
		});
	}

}
