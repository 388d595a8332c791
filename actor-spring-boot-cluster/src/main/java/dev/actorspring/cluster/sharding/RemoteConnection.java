package dev.actorspring.cluster.sharding;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.actorspring.cluster.sharding.ConnectionMessages.ConnectionRequest;
import dev.actorspring.cluster.sharding.ConnectionMessages.Op;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkMessage;
import dev.actorspring.cluster.sharding.ConnectionMessages.SinkStop;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
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

	private final PendingCalls calls;

	private final ActorRuntimeListener listener;

	private final String type;

	RemoteConnection(EntityRef<EntityCommand> entity, String type, String key, String connectionId, ActorRef<SinkMessage> sink,
			PendingCalls calls, ActorCodec codec, Duration timeout, ActorRuntimeListener listener) {
		this.calls = calls;
		this.listener = listener;
		this.type = type;
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

	/** Sent as a call: the owner's {@code @OnBeforeSubscribe} may refuse it, and its answer comes through the sink. */
	@Override
	public CompletableFuture<Void> subscribe(String eventName, boolean subscribe) {
		PendingCalls.Call call = this.calls.open();
		this.entity.tell(new ConnectionRequest(this.connectionId, subscribe ? Op.SUBSCRIBE : Op.UNSUBSCRIBE, eventName,
				null, null, Map.of(), call.id(), this.sink));
		return ShardedPlacement.reply(call.answer().orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS))
			.thenApply((done) -> null);
	}

	/**
	 * Sends the call to the owner, whose answer comes back through the connection's sink, behind the events the
	 * call emitted, and in the order of the calls: as on one node.
	 */
	@Override
	public CompletableFuture<byte[]> call(String action, @Nullable JsonNode args, @Nullable String idempotencyKey,
			@Nullable Object callerContext) {
		byte[] json = (args != null) ? this.codec.encode(args) : null;
		PendingCalls.Call call = this.calls.open();
		this.entity.tell(new ConnectionRequest(this.connectionId, Op.CALL, action, json, idempotencyKey,
				ShardedPlacement.trace(this.listener, callerContext, this.type, action), call.id(), this.sink));
		return ShardedPlacement.reply(call.answer().orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS))
			.thenApply((output) -> (output != null) ? output : "null".getBytes());
	}

	@Override
	public void disconnect() {
		this.entity.tell(new ConnectionRequest(this.connectionId, Op.CLOSE, null, null, null, Map.of(), 0, null));
		this.sink.tell(new SinkStop());
	}

}
