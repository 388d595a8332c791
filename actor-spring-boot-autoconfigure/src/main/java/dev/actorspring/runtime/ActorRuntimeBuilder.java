package dev.actorspring.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import dev.actorspring.api.ActorClient;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.persistence.StateStore;
import dev.actorspring.runtime.instance.InstanceServices;
import dev.actorspring.runtime.instance.LocalPlacement;
import dev.actorspring.runtime.instance.ScheduleTimer;
import dev.actorspring.runtime.invoke.MethodInvoker;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.listener.CompositeActorRuntimeListener;
import dev.actorspring.runtime.listener.DeadLetters;
import dev.actorspring.runtime.listener.EventTap;
import org.jspecify.annotations.Nullable;

/**
 * Wires an {@link ActorRuntime}: the one place that does, used by the auto-configuration and by the test kit. The
 * registry, codec, state store, mailbox executor and timer are required; everything else has a default.
 */
public final class ActorRuntimeBuilder {

	private @Nullable ActorRegistry registry;

	private @Nullable ActorCodec codec;

	private @Nullable StateStore store;

	private @Nullable Executor executor;

	private @Nullable ScheduledExecutorService timer;

	private int maxBatch = 256;

	private Duration sleepTimeout = Duration.ofSeconds(60);

	private Duration actionTimeout = Duration.ofSeconds(30);

	private Supplier<ActorClient> client = () -> {
		throw new IllegalStateException("No ActorClient was given to this runtime");
	};

	private ActorRuntimeListener listener = ActorRuntimeListener.NONE;

	private @Nullable EventTap eventTap;

	/** How many of the most recent dead letters the inspector shows. */
	private static final int RECENT_DEAD_LETTERS = 100;

	private InstanceServices.Limits limits = InstanceServices.Limits.DEFAULT;

	private InstanceServices.Idempotency idempotency = InstanceServices.Idempotency.DEFAULT;

	private int scheduleMaxAttempts = 5;

	private Duration scheduleBackoff = Duration.ofSeconds(1);

	private Clock clock = Clock.systemUTC();

	private boolean automaticSchedules = true;

	private ActorPlacementFactory placement = (local) -> local;

	ActorRuntimeBuilder() {
	}

	/** The actor types (filled at startup; read when the runtime starts). */
	public ActorRuntimeBuilder registry(ActorRegistry registry) {
		this.registry = registry;
		return this;
	}

	/** JSON conversion of arguments, outputs, state and events. */
	public ActorRuntimeBuilder codec(ActorCodec codec) {
		this.codec = codec;
		return this;
	}

	/** Where instances keep their state. */
	public ActorRuntimeBuilder store(StateStore store) {
		this.store = store;
		return this;
	}

	/** The pool that runs mailboxes. */
	public ActorRuntimeBuilder executor(Executor executor) {
		this.executor = executor;
		return this;
	}

	/** A scheduler for housekeeping and durable schedules' timers; its tasks are short. */
	public ActorRuntimeBuilder timer(ScheduledExecutorService timer) {
		this.timer = timer;
		return this;
	}

	/** The most messages one mailbox run takes, and so the most actions one group commit holds (default 256). */
	public ActorRuntimeBuilder maxBatch(int maxBatch) {
		this.maxBatch = Math.max(1, maxBatch);
		return this;
	}

	/** How long an idle instance stays awake unless its type says otherwise (default 60 s). */
	public ActorRuntimeBuilder sleepTimeout(Duration sleepTimeout) {
		this.sleepTimeout = sleepTimeout;
		return this;
	}

	/**
	 * How long a caller waits for an action's answer unless the action declares its own
	 * ({@code @Action(timeout = ...)}); default 30 s.
	 */
	public ActorRuntimeBuilder actionTimeout(Duration actionTimeout) {
		this.actionTimeout = actionTimeout;
		return this;
	}

	/** The client actors get from {@code ActorContext.actors()}, resolved on first use. */
	public ActorRuntimeBuilder client(Supplier<ActorClient> client) {
		this.client = client;
		return this;
	}

