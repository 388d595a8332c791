package dev.actorspring.api;

import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One actor instance as seen from its actions and hooks. Only valid on the instance's own turn: do not keep
 * it or use it from another thread.
 *
 * @param <S> the state type
 */
public interface ActorContext<S> {

	/**
	 * The actor type name, as in {@link Actor#value()}.
	 * @return the actor type name
	 */
	String name();

	/**
	 * The key of this instance.
	 * @return the key
	 */
	String key();

	/**
	 * The parts of this instance's key, read by {@link ActorKey}'s rule: {@code ["acme", "general"]} for an actor
	 * reached with the compound key {@code ActorKey.of("acme", "general")}, one part for a plain key.
	 * @return the key's parts
	 */
	default List<String> keyParts() {
		return ActorKey.parts(key());
	}

	/**
	 * The stable id of this instance, generated when it was created.
	 * @return the actor id
	 */
	String actorId();

	/**
	 * The current state. Mutate it in place, or replace it with {@link #setState(Object)} (records).
	 * @return the state ({@code null} only while {@link CreateState} runs)
	 */
	S state();

	/**
	 * Replaces the state, for immutable state types.
	 * @param state the new state
	 */
	void setState(S state);

	/**
	 * The ephemeral vars returned by {@link CreateVars} on this wake.
	 * @param <V> the vars type
	 * @return the vars, or {@code null} if the actor declares no {@link CreateVars}
	 */
	<V> @Nullable V vars();

	/**
	 * Replaces the vars of this wake (never persisted).
	 * @param vars the new vars
	 */
	void setVars(@Nullable Object vars);

	/**
	 * Sends an event to every connection subscribed to {@code eventName}. Events are delivered after the
	 * turn's state change has been committed, and dropped if the turn fails.
	 * @param eventName the event name
	 * @param args the event arguments, serialized as a JSON array
	 */
	void broadcast(String eventName, Object... args);

	/**
	 * The durable schedules of this instance: run an action later, even across sleep and restarts.
	 * @return the schedules
	 */
	Schedule schedule();

	/**
	 * One of this instance's durable queues ({@link QueueConsumer}): its size and its dead letters.
	 * @param name the queue name
	 * @return the queue, usable only during the current turn
	 * @throws ActorException {@code queue/not_found} if the actor declares no such queue
	 */
	ActorQueue queue(String name);

	/**
	 * Spring's {@link JdbcClient} on this instance's own SQLite database (the file that also holds its state).
	 * What a turn writes with it is committed in the same transaction as the turn's state change, before the
	 * caller gets its answer; if the action throws, both are rolled back. Tables come from the migration
	 * scripts {@code db/actors/{actorName}/V1__init.sql}, {@code V2__...} on the class path. Available in
	 * actions, scheduled actions and lifecycle hooks other than {@code @CreateState}, {@code @OnCreate} and
	 * {@code @OnStateChange}.
	 * @return the client, usable only during the current turn
	 * @throws IllegalStateException if called where no SQL is available
	 */
	JdbcClient sql();

	/**
	 * A client for calling other actors from this one. A call to an actor already waiting in the current call
	 * chain fails with {@code actor/call_cycle}; {@link ActorHandle#tell} never waits.
	 * @return the client
	 */
	ActorClient actors();

	/**
	 * Keeps this instance awake while {@code work} runs (RivetKit's {@code keepAwake}): work started in an action
	 * (a call to another service, a computation on another executor) that must not find its actor asleep when it
	 * ends. While it runs, the instance does not go to sleep for being idle, for at most
	 * {@code actor.keep-awake-timeout} (10 minutes); the sleep timeout counts again from its end. It does not delay
	 * {@link #sleep()}, a destroy or a shutdown. The work must not use this context: to bring its result back, call
	 * an action, for example with {@code actors().get(name(), key()).tell("done", result)}.
	 * @param <T> the work's result type
	 * @param work the running work
	 * @return {@code work}
	 */
	<T> CompletableFuture<T> keepAwake(CompletableFuture<T> work);

	/**
	 * Puts this instance to sleep once the current action's state change is committed: {@code @OnSleep} runs,
	 * open connections are closed, memory and file handles are released. The next request wakes it.
	 */
	void sleep();

	/**
	 * Destroys this instance once the current action's state change is committed: {@code @OnDestroy} runs,
	 * connections are closed and its file is deleted. A later call creates a fresh instance.
	 */
	void destroy();

	/**
	 * The WebSocket connection that called the current action.
	 * @return the calling connection, or {@code null} for REST and in-process calls and for hooks
	 */
	@Nullable Connection connection();

	/**
	 * Who made the current request, as authenticated by the application (for example by Spring Security):
	 * the REST request's or the WebSocket handshake's user principal.
	 * @return the principal, or {@code null} if the request was anonymous, in process, or a schedule
	 */
	@Nullable Principal principal();

	/**
	 * The open WebSocket connections of this instance.
	 * @return a read-only view
	 */
	Collection<? extends Connection> connections();

}
