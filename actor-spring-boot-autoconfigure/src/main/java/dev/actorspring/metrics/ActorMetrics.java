package dev.actorspring.metrics;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.placement.TypeFigures;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.listener.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Records what the runtime reports as Micrometer meters, all named {@code actor.*} and tagged by actor type,
 * action, outcome or reason: never by actor key. The names and tags are listed in {@code docs/metrics.md}.
 */
public final class ActorMetrics implements ActorRuntimeListener {

	private static final long FIGURES_MAX_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final MeterRegistry registry;

	private final Supplier<ActorRuntime> runtime;

	/** The actor.action timers by actor type, action and outcome (success, client error, server error). */
	private final Map<String, Map<String, Timer[]>> actionTimers = new ConcurrentHashMap<>();

	private static final String[] OUTCOMES = { "success", "client_error", "server_error" };

	private final Map<String, TypeMeters> typeMeters = new ConcurrentHashMap<>();

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	private volatile Figures figures = new Figures(0, Map.of());

	/**
	 * Creates the metrics.
	 * @param registry where meters go
	 * @param runtime the runtime, resolved when gauges are first read
	 */
	public ActorMetrics(MeterRegistry registry, Supplier<ActorRuntime> runtime) {
		this.registry = registry;
		this.runtime = runtime;
	}

	@Override
	public void started(Collection<String> actorNames) {
		for (String name : actorNames) {
			gauge("actor.instances.awake", "Instances in memory", name, TypeFigures::instances);
			gauge("actor.mailbox.size", "Messages waiting in the mailboxes of this type", name,
					TypeFigures::queued);
			gauge("actor.mailbox.size.max", "Messages waiting in the fullest mailbox of this type", name,
					TypeFigures::maxQueued);
			gauge("actor.websocket.connections", "Open WebSocket connections", name,
					TypeFigures::connections);
			meters(name);
		}
	}

