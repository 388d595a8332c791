package dev.actorspring.runtime.placement;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A client's connection as a transport holds it, wherever its instance runs: on this node, or on another one
 * (cluster mode). Its calls run as this connection ({@code ActorContext.connection()} is it).
 */
public interface ClientConnection {

	/**
	 * The connection id, as sent to the client in {@code Init}.
	 * @return the id
	 */
	String id();

	/**
	 * The key of the instance this connection belongs to.
	 * @return the key
	 */
	String instanceKey();

	/**
	 * Subscribes to an event or cancels a subscription; takes effect for the next delivery once the answer
	 * completes. The actor's {@code @OnBeforeSubscribe} may refuse a subscription.
	 * @param eventName the event name
	 * @param subscribe whether to subscribe
	 * @return completes when the subscription holds, or fails with why it was refused ({@code auth/forbidden},
	 * what the hook threw, {@code connection_closed})
	 */
	CompletableFuture<Void> subscribe(String eventName, boolean subscribe);

	/**
	 * Calls an action of the connection's instance as this connection. The action name and the arguments' shape
	 * were checked by the runtime.
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null}
	 * @param idempotencyKey the caller's idempotency key, checked by the runtime, or {@code null}
	 * @param callerContext the caller's trace context, as for
	 * {@link ActorPlacement.ActionCall#callerContext()}, or {@code null}
	 * @return the output as JSON, once its state change was committed
	 */
	CompletableFuture<byte[]> call(String action, @Nullable JsonNode args, @Nullable String idempotencyKey,
			@Nullable Object callerContext);

	/**
	 * The client went away: the instance runs {@code @OnDisconnect}. Does nothing if already done.
	 */
	void disconnect();

}
