package dev.actorspring.transport.websocket;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.web.socket.WebSocketSession;

/**
 * What a WebSocket handshake asks to connect to, and in which frame format: read from its path (the native
 * {@code /actors/{name}/{key}/connect}) or from the RivetKit gateway's addressing.
 */
public interface ConnectRequests {

	/**
	 * The session's frame format, known before its target (a refusal is sent in it).
	 * @param session the new session
	 * @return its format
	 */
	FrameFormat format(WebSocketSession session);

	/**
	 * The instance the session connects to, with the connection params.
	 * @param session the new session
	 * @return the target; fails with the {@code ActorException} that refuses the connection
	 */
	CompletableFuture<Target> target(WebSocketSession session);

	/**
	 * An instance to connect to.
	 * @param name the actor type
	 * @param key the key
	 * @param params the connection params, or {@code null}
	 */
	record Target(String name, String key, @Nullable JsonNode params) {
	}

}
