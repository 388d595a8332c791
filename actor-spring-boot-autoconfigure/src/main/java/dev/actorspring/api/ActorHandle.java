package dev.actorspring.api;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * One actor instance, seen from a caller. Arguments are converted to the action's parameter types as if they
 * had come as JSON; failures complete the future with an {@link ActorException} carrying the same code a REST
 * caller would get.
 */
public interface ActorHandle {

	/**
	 * The actor type name.
	 * @return the name
	 */
	String name();

	/**
	 * The instance key.
	 * @return the key
	 */
	String key();

	/**
	 * This handle with an idempotency key: its calls and tells carry the key, so the instance applies the call once
	 * however often it is sent. The first call commits its outcome (its output, or its refusal) with its changes; a
	 * later call with the same key, even after a restart, gets that outcome without running the action again, and
	 * one with the same key but another action or other arguments fails with {@code idempotency_key_reused}. Use
	 * one key per logical operation, for example a UUID made when the operation was decided, and send it again
	 * with every retry.
	 * @param idempotencyKey 1 to 255 visible ASCII characters
	 * @return a handle whose calls carry the key
	 * @throws ActorException {@code invalid_idempotency_key}
	 */
	ActorHandle withIdempotencyKey(String idempotencyKey);

	/**
	 * Calls an action and converts its result.
	 * @param <T> the result type
	 * @param resultType the result type
	 * @param action the action name
	 * @param args the arguments
	 * @return the result, after the action's state change was committed
	 */
	<T> CompletableFuture<@Nullable T> call(Class<T> resultType, String action, Object... args);

	/**
	 * Calls an action whose result is read as plain JSON values (maps, lists, strings, numbers, booleans).
	 * @param action the action name
	 * @param args the arguments
	 * @return the result
	 */
	CompletableFuture<@Nullable Object> call(String action, Object... args);

	/**
	 * Sends an action without waiting for it (fire and forget); a failure is only logged. Never part of a call
	 * chain, so it cannot cycle.
	 * @param action the action name
	 * @param args the arguments
	 */
	void tell(String action, Object... args);

	/**
	 * Publishes a message to one of the instance's durable queues ({@link QueueConsumer}), creating the instance if
	 * needed.
	 * @param queue the queue name
	 * @param body the message body, converted to the consumer's parameter type as a call's argument would be
	 * @return the message id, once the message is committed in the instance's file; fails with
	 * {@code queue/not_found}, {@code queue/full} ({@code 429}) or {@code invalid_arguments}
	 */
	CompletableFuture<Long> enqueue(String queue, Object body);

	/**
	 * Publishes a message as {@link #enqueue(String, Object)} does, and waits until it was consumed: the consumer's
	 * turn committed, or the message moved to the dead letters after its last attempt (the future then fails with
	 * the last attempt's error). Waits at most {@code actor.action-timeout} ({@code action_timed_out}); the message
	 * stays in the queue either way. Fails with {@code queue/message_removed} if the actor's own SQL deleted the
	 * message from its queue before it was consumed.
	 * @param <T> the result type
	 * @param resultType the type of what the consumer returns
	 * @param queue the queue name
	 * @param body the message body
	 * @return what the consumer returned
	 */
	<T> CompletableFuture<@Nullable T> enqueueAndWait(Class<T> resultType, String queue, Object body);

	/**
	 * Creates the instance explicitly, passing {@code input} to its {@code @CreateState} and {@code @OnCreate}.
	 * @param input the create input, or {@code null}
	 * @return the new instance's actor id; fails with {@code actor_already_exists} if it exists
	 */
	CompletableFuture<String> create(@Nullable Object input);

	/**
	 * Destroys the instance.
	 * @return completes once it is gone
	 */
	CompletableFuture<Void> destroy();

}
