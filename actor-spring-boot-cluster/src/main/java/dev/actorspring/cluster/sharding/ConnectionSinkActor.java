package dev.actorspring.cluster.sharding;

import dev.actorspring.cluster.sharding.ConnectionMessages.OwnerGone;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkClose;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkEvent;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkInit;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkReply;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkMessage;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkStop;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.placement.ConnectionSink;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * On the client's node, passes what the owner sends for one connection to the transport's sink, in the order the
 * owner sent it. It watches the owner's entity: if that stops (its node left or died) without closing the
 * connection, the client is closed with 1012 (service restart), so that it reconnects to the new owner.
 */
final class ConnectionSinkActor {

	/** WebSocket close code "service restart": the client should reconnect. */
	static final int SERVICE_RESTART = 1012;

	private ConnectionSinkActor() {
	}

	static Behavior<SinkMessage> create(ConnectionSink sink, PendingCalls calls) {
		return Behaviors.setup((context) -> Behaviors.receive(SinkMessage.class)
			.onMessage(SinkInit.class, (init) -> {
				context.watchWith(init.owner(), new OwnerGone());
				sink.init(init.actorId(), init.connectionId());
				return Behaviors.same();
			})
			.onMessage(SinkEvent.class, (event) -> {
				sink.event(event.name(), event.argsJson());
				return Behaviors.same();
			})
			.onMessage(SinkReply.class, (reply) -> {
				calls.complete(reply.callId(), reply.reply());
				return Behaviors.same();
			})
			.onMessage(SinkClose.class, (close) -> {
				sink.close(close.code(), close.reason());
				calls.failAll(ActorErrors.connectionLost());
				return Behaviors.stopped();
			})
			.onMessage(OwnerGone.class, (gone) -> {
				sink.close(SERVICE_RESTART, "cluster.actor_moved");
				// the death watch's notice travels apart from the answers and can overtake the last of them
				calls.failAll(ActorErrors.actionTimedOut());
				return Behaviors.stopped();
			})
			.onMessage(SinkStop.class, (stop) -> {
				calls.failAll(ActorErrors.connectionLost());
				return Behaviors.stopped();
			})
			.build());
	}

}