	/** Told what the runtime does, for metrics and observations; a listener that throws is logged, not obeyed. */
	public ActorRuntimeBuilder listener(ActorRuntimeListener listener) {
		this.listener = (listener == ActorRuntimeListener.NONE || listener instanceof CompositeActorRuntimeListener)
				? listener : CompositeActorRuntimeListener.of(List.of(listener));
		return this;
	}

	/** Sees every delivered event with its instance's key (tests). */
	public ActorRuntimeBuilder eventTap(@Nullable EventTap eventTap) {
		this.eventTap = eventTap;
		return this;
	}

	/** The bounds on mailboxes, states and connections. */
	public ActorRuntimeBuilder limits(int mailboxCapacity, int maxStateBytes, int maxConnections) {
		this.limits = new InstanceServices.Limits(mailboxCapacity, maxStateBytes, maxConnections,
				this.limits.keepAwakeTimeout());
		return this;
	}

	/**
	 * How long work passed to {@code ActorContext.keepAwake} keeps an idle instance awake at most (default 10
	 * minutes).
	 */
	public ActorRuntimeBuilder keepAwakeTimeout(Duration keepAwakeTimeout) {
		if (keepAwakeTimeout.isNegative() || keepAwakeTimeout.isZero()) {
			throw new IllegalArgumentException("actor.keep-awake-timeout must be positive, not " + keepAwakeTimeout);
		}
		this.limits = new InstanceServices.Limits(this.limits.mailboxCapacity(), this.limits.maxStateBytes(),
				this.limits.maxConnections(), keepAwakeTimeout);
		return this;
	}

	/**
	 * How long each instance keeps the outcomes of the calls made with an idempotency key (default a day), and how
	 * many at most (default 10,000).
	 */
	public ActorRuntimeBuilder idempotency(Duration retention, int maxKeys) {
		if (retention.isNegative() || retention.isZero() || maxKeys < 1) {
			throw new IllegalArgumentException("actor.idempotency.retention must be positive and "
					+ "actor.idempotency.max-keys at least 1, not " + retention + " and " + maxKeys);
		}
		this.idempotency = new InstanceServices.Idempotency(retention, maxKeys);
		return this;
	}

	/** How often a failing scheduled action runs, and the delay before its first retry (doubled each time). */
	public ActorRuntimeBuilder scheduleRetries(int maxAttempts, Duration backoff) {
		this.scheduleMaxAttempts = maxAttempts;
		this.scheduleBackoff = backoff;
		return this;
	}

	/**
	 * The clock schedules are due by, and whether due schedules fire by themselves (if not, only
	 * {@link ActorRuntime#fireDueSchedules()} runs them: tests that move the clock).
	 */
	public ActorRuntimeBuilder scheduleClock(Clock clock, boolean automatic) {
		this.clock = clock;
		this.automaticSchedules = automatic;
		return this;
	}

	/**
	 * Where requests run: by default on this node; cluster mode wraps the local placement in its own.
	 * @param placement makes the placement from the local one
	 * @return this builder
	 */
	public ActorRuntimeBuilder placement(ActorPlacementFactory placement) {
		this.placement = placement;
		return this;
	}

	public ActorRuntime build() {
		ActorRegistry registry = Objects.requireNonNull(this.registry, "registry");
		ActorCodec codec = Objects.requireNonNull(this.codec, "codec");
		StateStore store = Objects.requireNonNull(this.store, "store");
		ScheduledExecutorService timer = Objects.requireNonNull(this.timer, "timer");
		ScheduleTimer scheduleTimer = new ScheduleTimer(store.scheduleIndex(), timer, this.scheduleMaxAttempts,
				this.scheduleBackoff, this.clock, this.automaticSchedules);
		DeadLetters deadLetters = new DeadLetters(this.listener, RECENT_DEAD_LETTERS);
		InstanceServices services = new InstanceServices(codec, new MethodInvoker(codec), store,
				Objects.requireNonNull(this.executor, "executor"), this.maxBatch, this.sleepTimeout, this.client,
				scheduleTimer, this.listener, this.eventTap, this.limits, this.idempotency, deadLetters);
		LocalPlacement local = new LocalPlacement(services);
		return new ActorRuntime(registry, codec, local, this.placement.create(local), this.listener, deadLetters,
				timer, this.sleepTimeout, this.actionTimeout);
	}

}
