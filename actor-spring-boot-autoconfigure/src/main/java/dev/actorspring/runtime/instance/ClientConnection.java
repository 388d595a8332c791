package dev.actorspring.runtime.instance;

/**
 * A client's connection as a transport holds it: {@link ActorConnection} when the instance runs on this node, or a
 * connection to an instance on another node (cluster mode, see
 * {@link dev.actorspring.runtime.placement.PlacedConnection}).
 */
public interface ClientConnection {

	/**
	 * The key of the instance this connection belongs to.
	 * @return the key
	 */
	String instanceKey();

	/**
	 * Subscribes to an event or cancels a subscription.
	 * @param eventName the event name
	 * @param subscribe whether to subscribe
	 */
	void subscribe(String eventName, boolean subscribe);

}
