package dev.actorspring.api;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client connected to one actor instance.
 */
public interface Connection {

	/**
	 * The connection id, unique within this application.
	 * @return the id
	 */
	String id();

	/**
	 * The connection params sent by the client, converted to {@code type}.
	 * @param <P> the params type
	 * @param type the params type
	 * @return the params, or {@code null} when the client sent none
	 * @throws ActorException with code {@code invalid_params} when they cannot be converted
	 */
	<P> @Nullable P params(Class<P> type);

	/**
	 * The principal of the WebSocket handshake, as authenticated by the application.
	 * @return the principal, or {@code null} for an anonymous connection
	 */
	@Nullable Principal principal();

	/**
	 * The state of this connection, as {@link CreateConnState} made it (or {@link #setState(Object)} replaced it).
	 * It lives as long as the connection and is never persisted. Read and change it on the actor's turns (actions
	 * and hooks), like the actor's state.
	 * @param <C> the connection state type
	 * @return the connection state, or {@code null} if the actor declares no {@link CreateConnState}
	 */
	<C> @Nullable C state();

	/**
	 * Replaces the state of this connection (for immutable types). Not persisted, not rolled back if the turn fails.
	 * @param state the new connection state
	 */
	void setState(@Nullable Object state);

	/**
	 * Sends an event to this connection only, after the current turn commits.
	 * @param eventName the event name
	 * @param args the event arguments
	 */
	void send(String eventName, Object... args);

	/**
	 * Closes this connection after the current turn.
	 * @param reason a short reason sent in the close frame
	 */
	void disconnect(String reason);

}
