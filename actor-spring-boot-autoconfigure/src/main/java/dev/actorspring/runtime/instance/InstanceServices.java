package dev.actorspring.runtime.instance;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import dev.actorspring.api.ActorClient;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.persistence.StoredOutcome;
import dev.actorspring.persistence.StateStore;
import dev.actorspring.runtime.invoke.MethodInvoker;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.listener.DeadLetters;
import dev.actorspring.runtime.listener.EventTap;
import org.jspecify.annotations.Nullable;

/**
 * What every instance uses, shared by all of them. Built by {@code ActorRuntime.builder()}, the one place that
 * wires a runtime.
 *
 * @param codec JSON conversion
 * @param invoker method invocation
 * @param store state storage
 * @param executor the bounded pool that runs mailboxes
 * @param maxBatch the most messages one mailbox run processes, and so the most actions one group commit holds
 * @param sleepTimeout how long an idle instance stays awake, unless its type says otherwise
 * @param client the client handed to actors by {@code ActorContext.actors()}, resolved on first use
 * @param scheduleTimer wakes instances whose schedules are due
 * @param listener told what the instances do, for metrics
 * @param eventTap sees every emitted event with its instance's key, or {@code null} (tests)
 * @param limits the bounds on mailboxes, states and connections
 * @param idempotency how long the outcomes of calls made with an idempotency key are kept
 * @param deadLetters where messages that reached nobody are reported
 */
public record InstanceServices(ActorCodec codec, MethodInvoker invoker, StateStore store, Executor executor,
		int maxBatch, Duration sleepTimeout, Supplier<ActorClient> client, ScheduleTimer scheduleTimer,
		ActorRuntimeListener listener, @Nullable EventTap eventTap, Limits limits, Idempotency idempotency,
		DeadLetters deadLetters) {

	/**
	 * How long each instance keeps the outcomes of the calls made with an idempotency key, and how many at most: a
	 * retry with the same key gets the kept outcome while it is kept, and runs the action again afterwards.
	 *
	 * @param retention how long an outcome is kept at least (older ones are removed when new ones are kept)
	 * @param maxKeys the most outcomes one instance keeps (the oldest go first)
	 */
	public record Idempotency(Duration retention, int maxKeys) {

		/** A day, and 10,000 keys per instance. */
		public static final Idempotency DEFAULT = new Idempotency(Duration.ofHours(24), 10_000);

		StoredOutcome.Retention retention(long nowMillis) {
			return new StoredOutcome.Retention(nowMillis - this.retention.toMillis(), this.maxKeys);
		}

	}

	/**
	 * The bounds that protect an instance and the process.
	 *
	 * @param mailboxCapacity the most requests waiting in one mailbox; more are refused with
	 * {@code overloaded}
	 * @param maxStateBytes the largest state, as JSON; an action producing a larger one fails with
	 * {@code state_too_large} and is rolled back
	 * @param maxConnections the most WebSocket connections to one instance
	 * @param keepAwakeTimeout how long work passed to {@code ActorContext.keepAwake} keeps an idle instance from
	 * sleeping at most
	 */
	public record Limits(int mailboxCapacity, int maxStateBytes, int maxConnections, Duration keepAwakeTimeout) {

		/** Generous bounds, for tests. */
		public static final Limits DEFAULT = new Limits(1000, 16 * 1024 * 1024, 10_000);

		/** Bounds with the default keep-awake timeout, 10 minutes. */
		public Limits(int mailboxCapacity, int maxStateBytes, int maxConnections) {
			this(mailboxCapacity, maxStateBytes, maxConnections, Duration.ofMinutes(10));
		}

	}
}
