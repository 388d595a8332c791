package dev.actorspring.cluster.sharding;

import java.util.Map;

import dev.actorspring.cluster.serialization.ClusterMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.jspecify.annotations.Nullable;

/**
 * The messages of a WebSocket connection whose client is on one node and whose actor runs on another: the
 * client's node asks the owner's entity to connect, then sends the connection's actions and subscriptions to it;
 * the owner sends the connection's traffic to a {@link ConnectionSinkActor} on the client's node.
 */
public final class ConnectionMessages {

	private ConnectionMessages() {
	}

	/**
	 * Connects a client to the entity's instance.
	 * @param params the connection params as JSON, or {@code null}
	 * @param principal the client's principal name, or {@code null}
	 * @param sink where the owner sends the connection's traffic
	 * @param replyTo answered with the connection id as JSON output, or the refusal
	 */
	public record Connect(byte @Nullable [] params, @Nullable String principal, ActorRef<SinkMessage> sink,
			ActorRef<EntityReply> replyTo) implements AnsweredCommand, ClusterMessage {

		@Override
		public void answer(EntityReply reply) {
			this.replyTo.tell(reply);
		}

	}

	/** What a client's node asks of an open connection. */
	public enum Op {

		/** Call an action as the connection ({@code name}: the action, {@code args}: its arguments). */
		CALL,
		/** Subscribe to the event {@code name}. */
		SUBSCRIBE,
		/** Cancel the subscription to the event {@code name}. */
		UNSUBSCRIBE,
		/** The client went away. */
		CLOSE

	}

	/**
	 * One thing asked of an open connection.
	 * @param connectionId the connection id
	 * @param op what to do
	 * @param name the action or event name, or {@code null}
	 * @param args the action's arguments as a JSON array, or {@code null}
	 * @param idempotencyKey the call's idempotency key, or {@code null}
	 * @param trace the caller's trace propagation fields, empty for none
	 * @param callId the client node's number of a {@link Op#CALL}, which its answer carries
	 * @param replyTo for {@link Op#CALL}, the connection's sink on the client's node: the answer goes there, behind
	 * the events the call emitted ({@code null} for the others)
	 */
	public record ConnectionRequest(String connectionId, Op op, @Nullable String name, byte @Nullable [] args,
			@Nullable String idempotencyKey, Map<String, String> trace, long callId, @Nullable ActorRef<SinkMessage> replyTo) implements AnsweredCommand, ClusterMessage {

		@Override
		public void answer(EntityReply reply) {
			if (this.replyTo != null) {
				this.replyTo.tell(new SinkReply(this.callId, reply));
			}
		}

	}

	/** What a {@link ConnectionSinkActor} receives. */
	public sealed interface SinkMessage permits SinkInit, SinkEvent, SinkReply, SinkClose, OwnerGone, SinkStop {

	}

	/**
	 * The connection was accepted.
	 * @param actorId the instance's actor id
	 * @param connectionId the connection id
	 * @param owner the owner's entity, watched: if it stops without closing the connection, the client is told to
	 * reconnect
	 */
	public record SinkInit(String actorId, String connectionId, ActorRef<EntityCommand> owner)
			implements SinkMessage, ClusterMessage {
	}

	/**
	 * An event the client subscribed to.
	 * @param name the event name
	 * @param argsJson its arguments as a JSON array
	 */
	public record SinkEvent(String name, byte[] argsJson) implements SinkMessage, ClusterMessage {
	}

	/**
	 * The answer to a call over the connection, sent the same way as its events and after them.
	 * @param callId the number the client's node gave the call
	 * @param reply the output or the error
	 */
	public record SinkReply(long callId, EntityReply reply) implements SinkMessage, ClusterMessage {
	}

	/**
	 * The owner closed the connection.
	 * @param code the WebSocket close code
	 * @param reason the reason
	 */
	public record SinkClose(int code, String reason) implements SinkMessage, ClusterMessage {
	}

	/** The owner's entity stopped (its node left or died): local signal of the watch. */
	record OwnerGone() implements SinkMessage {
	}

	/** The client went away: local signal. */
	record SinkStop() implements SinkMessage {
	}

}
