package dev.actorspring.cluster.sharding;

import dev.actorspring.api.ActorException;
import dev.actorspring.cluster.serialization.ClusterMessage;
import org.jspecify.annotations.Nullable;

/**
 * The answer to an {@link EntityRequest}: the output as JSON, or the error as the caller would see it on one node.
 *
 * @param output the output (a call's JSON, a create's or describe's metadata as JSON), or {@code null}
 * @param group the error group, or {@code null} on success
 * @param code the error code, or {@code null} on success
 * @param message the error message, or {@code null} on success
 * @param status the HTTP status of the error, 0 on success
 */
public record EntityReply(byte @Nullable [] output, @Nullable String group, @Nullable String code,
		@Nullable String message, int status) implements ClusterMessage {

	static EntityReply ok(byte @Nullable [] output) {
		return new EntityReply(output, null, null, null, 0);
	}

	static EntityReply failed(ActorException error) {
		return new EntityReply(null, error.group(), error.code(), error.getMessage(), error.status());
	}

	/** The error of a failed reply, else {@code null}. */
	@Nullable ActorException error() {
		return (this.code != null) ? new ActorException(this.group, this.code, this.message, this.status, null) : null;
	}

}
