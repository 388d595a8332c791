package dev.actorspring.cluster.sharding;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.actorspring.api.ActorException;
import dev.actorspring.cluster.PekkoFutures;
import dev.actorspring.cluster.replication.ClusterFiles;
import dev.actorspring.cluster.view.ClusterStats;
import dev.actorspring.cluster.view.ClusterView;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.ActorRegistry;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.instance.LocalPlacement;
import dev.actorspring.runtime.listener.ActorRuntimeListener;
import dev.actorspring.runtime.listener.PropagatedContext;
import dev.actorspring.runtime.placement.ActorMetadata;
import dev.actorspring.runtime.placement.ActorPlacement;
import dev.actorspring.runtime.placement.ClientConnection;
import dev.actorspring.runtime.placement.ConnectionSink;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Places instances with Pekko Cluster Sharding: one entity type per actor type ({@code actor-<name>}), entity id =
 * actor key. Every request is an ask to the entity, wherever it lives, so that ownership is always Pekko's; only a
 * request for an actor whose entity runs on this node goes straight to the local runtime, through the entity's
 * gate ({@link LocalOwners}), which the entity closes before it gives the actor up. WebSocket connections always
 * go through the entity, which holds them. {@code actor_moving}
 * answers, given while a shard is handed off, are retried until the request timeout.
 */
public final class ShardedPlacement implements ActorPlacement {

	private static final long RETRY_DELAY_MILLIS = 50;

	private final ActorSystem<?> system;

	private final LocalPlacement local;

	private final ActorRegistry registry;

	private final ActorCodec codec;

	private final Duration timeout;

	private final Map<String, EntityTypeKey<EntityCommand>> types = new java.util.concurrent.ConcurrentHashMap<>();

	private final ClusterFiles files;

	private final ClusterView view;

	private final Executor executor;

	private @Nullable ClusterSharding sharding;

	/** The entities of this node that run their actor: calls for them skip Pekko's ask. */
	private final LocalOwners owners = new LocalOwners();

	/**
	 * Creates the placement; {@link #start()} registers one entity type per actor type.
	 * @param system this node's Pekko actor system
	 * @param local the placement that runs instances owned by this node
	 * @param registry the actor types
	 * @param codec JSON conversion
	 * @param files this node's copies of actor files, acquired by an entity before it serves
	 * @param view what this node shows of the cluster
	 * @param executor where entities acquire their files
	 * @param timeout how long a request may take, retries included
	 */
	public ShardedPlacement(ActorSystem<?> system, LocalPlacement local, ActorRegistry registry, ActorCodec codec,
			ClusterFiles files, ClusterView view, Executor executor, Duration timeout) {
		this.system = system;
		this.local = local;
		this.registry = registry;
		this.codec = codec;
		this.files = files;
		this.view = view;
		this.executor = executor;
		this.timeout = timeout;
	}

	@Override
	public synchronized void start() {
		if (this.sharding != null) {
			return;
		}
		ClusterSharding sharding = ClusterSharding.get(this.system);
		this.registry.definitions().forEach((definition) -> {
			EntityTypeKey<EntityCommand> type = EntityTypeKey.create(EntityCommand.class, "actor-" + definition.name());
			this.types.put(definition.name(), type);
			sharding.init(Entity.of(type, (context) -> ActorEntity.create(this.local, definition, this.codec,
					this.files, this.executor, context.getEntityId(), context.getShard(), this.owners))
				.withStopMessage(ActorEntity.HandOff.INSTANCE));
		});
		this.view.follow(this.types);
		this.sharding = sharding;
	}

	/** Never: this node's file of an actor that another node owns may be stale. */
	@Override
	public boolean inspectorMayWake() {
		return false;
	}

	@Override
	public Object describe() {
		return this.view.describe(this.files.replicaAddress());
	}

	@Override
	public CompletableFuture<byte[]> call(ActionCall call) {
		// never run on the caller's thread here: the gate, closed by a hand-off, waits for the calls inside it
		CompletableFuture<byte[]> direct = locally(call.type(), call.key(), () -> this.local.call(call.onPool()));
		if (direct != null) {
			return direct;
		}
		byte[] json = (call.args() != null) ? this.codec.encode(call.args()) : null;
		String principal = (call.principal() != null) ? call.principal().getName() : null;
		Map<String, String> trace = trace(this.local.listener(), call.callerContext(), call.type().name(),
				call.action().name());
		return ask(call.type(), call.key(),
				(replyTo) -> new EntityRequest(EntityRequest.Kind.CALL, call.action().name(), json, principal,
						call.idempotencyKey(), trace, replyTo))
			.thenApply((output) -> (output != null) ? output : "null".getBytes());
	}

