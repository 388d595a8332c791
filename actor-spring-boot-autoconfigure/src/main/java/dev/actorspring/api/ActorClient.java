package dev.actorspring.api;

import java.util.List;

/**
 * Calls actors in process: inject it in controllers and services, or use {@link ActorContext#actors()} inside
 * actors. Handles are cheap and create nothing until used (get-or-create on the first call).
 *
 * <p>Inside an action, a call to an actor that is already waiting in the current call chain (A calls B calls
 * A) fails at once with {@code actor/call_cycle} instead of deadlocking; {@link ActorHandle#tell} never waits
 * and so never cycles.
 */
public interface ActorClient {

	/**
	 * A handle on one actor instance.
	 * @param actorName the actor type name
	 * @param key the instance key
	 * @return the handle
	 */
	ActorHandle get(String actorName, String key);

	/**
	 * A handle on one actor instance, naming the type by its class.
	 * @param actorClass a class annotated with {@link Actor}
	 * @param key the instance key
	 * @return the handle
	 */
	ActorHandle get(Class<?> actorClass, String key);

	/**
	 * A handle on one actor instance with a compound key (tenant, room), mapped to one key by {@link ActorKey}'s
	 * rule.
	 * @param actorName the actor type name
	 * @param key the key's parts
	 * @return the handle
	 */
	default ActorHandle get(String actorName, List<String> key) {
		return get(actorName, ActorKey.of(key));
	}

	/**
	 * A handle on one actor instance with a compound key, naming the type by its class.
	 * @param actorClass a class annotated with {@link Actor}
	 * @param key the key's parts
	 * @return the handle
	 */
	default ActorHandle get(Class<?> actorClass, List<String> key) {
		return get(actorClass, ActorKey.of(key));
	}

	/**
	 * A typed proxy whose methods call the actor's actions of the same name (or the name given with
	 * {@link Action} on the interface method). Methods returning {@code CompletableFuture<T>} or
	 * {@code CompletionStage<T>} answer asynchronously; others wait for the answer.
	 * @param <T> the interface type
	 * @param api an interface annotated with {@link ActorProxy}
	 * @param key the instance key
	 * @return the proxy
	 */
	<T> T proxy(Class<T> api, String key);

	/**
	 * A typed proxy on an actor type named explicitly.
	 * @param <T> the interface type
	 * @param api an interface
	 * @param actorName the actor type name
	 * @param key the instance key
	 * @return the proxy
	 */
	<T> T proxy(Class<T> api, String actorName, String key);

}
