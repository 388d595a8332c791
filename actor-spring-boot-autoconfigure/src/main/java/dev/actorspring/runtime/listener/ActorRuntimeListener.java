package dev.actorspring.runtime.listener;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the runtime reports as it works, for metrics and logging. Called on the threads doing the work (often a
 * mailbox thread, on the hot path): implementations must be quick and must not throw. Never given an actor
 * key, so that nothing built on it can grow with the number of instances.
 */
public interface ActorRuntimeListener {

	/** A listener that does nothing. */
	ActorRuntimeListener NONE = new ActorRuntimeListener() {
	};

	/**
	 * The runtime started with these actor types.
	 * @param actorNames the actor type names
	 */
	default void started(Collection<String> actorNames) {
	}

	/**
	 * An action is about to run, on the thread that runs it. A listener may return a scope that stays open
	 * while the action runs (for example a Micrometer Observation, so that logs and traces correlate).
	 * @param actorName the actor type
	 * @param action the action
	 * @return a scope to close when the action ends, or {@code null}
	 */
	default @Nullable ActionScope actionStarting(String actorName, String action) {
		return null;
	}

	/**
	 * An action is about to run, on the thread that runs it, for a caller whose context {@link #callerContext()}
	 * captured when the call was sent (so that, for example, the action's Observation is a child of the caller's).
	 * By default the same as {@link #actionStarting(String, String)}.
	 * @param actorName the actor type
	 * @param action the action
	 * @param callerContext what {@link #callerContext()} returned on the caller's thread, a {@link PropagatedContext}
	 * for a caller elsewhere or earlier, or {@code null}
	 * @return a scope to close when the action ends, or {@code null}
	 */
	default @Nullable ActionScope actionStarting(String actorName, String action, @Nullable Object callerContext) {
		return actionStarting(actorName, action);
	}

	/**
	 * Captures, on the thread that sends an action call (a request thread, or the turn of the actor that calls
	 * another one), what the action should run in: handed back to
	 * {@link #actionStarting(String, String, Object)} on the thread that runs the action. On the hot path.
	 * @return the caller's context, or {@code null} for none
	 */
	default @Nullable Object callerContext() {
		return null;
	}

	/**
	 * On the thread that sends a message which leaves this process (a call to another cluster node) or outlives
	 * the current turn (a durable schedule): the propagation fields that carry the current trace context with it,
	 * handed back later as a {@link PropagatedContext} to {@link #actionStarting(String, String, Object)}.
	 * @param actorName the actor type the message goes to
	 * @param action the action it calls
	 * @return the fields (for W3C Trace Context, {@code traceparent}), or an empty map for none
	 */
	default Map<String, String> exportContext(String actorName, String action) {
		return Map.of();
	}

	/**
	 * What {@link #actionStarting} may leave open while an action runs.
	 */
	@FunctionalInterface
	interface ActionScope {

		/**
		 * The action ended.
		 * @param error what it threw, or {@code null}
		 */
		void close(@Nullable Throwable error);

	}

	/**
	 * An action finished its turn (its commit may still be pending).
	 * @param actorName the actor type
	 * @param action the action
	 * @param nanos how long the action ran
	 * @param errorCode {@code null} on success, else the error code the caller gets
	 * @param status the HTTP status of that error, 200 on success
	 */
	default void actionCompleted(String actorName, String action, long nanos, @Nullable String errorCode, int status) {
	}

	/**
	 * A call made with an idempotency key was answered with the outcome kept for that key (or refused because the
	 * key was used for another call), without running the action.
	 * @param actorName the actor type
	 * @param action the action called
	 */
	default void callReplayed(String actorName, String action) {
	}

	/**
	 * An instance was created, woken from its file, put to sleep or destroyed.
	 * @param actorName the actor type
	 * @param event what happened
	 */
	default void lifecycle(String actorName, LifecycleEvent event) {
	}

	/**
	 * A group of turns was committed.
	 * @param actorName the actor type
	 * @param turns how many turns the commit covered
	 * @param nanos how long the commit took
	 * @param bytes the size of the state written
	 */
	default void committed(String actorName, int turns, long nanos, int bytes) {
	}

	/**
	 * An event was emitted and delivered to some connections.
	 * @param actorName the actor type
	 * @param delivered how many connections received it
	 */
	default void eventEmitted(String actorName, int delivered) {
	}

	/**
	 * A scheduled action ran.
	 * @param actorName the actor type
	 * @param succeeded whether it succeeded
	 */
	default void scheduleFired(String actorName, boolean succeeded) {
	}

	/**
	 * A message reached nobody (see {@link DeadLetter.Reason}).
	 * @param letter what it was, never its payload
	 */
	default void deadLetter(DeadLetter letter) {
	}

	/**
	 * A request was refused before reaching an action (bad input, unknown names, overload).
	 * @param reason the error code
	 */
	default void requestRejected(String reason) {
	}

	/**
	 * What can happen in an instance's life.
	 */
	enum LifecycleEvent {

		/** First activation of a new instance. */
		CREATE,

		/** Loaded from its file. */
		WAKE,

		/** Put to sleep. */
		SLEEP,

		/** Destroyed. */
		DESTROY

	}

}