	/**
	 * Runs a request on this node's runtime if this node's entity runs the actor (through its open gate), as the
	 * entity would: straight to the actor's mailbox.
	 * @return the request's answer, or {@code null} if it must take Pekko's path
	 */
	private <T> @Nullable CompletableFuture<T> locally(ActorDefinition type, String key,
			Supplier<CompletableFuture<T>> request) {
		LocalOwners.Gate gate = this.owners.find(type.name(), key);
		if (gate == null || !gate.enter()) {
			return null;
		}
		try {
			this.files.stats().routed(ClusterStats.Route.LOCAL);
			return request.get();
		}
		finally {
			gate.leave();
		}
	}

	@Override
	public CompletableFuture<byte[]> enqueue(QueueCall call) {
		CompletableFuture<byte[]> direct = locally(call.type(), call.key(), () -> this.local.enqueue(call));
		if (direct != null) {
			return direct;
		}
		byte[] json = (call.body() != null) ? this.codec.encode(call.body()) : null;
		String principal = (call.principal() != null) ? call.principal().getName() : null;
		EntityRequest.Kind kind = call.awaitConsumed() ? EntityRequest.Kind.ENQUEUE_AND_WAIT : EntityRequest.Kind.ENQUEUE;
		return ask(call.type(), call.key(),
				(replyTo) -> new EntityRequest(kind, call.queue().name(), json, principal, null, Map.of(), replyTo))
			.thenApply((output) -> (output != null) ? output : "null".getBytes());
	}

	@Override
	public CompletableFuture<ActorMetadata> create(ActorDefinition type, String key, @Nullable JsonNode input) {
		CompletableFuture<ActorMetadata> direct = locally(type, key, () -> this.local.create(type, key, input));
		if (direct != null) {
			return direct;
		}
		byte[] json = (input != null) ? this.codec.encode(input) : null;
		return ask(type, key, (replyTo) -> new EntityRequest(EntityRequest.Kind.CREATE, null, json, null, null, Map.of(), replyTo))
			.thenApply(this::metadata);
	}

	@Override
	public CompletableFuture<ActorMetadata> describe(ActorDefinition type, String key) {
		CompletableFuture<ActorMetadata> direct = locally(type, key, () -> this.local.describe(type, key));
		if (direct != null) {
			return direct;
		}
		return ask(type, key, (replyTo) -> new EntityRequest(EntityRequest.Kind.DESCRIBE, null, null, null, null, Map.of(), replyTo))
			.thenApply(this::metadata);
	}

	@Override
	public CompletableFuture<Void> destroy(ActorDefinition type, String key) {
		CompletableFuture<Void> direct = locally(type, key, () -> this.local.destroy(type, key));
		if (direct != null) {
			return direct;
		}
		return ask(type, key, (replyTo) -> new EntityRequest(EntityRequest.Kind.DESTROY, null, null, null, null, Map.of(), replyTo))
			.thenApply((output) -> null);
	}

	@Override
	public CompletableFuture<Void> fireSchedules(ActorDefinition type, String key) {
		CompletableFuture<Void> direct = locally(type, key, () -> this.local.fireSchedules(type, key));
		if (direct != null) {
			return direct;
		}
		return ask(type, key,
				(replyTo) -> new EntityRequest(EntityRequest.Kind.FIRE_SCHEDULES, null, null, null, null, Map.of(),
						replyTo))
			.thenApply((output) -> null);
	}

	private ActorMetadata metadata(byte @Nullable [] json) {
		return this.codec.decode(json, this.codec.type(ActorMetadata.class));
	}

