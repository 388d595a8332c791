package dev.actorspring.cluster.sharding;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.cluster.sharding.ConnectionMessages.ConnectionRequest;
import dev.actorspring.cluster.sharding.ConnectionMessages.Op;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkMessage;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkStop;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.placement.ClientConnection;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * On the client's node, a connection to an instance that runs on another node: its actions, subscriptions and end
 * go to the key's entity, wherever it is; an entity that does not know the connection (the actor moved) answers
 * {@code connection_lost}.
 */
final class RemoteConnection implements ClientConnection {

	private final EntityRef<EntityCommand> entity;

	private final String key;

	private final String connectionId;

	private final ActorRef<SinkMessage> sink;

	private final ActorCodec codec;

	private final Duration timeout;

	RemoteConnection(EntityRef<EntityCommand> entity, String key, String connectionId, ActorRef<SinkMessage> sink,
			ActorCodec codec, Duration timeout) {
		this.entity = entity;
		this.key = key;
		this.connectionId = connectionId;
		this.sink = sink;
		this.codec = codec;
		this.timeout = timeout;
	}

	@Override
	public String id() {
		return this.connectionId;
	}

	@Override
	public String instanceKey() {
		return this.key;
	}

	@Override
	public void subscribe(String eventName, boolean subscribe) {
		this.entity.tell(new ConnectionRequest(this.connectionId, subscribe ? Op.SUBSCRIBE : Op.UNSUBSCRIBE, eventName,
				null, null));
	}

	@Override
	public CompletableFuture<byte[]> call(String action, @Nullable JsonNode args) {
		byte[] json = (args != null) ? this.codec.encode(args) : null;
		return ShardedPlacement.reply(this.entity.<EntityReply>ask(
				(replyTo) -> new ConnectionRequest(this.connectionId, Op.CALL, action, json, replyTo), this.timeout))
			.thenApply((output) -> (output != null) ? output : "null".getBytes());
	}

	@Override
	public void disconnect() {
		this.entity.tell(new ConnectionRequest(this.connectionId, Op.CLOSE, null, null, null));
		this.sink.tell(new SinkStop());
	}

}
