package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.QueueDefinition;
import dev.actorspring.runtime.placement.ActorMetadata;
import dev.actorspring.runtime.placement.ClientConnection;
import dev.actorspring.runtime.placement.ConnectionSink;
import dev.actorspring.runtime.placement.InstanceSnapshot;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a mailbox holds: one request to an instance, with the future its caller waits on. Each message knows which
 * of the instance's handlers takes it.
 */
sealed interface Message {

	/**
	 * Hands this message to its handler, on the instance's turn.
	 * @param instance the instance
	 */
	void deliverTo(ActorInstance instance);

	/**
	 * What this message asks, as a dead letter names it: the action's name, or the kind of request.
	 * @return for example {@code sendMessage} or {@code connect}
	 */
	default String target() {
		String kind = getClass().getSimpleName();
		return Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
	}

	/**
	 * Run an action; the reply is its output as JSON. Joins the running group commit. With an idempotency key, an
	 * outcome kept for that key answers instead. {@code callerContext} is what the listener captured on the caller's
	 * thread (a trace's current Observation).
	 */
	record Invoke(ActionDefinition action, Object[] args, @Nullable ActorConnection caller,
			@Nullable Principal principal, CallChain chain, @Nullable IdempotentCall idempotent,
			@Nullable Object callerContext, CompletableFuture<byte[]> reply) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.invoke(this);
		}

		@Override
		public String target() {
			return this.action.name();
		}

	}

	/** Release the committed groups whose confirmation came ({@link GroupCommit}); nobody waits for it. */
	enum Released implements Message {

		INSTANCE;

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.commits().releaseConfirmed();
		}

	}

	/** Create the instance explicitly with an input; fails if it exists. */
	record Create(@Nullable JsonNode input, CompletableFuture<ActorMetadata> reply) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.create(this);
		}

	}

	/** Describe the instance without creating it. */
	record Describe(CompletableFuture<ActorMetadata> reply) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.describe(this);
		}

	}

	/** Open a connection (get-or-create). */
	record Connect(@Nullable JsonNode params, ConnectionSink sink, @Nullable Principal principal,
			CompletableFuture<ClientConnection> reply) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.connect(this);
		}

	}

	/**
	 * A connection subscribes to an event, or cancels a subscription, through the actor's turn: sent only when the
	 * actor declares {@code @OnBeforeSubscribe}, which decides.
	 */
	record Subscribe(ActorConnection connection, String eventName, boolean subscribe, CompletableFuture<Void> reply)
			implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.subscribe(this);
		}

	}

	/**
	 * Publish a message to a durable queue: the reply is the message id as JSON, after its commit; {@code consumed},
	 * if set, completes with the consumer's output once the message was consumed (or fails after its last attempt).
	 */
	record Enqueue(QueueDefinition queue, String body, @Nullable Principal principal, CompletableFuture<byte[]> reply,
			@Nullable CompletableFuture<byte[]> consumed) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.queues().enqueue(this);
		}

		@Override
		public String target() {
			return this.queue.name();
		}

	}

	/** A connection closed. */
	record Disconnect(ActorConnection connection) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.disconnect(this);
		}

	}

	/**
	 * Put the instance to sleep: run its sleep hook and release its storage. With {@code onlyIfIdle}, only if
	 * it has no connection and nothing else waits in its mailbox.
	 */
	record Sleep(boolean onlyIfIdle, CompletableFuture<Void> reply) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.sleep(this);
		}

	}

	/** Take a snapshot for the inspector; only of a loaded instance unless {@code wake}. */
	record Inspect(boolean wake, CompletableFuture<@Nullable InstanceSnapshot> reply) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.inspect(this);
		}

	}

	/** Run the schedules that are due (sent by the timer; wakes the instance). */
	record FireSchedules(CompletableFuture<Void> done) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.fireSchedules(this);
		}

	}

	/** Destroy the instance: run its destroy hook, close its connections, delete its storage. */
	record Destroy(CompletableFuture<Void> reply) implements Message {

		@Override
		public void deliverTo(ActorInstance instance) {
			instance.destroy(this);
		}

	}

}