	private CompletableFuture<byte @Nullable []> ask(ActorDefinition type, String key,
			Function<ActorRef<EntityReply>, EntityCommand> request) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		this.files.stats().routed(ClusterStats.Route.SHARDING);
		return attempt(entityType(type, key), key, request, deadline);
	}

	/** The entity type of an actor type; until the placement started, its instances are not reachable yet. */
	private EntityTypeKey<EntityCommand> entityType(ActorDefinition type, String key) {
		EntityTypeKey<EntityCommand> entityType = this.types.get(type.name());
		if (entityType == null) {
			throw ActorErrors.moving(type.name(), key);
		}
		return entityType;
	}

	private ClusterSharding sharding() {
		ClusterSharding sharding = this.sharding;
		if (sharding == null) {
			throw new IllegalStateException("Cluster sharding is not started yet");
		}
		return sharding;
	}

	private CompletableFuture<byte @Nullable []> attempt(EntityTypeKey<EntityCommand> type, String key,
			Function<ActorRef<EntityReply>, EntityCommand> request, long deadline) {
		long started = System.nanoTime();
		Duration left = Duration.ofNanos(Math.max(1, deadline - started));
		return reply(sharding().entityRefFor(type, key).<EntityReply>ask(request::apply, left))
			.exceptionallyCompose((failure) -> {
				Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
				if (cause instanceof ActorException error && "actor_moving".equals(error.code())
						&& System.nanoTime() + RETRY_DELAY_MILLIS * 1_000_000 < deadline) {
					return CompletableFuture.supplyAsync(() -> null,
							CompletableFuture.delayedExecutor(RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS))
						.thenCompose((ignored) -> attempt(type, key, request, deadline));
				}
				if (cause instanceof ActorException error && "action_timed_out".equals(error.code())
						&& System.nanoTime() - started < left.toNanos() / 2 && leftCluster()) {
					// a node that was downed or is leaving asks a shard region that has stopped: the ask fails long
					// before its timeout and nothing ran, which a timeout would not tell the caller
					return CompletableFuture.failedFuture(ActorErrors.stopped());
				}
				return CompletableFuture.failedFuture(cause);
			});
	}

	/** Whether this node is no longer an up member of the cluster (it leaves, or was downed). */
	private boolean leftCluster() {
		MemberStatus status = Cluster.get(this.system).selfMember().status();
		return !status.equals(MemberStatus.up()) && !status.equals(MemberStatus.weaklyUp())
				&& !status.equals(MemberStatus.joining());
	}

	/** An entity's answer as the output, or the error it carries, or {@code action_timed_out}. */
	static CompletableFuture<byte @Nullable []> reply(CompletionStage<EntityReply> answer) {
		return PekkoFutures.plain(answer).handle((reply, failure) -> {
			if (failure != null) {
				Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
				throw (cause instanceof TimeoutException) ? ActorErrors.actionTimedOut()
						: ActorErrors.internalError(cause);
			}
			ActorException error = reply.error();
			if (error != null) {
				throw error;
			}
			return reply.output();
		});
	}

	@Override
	public CompletableFuture<ClientConnection> connect(ActorDefinition actorType, String key,
			@Nullable JsonNode params, ConnectionSink sink, @Nullable Principal caller) {
		byte[] json = (params != null) ? this.codec.encode(params) : null;
		String principal = (caller != null) ? caller.getName() : null;
		EntityTypeKey<EntityCommand> type = entityType(actorType, key);
		PendingCalls calls = new PendingCalls();
		ActorRef<ConnectionMessages.SinkMessage> sinkActor = this.system
			.systemActorOf(ConnectionSinkActor.create(sink, calls), "connection-" + UUID.randomUUID(), Props.empty());
		return attempt(type, key, (replyTo) -> new ConnectionMessages.Connect(json, principal, sinkActor, replyTo),
				System.nanoTime() + this.timeout.toNanos())
			.<ClientConnection>thenApply((output) -> new RemoteConnection(sharding().entityRefFor(type, key), type.name(), key,
					this.codec.decode(output, this.codec.type(String.class)), sinkActor, calls, this.codec,
					this.timeout, this.local.listener()))
			.whenComplete((connection, failure) -> {
				if (failure != null) {
					sinkActor.tell(new ConnectionMessages.SinkStop());
				}
			});
	}

	/**
	 * The trace propagation fields of a call sent to the owner: those it came with from elsewhere, or those of the
	 * caller's trace on this thread.
	 */
	static Map<String, String> trace(ActorRuntimeListener listener, @Nullable Object callerContext, String actorName,
			String action) {
		return (callerContext instanceof PropagatedContext propagated) ? propagated.fields()
				: listener.exportContext(actorName, action);
	}

}