	@Override
	public void actionCompleted(String actorName, String action, long nanos, @Nullable String errorCode, int status) {
		int outcome = (errorCode == null) ? 0 : (status < 500) ? 1 : 2;
		Map<String, Timer[]> actions = this.actionTimers.get(actorName);
		if (actions == null) {
			actions = this.actionTimers.computeIfAbsent(actorName, (name) -> new ConcurrentHashMap<>());
		}
		Timer[] timers = actions.get(action);
		if (timers == null) {
			timers = actions.computeIfAbsent(action, (name) -> new Timer[OUTCOMES.length]);
		}
		Timer timer = timers[outcome];
		if (timer == null) {
			timer = actionTimer(actorName, action, OUTCOMES[outcome]);
			timers[outcome] = timer;
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void deadLetter(DeadLetter letter) {
		meters(letter.actorType()).deadLetters.get(letter.reason()).increment();
	}

	@Override
	public void callReplayed(String actorName, String action) {
		meters(actorName).replays.increment();
	}

	@Override
	public void lifecycle(String actorName, LifecycleEvent event) {
		meters(actorName).lifecycle.get(event).increment();
	}

	@Override
	public void committed(String actorName, int turns, long nanos, int bytes) {
		TypeMeters meters = meters(actorName);
		meters.commit.record(nanos, TimeUnit.NANOSECONDS);
		meters.commitBytes.record(bytes);
		meters.commitTurns.record(turns);
	}

	@Override
	public void eventEmitted(String actorName, int delivered) {
		TypeMeters meters = meters(actorName);
		meters.eventsEmitted.increment();
		meters.eventsDelivered.increment(delivered);
	}

	@Override
	public void scheduleFired(String actorName, boolean succeeded) {
		TypeMeters meters = meters(actorName);
		(succeeded ? meters.schedulesSucceeded : meters.schedulesFailed).increment();
	}

	@Override
	public void requestRejected(String reason) {
		this.rejected.computeIfAbsent(reason, (code) -> Counter.builder("actor.requests.rejected")
			.description("Requests refused before reaching an actor, by error code")
			.tag("reason", code)
			.register(this.registry)).increment();
	}

	/** Registering twice returns the same timer, so a race between two first recordings is harmless. */
	private Timer actionTimer(String actorName, String action, String outcome) {
		return Timer.builder("actor.action")
			.description("Actions: how long each ran on its instance")
			.tags("actor.type", actorName, "actor.action", action, "outcome", outcome)
			.publishPercentileHistogram()
			.register(this.registry);
	}

	private TypeMeters meters(String actorName) {
		return this.typeMeters.computeIfAbsent(actorName, (name) -> new TypeMeters(this.registry, name));
	}

	private void gauge(String meterName, String description, String actorName,
			ToDoubleFunction<TypeFigures> value) {
		Gauge.builder(meterName, this, (metrics) -> {
			TypeFigures current = metrics.figures().get(actorName);
			return (current != null) ? value.applyAsDouble(current) : 0;
		}).description(description).tag("actor.type", actorName).register(this.registry);
	}

	/** The runtime's figures, recomputed at most twice a second however many gauges read them. */
	private Map<String, TypeFigures> figures() {
		Figures current = this.figures;
		long now = System.nanoTime();
		if (now - current.takenAt() > FIGURES_MAX_AGE_NANOS || current.byType().isEmpty()) {
			current = new Figures(now, this.runtime.get().figures());
			this.figures = current;
		}
		return current.byType();
	}

	private record Figures(long takenAt, Map<String, TypeFigures> byType) {
	}

	/** The meters of one actor type. */
	private static final class TypeMeters {

		final Map<LifecycleEvent, Counter> lifecycle = new java.util.EnumMap<>(LifecycleEvent.class);

		final Timer commit;

		final DistributionSummary commitBytes;

		final DistributionSummary commitTurns;

		final Counter eventsEmitted;

		final Counter eventsDelivered;

		final Counter schedulesSucceeded;

		final Counter schedulesFailed;

		final Counter replays;

		final Map<DeadLetter.Reason, Counter> deadLetters = new java.util.EnumMap<>(DeadLetter.Reason.class);

		TypeMeters(MeterRegistry registry, String actorName) {
			for (LifecycleEvent event : LifecycleEvent.values()) {
				this.lifecycle.put(event, Counter.builder("actor.lifecycle")
					.description("Instances created, woken from their file, put to sleep, destroyed")
					.tags("actor.type", actorName, "event", event.name().toLowerCase(java.util.Locale.ROOT))
					.register(registry));
			}
			this.commit = Timer.builder("actor.commit")
				.description("Commits of state changes, one per group of turns")
				.tag("actor.type", actorName)
				.register(registry);
			this.commitBytes = DistributionSummary.builder("actor.commit.bytes")
				.description("Size of the state written by a commit")
				.baseUnit("bytes")
				.tag("actor.type", actorName)
				.register(registry);
			this.commitTurns = DistributionSummary.builder("actor.commit.turns")
				.description("Turns covered by one commit (group commit)")
				.tag("actor.type", actorName)
				.register(registry);
			this.eventsEmitted = Counter.builder("actor.events.emitted")
				.description("Events broadcast or sent by actors")
				.tag("actor.type", actorName)
				.register(registry);
			this.eventsDelivered = Counter.builder("actor.events.delivered")
				.description("Event frames delivered to connections")
				.tag("actor.type", actorName)
				.register(registry);
			this.schedulesSucceeded = Counter.builder("actor.schedule.fired")
				.description("Scheduled actions run")
				.tags("actor.type", actorName, "outcome", "success")
				.register(registry);
			this.schedulesFailed = Counter.builder("actor.schedule.fired")
				.description("Scheduled actions run")
				.tags("actor.type", actorName, "outcome", "failure")
				.register(registry);
			this.replays = Counter.builder("actor.idempotency.replays")
				.description("Calls with an idempotency key answered by the outcome kept for it, without running the action")
				.tag("actor.type", actorName)
				.register(registry);
			for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
				this.deadLetters.put(reason, Counter.builder("actor.dead.letters")
					.description("Messages that reached nobody: refused by a full mailbox or at shutdown, a tell "
							+ "that failed, a scheduled action dropped, an event for a connection that is gone")
					.tags("actor.type", actorName, "reason", reason.tag())
					.register(registry));
			}
		}

	}

}
