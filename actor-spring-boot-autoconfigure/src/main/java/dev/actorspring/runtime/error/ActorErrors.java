package dev.actorspring.runtime.error;

import dev.actorspring.api.ActorException;
import dev.actorspring.persistence.StateStoreException;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue of errors the runtime answers with: each has a stable group and code (documented in
 * {@code docs/protocol.md}) and an HTTP status.
 */
public final class ActorErrors {

	private ActorErrors() {
	}

	public static ActorException actorTypeNotFound(String name) {
		return new ActorException("actor", "actor_type_not_found", "No actor type named '" + name + "'.", 404, null);
	}

	public static ActorException actorNotFound(String name, String key) {
		return new ActorException("actor", "actor_not_found",
				"Actor '" + name + "' with key '" + truncate(key) + "' does not exist.", 404, null);
	}

	public static ActorException actorAlreadyExists(String name, String key) {
		return new ActorException("actor", "actor_already_exists",
				"Actor '" + name + "' with key '" + truncate(key) + "' already exists.", 409, null);
	}

	public static ActorException actionNotFound(String name, String action) {
		return new ActorException("actor", "action_not_found",
				"Actor '" + name + "' has no action '" + truncate(action) + "'.", 404, null);
	}

	public static ActorException unsupportedMediaType(@Nullable String contentType) {
		return new ActorException("request", "unsupported_media_type", "The request body must be JSON (Content-Type: "
				+ "application/json); got " + ((contentType != null) ? "'" + truncate(contentType) + "'" : "none") + ".",
				415, null);
	}

	public static ActorException connectionClosed() {
		return new ActorException("actor", "connection_closed",
				"This connection was closed by the actor; connect again.", 410, null);
	}

	public static ActorException invalidKey(String reason) {
		return new ActorException("request", "invalid_key", reason, 400, null);
	}

	public static ActorException malformedJson(String detail) {
		return new ActorException("request", "malformed_json", "The request is not valid JSON: " + detail, 400, null);
	}

	public static ActorException invalidRequest(String message) {
		return new ActorException("request", "invalid_request", message, 400, null);
	}

	public static ActorException invalidIdempotencyKey(String message) {
		return new ActorException("request", "invalid_idempotency_key", message, 400, null);
	}

	public static ActorException idempotencyKeyReused() {
		return new ActorException("request", "idempotency_key_reused", "This idempotency key was used for another "
				+ "call (another action, or other arguments); use a new key for a new call.", 422, null);
	}

	public static ActorException idempotencyNotSupported() {
		return idempotencyNotSupported("This actor's state store keeps no idempotency keys; call without one.");
	}

	public static ActorException idempotencyNotSupported(String message) {
		return new ActorException("actor", "idempotency_not_supported", message, 501, null);
	}

	public static ActorException invalidArguments(String message) {
		return new ActorException("request", "invalid_arguments", message, 400, null);
	}

	public static ActorException invalidParams(String message) {
		return new ActorException("request", "invalid_params", message, 400, null);
	}

	public static ActorException incomingTooLong(long limit) {
		return new ActorException("message", "incoming_too_long",
				"The request body is larger than the limit of " + limit + " bytes.", 413, null);
	}

	public static ActorException queueNotFound(String actorName, String queue) {
		return new ActorException("queue", "not_found",
				"Actor '" + truncate(actorName) + "' has no queue '" + truncate(queue) + "'.", 404, null);
	}

	public static ActorException queueFull(String queue, int capacity) {
		return new ActorException("queue", "full",
				"The queue '" + truncate(queue) + "' holds " + capacity + " messages already; try again later.", 429, null);
	}

	/** A publisher waited for a message that left its queue without being consumed (the actor's SQL removed it). */
	public static ActorException queueMessageRemoved() {
		return new ActorException("queue", "message_removed",
				"The message was removed from the queue before it was consumed.", 410, null);
	}

	public static ActorException actionTimedOut() {
		return new ActorException("actor", "action_timed_out", "The action did not answer in time.", 408, null);
	}

	public static ActorException callCycle(String name, String key, java.util.List<String> chain) {
		return new ActorException("actor", "call_cycle", "Actor '" + name + "' with key '" + truncate(key)
				+ "' is already waiting in this call chain " + chain
				+ "; calling it would wait for itself. Use tell() for call-backs.", 409, null);
	}

	public static ActorException unauthorized() {
		return new ActorException("auth", "unauthorized", "Authentication is required.", 401, null);
	}

	public static ActorException forbidden(String message) {
		return ActorException.forbidden(message);
	}

	public static ActorException overloaded(String name, int capacity) {
		return new ActorException("actor", "overloaded", "Actor '" + name + "' has " + capacity
				+ " requests waiting already; retry later.", 429, null);
	}

	public static ActorException stateTooLarge(int size, int limit) {
		return new ActorException("actor", "state_too_large", "The action would make the state " + size
				+ " bytes, over the limit of " + limit + "; nothing was changed.", 507, null);
	}

	public static ActorException tooManyConnections(int limit) {
		return new ActorException("actor", "too_many_connections",
				"The actor has " + limit + " connections already.", 429, null);
	}

	public static ActorException tooManySubscriptions(int limit) {
		return new ActorException("actor", "too_many_subscriptions",
				"A connection subscribes to " + limit + " events at most; cancel one first.", 400, null);
	}

	public static ActorException stopped() {
		return new ActorException("actor", "stopped", "The actor runtime is shutting down.", 503, null);
	}

	/** A connection's instance moved to another node or its node was lost; the client should reconnect. */
	public static ActorException connectionLost() {
		return new ActorException("cluster", "connection_lost",
				"The connection's actor moved to another node; connect again.", 410, null);
	}

	/** The instance is moving to another node; the request did not run and can be sent again. */
	public static ActorException moving(String name, String key) {
		return new ActorException("cluster", "actor_moving",
				"Actor '" + name + "/" + truncate(key) + "' is moving to another node; try again.", 503, null);
	}

	public static ActorException activationFailed(String name, Throwable cause) {
		return new ActorException("actor", "activation_failed",
				"Actor '" + name + "' could not be started; see the server log.", 500, cause);
	}

	public static ActorException storageFailed(Throwable cause) {
		if (cause instanceof StateStoreException refusal && refusal.code() != null) {
			return new ActorException("actor", refusal.code(), refusal.getMessage(), 503, cause);
		}
		return new ActorException("actor", "storage_failed",
				"The actor's state could not be written; nothing was changed.", 503, cause);
	}

	/** The commit is in the actor's file but its confirmation (its copy) failed: the outcome is not known. */
	public static ActorException commitUnconfirmed(Throwable cause) {
		return new ActorException("actor", "commit_unconfirmed", "The change was written but its copy could not be "
				+ "confirmed: it may or may not be kept. Read the actor's state before sending it again.", 503, cause);
	}

	public static ActorException internalError(@Nullable Throwable cause) {
		return new ActorException("core", "internal_error", "An internal error occurred.", 500, cause);
	}

	public static String truncate(String value) {
		return (value.length() > 100) ? value.substring(0, 100) + "..." : value;
	}

}
