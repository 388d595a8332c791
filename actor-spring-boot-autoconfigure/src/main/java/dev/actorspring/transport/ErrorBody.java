package dev.actorspring.transport;

import dev.actorspring.api.ActorException;

/**
 * The JSON shape of every error a client sees, over REST and inside WebSocket {@code Error} frames.
 *
 * @param group the error group
 * @param code the stable code
 * @param message a human-readable message
 */
public record ErrorBody(String group, String code, String message) {

	public static ErrorBody of(ActorException ex) {
		return new ErrorBody(ex.group(), ex.code(), ex.getMessage());
	}

}
