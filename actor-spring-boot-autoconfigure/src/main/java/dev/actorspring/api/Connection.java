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
