package dev.actorspring.runtime.placement;

/**
 * The transport side of a connection: where the runtime sends what a connected client must receive. Called on
 * the instance's turn; implementations must not block for long (queue, or use a bounded send buffer).
 */
public interface ConnectionSink {

	/**
	 * The connection was accepted.
	 * @param actorId the instance's actor id
	 * @param connectionId the new connection's id
	 */
	void init(String actorId, String connectionId);

	/**
	 * An event the client subscribed to.
	 * @param name the event name
	 * @param argsJson the event arguments as a JSON array
	 */
	void event(String name, byte[] argsJson);

	/**
	 * The runtime closes the connection (refused, disconnected by the actor, or shutting down).
	 * @param code a close code: 1000 normal, 1001 going away, 1008 refused
	 * @param reason a short reason
	 */
	void close(int code, String reason);

}
