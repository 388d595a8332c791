package dev.actorspring.cluster.sharding;

import java.util.Map;

import dev.actorspring.cluster.serialization.ClusterMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.jspecify.annotations.Nullable;

/**
 * A request for an instance, sent to the entity that owns it.
 *
 * @param kind what to do
 * @param action the action name, for {@link Kind#CALL}
 * @param json the arguments (a JSON array) of a call or the input of a create, or {@code null}
 * @param principal the caller's principal name, or {@code null}
 * @param idempotencyKey the call's idempotency key, or {@code null}
 * @param trace the caller's trace propagation fields, empty for none
 * @param replyTo where the {@link EntityReply} goes
 */
public record EntityRequest(Kind kind, @Nullable String action, byte @Nullable [] json, @Nullable String principal,
		@Nullable String idempotencyKey, Map<String, String> trace,
		ActorRef<EntityReply> replyTo) implements AnsweredCommand, ClusterMessage {

	@Override
	public void answer(EntityReply reply) {
		this.replyTo.tell(reply);
	}

	/** The requests an owner runs. */
	public enum Kind {

		/** Call an action. */
		CALL,
		/** Create the instance. */
		CREATE,
		/** Describe the instance. */
		DESCRIBE,
		/** Destroy the instance. */
		DESTROY,
		/** Run its due durable schedules. */
		FIRE_SCHEDULES,
		/** Publish a message to a durable queue ({@code action}: the queue, {@code json}: the body). */
		ENQUEUE,
		/** Publish a message to a durable queue and answer once it was consumed. */
		ENQUEUE_AND_WAIT

	}

}
