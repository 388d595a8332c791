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
