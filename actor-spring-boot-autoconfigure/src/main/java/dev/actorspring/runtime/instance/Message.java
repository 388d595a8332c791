package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.runtime.definition.ActionDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a mailbox holds: one request to an instance, with the future its caller waits on.
 */
sealed interface Message {

	/** Run an action; the reply is its output as JSON. */
	record Invoke(ActionDefinition action, Object[] args, @Nullable ActorConnection caller,
			@Nullable Principal principal, CallChain chain, CompletableFuture<byte[]> reply) implements Message {
	}

	/** Create the instance explicitly with an input; fails if it exists. */
	record Create(@Nullable JsonNode input, CompletableFuture<ActorMetadata> reply) implements Message {
	}

	/** Describe the instance without creating it. */
	record Describe(CompletableFuture<ActorMetadata> reply) implements Message {
	}

	/** Open a connection (get-or-create). */
	record Connect(@Nullable JsonNode params, ConnectionSink sink, @Nullable Principal principal,
			CompletableFuture<ActorConnection> reply) implements Message {
	}

	/** A connection closed. */
	record Disconnect(ActorConnection connection) implements Message {
	}

	/**
	 * Put the instance to sleep: run its sleep hook and release its storage. With {@code onlyIfIdle}, only if
	 * it has no connection and nothing else waits in its mailbox.
	 */
	record Sleep(boolean onlyIfIdle, CompletableFuture<Void> reply) implements Message {
	}

	/** Take a snapshot for the inspector; only of a loaded instance unless {@code wake}. */
	record Inspect(boolean wake, CompletableFuture<@Nullable InstanceSnapshot> reply) implements Message {
	}

	/** Run the schedules that are due (sent by the timer; wakes the instance). */
	record FireSchedules(CompletableFuture<Void> done) implements Message {
	}

	/** Destroy the instance: run its destroy hook, close its connections, delete its storage. */
	record Destroy(CompletableFuture<Void> reply) implements Message {
	}

}
