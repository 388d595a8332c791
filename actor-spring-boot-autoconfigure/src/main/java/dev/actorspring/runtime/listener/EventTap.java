package dev.actorspring.runtime.listener;

/**
 * Sees every event an instance emits, with the instance's key, as it is delivered. For tests (the
 * {@code ActorTestKit} records events with it); not for metrics, which must not know keys.
 */
@FunctionalInterface
public interface EventTap {

	/**
	 * An event was emitted.
	 * @param actorName the actor type
	 * @param key the instance key
	 * @param eventName the event name
	 * @param argsJson the event arguments as a JSON array
	 */
	void emitted(String actorName, String key, String eventName, byte[] argsJson);

}
