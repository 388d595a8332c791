package dev.actorspring.cluster.sharding;

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

import dev.actorspring.api.ActorException;
import dev.actorspring.cluster.replication.ClusterFiles;
import dev.actorspring.cluster.view.ClusterView;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.instance.ActorMetadata;
import dev.actorspring.runtime.instance.ConnectionSink;
import dev.actorspring.runtime.placement.ActorPlacement;
import dev.actorspring.runtime.placement.PlacedConnection;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Places instances with Pekko Cluster Sharding: one entity type per actor type ({@code actor-<name>}), entity id =
 * actor key. Every request is an ask to the entity, wherever it lives (this node included, so that ownership is
 * always Pekko's); {@code actor_moving} answers, given while a shard is handed off, are retried until the
 * request timeout.
 */
public final class ShardedPlacement implements ActorPlacement {

	private static final long RETRY_DELAY_MILLIS = 50;

	private final ActorSystem<?> system;

	private final ClusterSharding sharding;

	private final ActorCodec codec;

	private final Duration timeout;

	private final Map<String, EntityTypeKey<EntityCommand>> types = new java.util.concurrent.ConcurrentHashMap<>();

	private final ClusterFiles files;

	private final ClusterView view;

	/**
	 * Registers one entity type per actor type of the runtime.
	 * @param system this node's Pekko actor system
	 * @param runtime the local runtime
	 * @param files this node's copies of actor files, acquired by an entity before it serves
	 * @param view what this node shows of the cluster
	 * @param executor where entities acquire their files
	 * @param timeout how long a request may take, retries included
	 */
	public ShardedPlacement(ActorSystem<?> system, ActorRuntime runtime, ClusterFiles files, ClusterView view,
			Executor executor, Duration timeout) {
		this.system = system;
		this.files = files;
		this.view = view;
		ClusterSharding sharding = ClusterSharding.get(system);
		this.sharding = sharding;
		this.codec = runtime.codec();
		this.timeout = timeout;
		runtime.registry().definitions().forEach((definition) -> {
			String name = definition.name();
			EntityTypeKey<EntityCommand> type = EntityTypeKey.create(EntityCommand.class, "actor-" + name);
			this.types.put(name, type);
			sharding.init(Entity.of(type, (context) -> ActorEntity.create(runtime, files, executor, name,
					context.getEntityId()))
				.withStopMessage(ActorEntity.HandOff.INSTANCE));
		});
		view.follow(this.types);
	}

	@Override
	public Object describe() {
		return this.view.describe(this.files.replicaAddress());
	}

	@Override
	public CompletableFuture<byte[]> call(String name, String key, String action, @Nullable JsonNode args,
			@Nullable String principal) {
		byte[] json = (args != null) ? this.codec.encode(args) : null;
		return ask(name, key, (replyTo) -> new EntityRequest(EntityRequest.Kind.CALL, action, json, principal, replyTo))
			.thenApply((output) -> (output != null) ? output : "null".getBytes());
	}

	@Override
	public CompletableFuture<ActorMetadata> create(String name, String key, @Nullable JsonNode input) {
		byte[] json = (input != null) ? this.codec.encode(input) : null;
		return ask(name, key, (replyTo) -> new EntityRequest(EntityRequest.Kind.CREATE, null, json, null, replyTo))
			.thenApply(this::metadata);
	}

	@Override
	public CompletableFuture<ActorMetadata> describe(String name, String key) {
		return ask(name, key, (replyTo) -> new EntityRequest(EntityRequest.Kind.DESCRIBE, null, null, null, replyTo))
			.thenApply(this::metadata);
	}

	@Override
	public CompletableFuture<Void> destroy(String name, String key) {
		return ask(name, key, (replyTo) -> new EntityRequest(EntityRequest.Kind.DESTROY, null, null, null, replyTo))
			.thenApply((output) -> null);
	}

	@Override
	public CompletableFuture<Void> fireSchedules(String name, String key) {
		return ask(name, key,
				(replyTo) -> new EntityRequest(EntityRequest.Kind.FIRE_SCHEDULES, null, null, null, replyTo))
			.thenApply((output) -> null);
	}

	private ActorMetadata metadata(byte @Nullable [] json) {
		return this.codec.decode(json, this.codec.type(ActorMetadata.class));
	}

	private CompletableFuture<byte @Nullable []> ask(String name, String key,
			Function<ActorRef<EntityReply>, EntityCommand> request) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		return attempt(this.types.get(name), key, request, deadline);
	}

	private CompletableFuture<byte @Nullable []> attempt(EntityTypeKey<EntityCommand> type, String key,
			Function<ActorRef<EntityReply>, EntityCommand> request, long deadline) {
		Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
		return reply(this.sharding.entityRefFor(type, key).<EntityReply>ask(request::apply, left))
			.exceptionallyCompose((failure) -> {
				Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
				if (cause instanceof ActorException error && "actor_moving".equals(error.code())
						&& System.nanoTime() + RETRY_DELAY_MILLIS * 1_000_000 < deadline) {
					return CompletableFuture.supplyAsync(() -> null,
							CompletableFuture.delayedExecutor(RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS))
						.thenCompose((ignored) -> attempt(type, key, request, deadline));
				}
				return CompletableFuture.failedFuture(cause);
			});
	}

	/** An entity's answer as the output, or the error it carries, or {@code action_timed_out}. */
	static CompletableFuture<byte @Nullable []> reply(CompletionStage<EntityReply> answer) {
		return answer.toCompletableFuture().handle((reply, failure) -> {
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
	public CompletableFuture<PlacedConnection> connect(String name, String key, @Nullable JsonNode params,
			ConnectionSink sink, @Nullable String principal) {
		byte[] json = (params != null) ? this.codec.encode(params) : null;
		ActorRef<ConnectionMessages.SinkMessage> sinkActor = this.system.systemActorOf(ConnectionSinkActor.create(sink),
				"connection-" + UUID.randomUUID(), Props.empty());
		EntityTypeKey<EntityCommand> type = this.types.get(name);
		return attempt(type, key, (replyTo) -> new ConnectionMessages.Connect(json, principal, sinkActor, replyTo),
				System.nanoTime() + this.timeout.toNanos())
			.<PlacedConnection>thenApply((output) -> new RemoteConnection(this.sharding.entityRefFor(type, key), key,
					this.codec.decode(output, this.codec.type(String.class)), sinkActor, this.codec, this.timeout))
			.whenComplete((connection, failure) -> {
				if (failure != null) {
					sinkActor.tell(new ConnectionMessages.SinkStop());
				}
			});
	}

}
