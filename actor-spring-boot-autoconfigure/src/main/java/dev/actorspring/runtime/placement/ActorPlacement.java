package dev.actorspring.runtime.placement;

import java.security.Principal;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.definition.QueueDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Where requests that reach an instance run. The {@link dev.actorspring.runtime.ActorRuntime} checks the actor
 * type, the key, the action and the arguments' shape once, then hands every request to its one placement: on one
 * node that is the local placement, which runs instances here; in cluster mode it is a placement that sends each
 * request to the node that owns the instance, where the local placement runs it. Failures are
 * {@link dev.actorspring.api.ActorException}s with the same group, code and status on every node.
 */
public interface ActorPlacement {

	/**
	 * Starts the placement, once the actor types are registered and before any request arrives.
	 */
	default void start() {
	}

	/**
	 * Calls an action (or tells it, when nobody waits).
	 * @param call the call
	 * @return the output as JSON, once its state change was committed
	 */
	CompletableFuture<byte[]> call(ActionCall call);

	/**
	 * Publishes a message to a durable queue of an instance (get-or-create).
	 * @param call the publication
	 * @return the message id as JSON once the message is committed; with {@code wait}, the consumer's output as JSON
	 * once it was consumed
	 */
	CompletableFuture<byte[]> enqueue(QueueCall call);

	/**
	 * Creates an instance explicitly.
	 * @param type the actor type
	 * @param key the key
	 * @param input the create input, or {@code null}
	 * @return its metadata; fails with {@code actor_already_exists}
	 */
	CompletableFuture<ActorMetadata> create(ActorDefinition type, String key, @Nullable JsonNode input);

	/**
	 * Describes an instance without creating it.
	 * @param type the actor type
	 * @param key the key
	 * @return its metadata; fails with {@code actor_not_found}
	 */
	CompletableFuture<ActorMetadata> describe(ActorDefinition type, String key);

	/**
	 * Destroys an instance.
	 * @param type the actor type
	 * @param key the key
	 * @return completes when it is gone; fails with {@code actor_not_found}
	 */
	CompletableFuture<Void> destroy(ActorDefinition type, String key);

	/**
	 * Runs an instance's due durable schedules (the schedule clock found them due).
	 * @param type the actor type
	 * @param key the key
	 * @return completes when they ran and were committed
	 */
	CompletableFuture<Void> fireSchedules(ActorDefinition type, String key);

	/**
	 * Connects a client (get-or-create); the sink receives {@code init} before any event.
	 * @param type the actor type
	 * @param key the key
	 * @param params the connection params, or {@code null}
	 * @param sink where the connection's traffic goes, on this node
	 * @param principal who connects, or {@code null}
	 * @return the connection, once the instance accepted it
	 */
	CompletableFuture<ClientConnection> connect(ActorDefinition type, String key, @Nullable JsonNode params,
			ConnectionSink sink, @Nullable Principal principal);

	/**
	 * What the inspector shows of the placement (cluster members, shards here, hand-offs), as plain values that
	 * serialize as JSON.
	 * @return the description, or {@code null} when there is nothing beyond this node
	 */
	default @Nullable Object describe() {
		return null;
	}

	/**
	 * Whether the inspector may load a sleeping instance on this node ({@code ?wake=true}). Not where an instance's
	 * file on this node may be a stale copy that another node owns (cluster mode).
	 * @return whether it may
	 */
	default boolean inspectorMayWake() {
		return true;
	}

	/**
	 * One publication to a durable queue, checked by the runtime.
	 *
	 * @param type the actor type
	 * @param key the key
	 * @param queue the queue
	 * @param body the message body, or {@code null}
	 * @param principal who publishes, or {@code null}
	 * @param awaitConsumed whether the publisher waits for the message's consumption
	 */
	record QueueCall(ActorDefinition type, String key, QueueDefinition queue, @Nullable JsonNode body,
			@Nullable Principal principal, boolean awaitConsumed) {
	}

	/**
	 * One action call, checked by the runtime.
	 *
	 * @param type the actor type
	 * @param key the key
	 * @param action the action
	 * @param args a JSON array of arguments, or {@code null}
	 * @param principal who calls, as {@code ActorContext.principal()} shows it, or {@code null}
	 * @param awaited whether the caller waits for the answer (a {@code tell} does not, and so never joins the
	 * caller's call chain)
	 * @param idempotencyKey the caller's idempotency key, checked by the runtime, or {@code null}
	 * @param callerContext what the runtime's listener captured on the caller's thread (a trace's current
	 * Observation), or a {@link dev.actorspring.runtime.listener.PropagatedContext} from a caller elsewhere, or
	 * {@code null}
	 * @param runHere whether the caller's thread only waits for the answer, so that the turn may run on it (an idle
	 * local instance whose last turn was quick; see {@link dev.actorspring.runtime.mailbox.Mailbox#offer(Object,
	 * int, boolean)})
	 */
	record ActionCall(ActorDefinition type, String key, ActionDefinition action, @Nullable JsonNode args,
			@Nullable Principal principal, boolean awaited, @Nullable String idempotencyKey,
			@Nullable Object callerContext, boolean runHere) {

		/** A call whose turn runs on the instance's executor. */
		public ActionCall(ActorDefinition type, String key, ActionDefinition action, @Nullable JsonNode args,
				@Nullable Principal principal, boolean awaited, @Nullable String idempotencyKey,
				@Nullable Object callerContext) {
			this(type, key, action, args, principal, awaited, idempotencyKey, callerContext, false);
		}

		/** This call, with its turn on the instance's executor. */
		public ActionCall onPool() {
			return this.runHere ? new ActionCall(this.type, this.key, this.action, this.args, this.principal, this.awaited,
					this.idempotencyKey, this.callerContext) : this;
		}

	}

}
