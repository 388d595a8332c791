package dev.actorspring.transport.websocket;

import java.util.Map;

import dev.actorspring.api.ActorException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.web.socket.WebSocketMessage;

/**
 * How one connection's frames are written and read: the native JSON frames, or one of the RivetKit gateway's
 * encodings. Frames to send are a {@link String} (a text frame) or a {@code byte[]} (a binary frame).
 */
public interface FrameFormat {

	/** The frame that accepts the connection; always the first one sent. */
	Object init(String actorId, String connectionId);

	/** An event; {@code argsJson} is the JSON array of its arguments. */
	Object event(String name, byte[] argsJson);

	/** The answer to an action request; {@code output} is the action's output as JSON. */
	Object actionResponse(JsonNode id, byte[] output);

	/** An error, for one action request ({@code actionId}) or for the connection ({@code null}). */
	Object error(@Nullable JsonNode actionId, ActorException error);

	/**
	 * The reason of the close frame that refuses a connection.
	 * @param error why it was refused
	 * @return the reason, at most 123 bytes
	 */
	default String closeReason(ActorException error) {
		String reason = error.group() + "." + error.code();
		return (reason.length() > 120) ? reason.substring(0, 120) : reason;
	}

	/**
	 * Reads a frame a client sent.
	 * @param message the frame
	 * @return what it asks for
	 * @throws ActorException if it is not such a frame (counted as rejected)
	 */
	InboundFrame read(WebSocketMessage<?> message);

	/** What a client's frame asks for. */
	sealed interface InboundFrame {
	}

	/**
	 * Call an action.
	 * @param id the client's id for it, echoed in the answer
	 * @param name the action
	 * @param args a JSON array of arguments, or {@code null}
	 * @param idempotencyKey the raw idempotency key, or {@code null}
	 * @param trace the client's trace propagation fields, or {@code null}
	 */
	record ActionRequest(JsonNode id, String name, @Nullable JsonNode args, @Nullable JsonNode idempotencyKey,
			@Nullable Map<String, String> trace) implements InboundFrame {
	}

	/**
	 * An action request whose id could be read but not the rest: answered with an error for that id.
	 * @param id the client's id for it
	 * @param error why it is refused
	 */
	record RefusedAction(JsonNode id, ActorException error) implements InboundFrame {
	}

	/**
	 * Subscribe to an event, or cancel the subscription.
	 * @param eventName the event
	 * @param subscribe whether to subscribe
	 */
	record SubscriptionRequest(String eventName, boolean subscribe) implements InboundFrame {
	}

}
