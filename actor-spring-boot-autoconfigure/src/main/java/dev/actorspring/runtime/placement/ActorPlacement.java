package dev.actorspring.runtime.placement;

import java.util.concurrent.CompletableFuture;

import dev.actorspring.runtime.instance.ActorMetadata;
import dev.actorspring.runtime.instance.ConnectionSink;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Runs requests that reach an instance on the node that owns it. The {@link dev.actorspring.runtime.ActorRuntime}
 * checks the actor type, action, arguments' shape and key first, then hands the request here; the owner runs it
 * with the runtime's {@code ...Here} methods. Without a placement (one node) the runtime runs everything itself.
 * Failures are {@link dev.actorspring.api.ActorException}s with the same group, code and status as on one node.
 */
public interface ActorPlacement {

	/**
	 * Calls an action on the owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param action the action name
	 * @param args a JSON array of arguments, or {@code null}
	 * @param principal the caller's principal name, or {@code null}
	 * @return the output as JSON, once committed on the owner
	 */
	CompletableFuture<byte[]> call(String name, String key, String action, @Nullable JsonNode args,
			@Nullable String principal);

	/**
	 * Creates an instance on its owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param input the create input, or {@code null}
	 * @return its metadata
	 */
	CompletableFuture<ActorMetadata> create(String name, String key, @Nullable JsonNode input);

	/**
	 * Describes an instance on its owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @return its metadata
	 */
	CompletableFuture<ActorMetadata> describe(String name, String key);

	/**
	 * Destroys an instance on its owner.
	 * @param name the actor type name
	 * @param key the instance key
	 * @return completes when it is gone
	 */
	CompletableFuture<Void> destroy(String name, String key);

	/**
	 * Runs an instance's due durable schedules on its owner (the schedule clock of this node found them due).
	 * @param name the actor type name
	 * @param key the instance key
	 * @return completes when they ran
	 */
	CompletableFuture<Void> fireSchedules(String name, String key);

	/**
	 * Connects a client to an instance on its owner; the owner sends the connection's traffic to the sink.
	 * @param name the actor type name
	 * @param key the instance key
	 * @param params the connection params, or {@code null}
	 * @param sink where the connection's traffic goes, on this node
	 * @param principal the client's principal name, or {@code null}
	 * @return the connection, once the owner accepted it
	 */
	CompletableFuture<PlacedConnection> connect(String name, String key, @Nullable JsonNode params,
			ConnectionSink sink, @Nullable String principal);

	/**
	 * What the inspector shows of the placement (cluster members, shards here, hand-offs); plain values that
	 * serialize as JSON.
	 * @return the description
	 */
	Object describe();

}
