package dev.actorspring.cluster.sharding;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.actorspring.api.ActorException;
import dev.actorspring.cluster.replication.ClusterFiles;
import dev.actorspring.cluster.sharding.ConnectionMessages.Connect;
import dev.actorspring.cluster.sharding.ConnectionMessages.ConnectionRequest;
import dev.actorspring.cluster.sharding.ConnectionMessages.Op;
import dev.actorspring.cluster.view.ClusterStats;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.runtime.IdempotencyKeys;
import dev.actorspring.runtime.definition.ActionDefinition;
import dev.actorspring.runtime.definition.ActorDefinition;
import dev.actorspring.runtime.definition.QueueDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.runtime.instance.LocalPlacement;
import dev.actorspring.runtime.listener.PropagatedContext;
import dev.actorspring.runtime.placement.ActorPlacement.ActionCall;
import dev.actorspring.runtime.placement.ActorPlacement.QueueCall;
import dev.actorspring.runtime.placement.ClientConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The Pekko side of one actor instance on the node that owns it. When it starts it first makes this node's copy of
 * the actor's file the newest ({@link ClusterFiles#acquire}), holding the requests that arrive meanwhile. Then it
 * runs each request on the {@link LocalPlacement} (which keeps the order it received them in), holds the
 * connections of clients on other nodes, and when Pekko moves or passivates it ({@link HandOff}) it puts the
 * instance to sleep (the turn in flight finishes, {@code @OnSleep} runs, connections close, the file is closed)
 * before it stops. Requests that reach it meanwhile are answered {@code actor_moving}, which the sending node
 * retries. Pekko's own idle passivation is off: the entity asks its shard to passivate it once its instance went to
 * sleep by the runtime's rules (idle, no connection) and no client of another node is connected, checked every
 * half sleep timeout.
 */
public final class ActorEntity {

	private static final Log logger = LogFactory.getLog(ActorEntity.class);

	/** The most requests held while the file is acquired. */
	private static final int STASH = 10_000;

	private final LocalPlacement local;

	private final ActorDefinition type;

	private final ClusterStats stats;

	/** This node's side of the actor files: acquired when the entity starts, released when it stops. */
	private final ClusterFiles files;

	/** Where the files are acquired and released (blocking work, off the entity's thread). */
	private final Executor executor;

	private final ActorCodec codec;

	private final String name;

	private final String key;

	/** Where to ask for this entity's passivation. */
	private @Nullable ActorRef<ClusterSharding.ShardCommand> shard;

	/** The generation this entity acquired, 0 until then. */
	private long generation;

	/** Whether passivation was asked for (once). */
	private boolean passivating;

	/** Where calls made on this node come straight in while the entity runs its actor. */
	private final LocalOwners owners;

	/** This entity's gate there while it runs its actor. */
	private LocalOwners.@Nullable Gate gate;

	/** Connections of clients on other nodes, by connection id; touched on the entity's thread only. */
	private final Map<String, ClientConnection> connections = new HashMap<>();

	private ActorEntity(LocalPlacement local, ActorDefinition type, ActorCodec codec, ClusterFiles files,
			Executor executor, String key, LocalOwners owners) {
		this.local = local;
		this.owners = owners;
		this.type = type;
		this.stats = files.stats();
		this.files = files;
		this.executor = executor;
		this.codec = codec;
		this.name = type.name();
		this.key = key;
	}

	/**
	 * The behavior of the entity of one instance.
	 * @param local the placement that runs this node's instances
	 * @param type the actor type
	 * @param codec JSON conversion
	 * @param files this node's copies of actor files
	 * @param executor where the file is acquired (blocking work)
	 * @param key the instance key (the entity id)
	 * @param shard where to ask for the entity's passivation
	 * @param owners where calls made on this node come straight in while the entity runs its actor
	 * @return the behavior
	 */
	static Behavior<EntityCommand> create(LocalPlacement local, ActorDefinition type, ActorCodec codec,
			ClusterFiles files, Executor executor, String key, ActorRef<ClusterSharding.ShardCommand> shard,
			LocalOwners owners) {
		String name = type.name();
		ActorEntity entity = new ActorEntity(local, type, codec, files, executor, key, owners);
		Duration checkEvery = Duration.ofMillis(Math.max(500, Math.min(30_000, local.sleepTimeout(type).toMillis() / 2)));
		return Behaviors.withStash(STASH, (stash) -> Behaviors.withTimers((timers) -> Behaviors.setup((context) -> {
			timers.startTimerWithFixedDelay(CheckAsleep.INSTANCE, checkEvery);
			entity.shard = shard;
			CompletableFuture.supplyAsync(() -> files.acquire(name, key), executor)
				.whenComplete((generation, failure) -> context.getSelf()
					.tell(new Acquired((generation != null) ? generation : 0, failure)));
			return entity.acquiring(context, stash, false);
		})));
	}

	private Behavior<EntityCommand> acquiring(ActorContext<EntityCommand> context, StashBuffer<EntityCommand> stash,
			boolean handedOff) {
		return Behaviors.receive(EntityCommand.class)
			.onMessage(HandOff.class, (handOff) -> acquiring(context, stash, true))
			.onMessage(Acquired.class, (acquired) -> {
				this.generation = acquired.generation();
				if (acquired.failure() == null && !handedOff) {
					Behavior<EntityCommand> running = stash.unstashAll(running(context));
					if (!this.passivating) { // a check among what waited may have asked for passivation already
						// what waited is in the instance's mailbox: calls made on this node may now come straight in
						this.gate = this.owners.open(this.name, this.key);
					}
					return running;
				}
				release();
				Throwable failure = (acquired.failure() instanceof java.util.concurrent.CompletionException wrapped
						&& wrapped.getCause() != null) ? wrapped.getCause() : acquired.failure();
				ActorException error = handedOff ? ActorErrors.moving(this.name, this.key)
						: ActorErrors.storageFailed(failure);
				if (failure instanceof StateStoreException refusal && refusal.code() != null) {
					logger.warn(refusal.getMessage());
				}
				else if (failure != null) {
					logger.error("Could not take " + this.name + "/" + this.key + " over", failure);
				}
				stash.forEach((command) -> refuse(command, error));
				return Behaviors.stopped();
			})
			.onAnyMessage((command) -> {
				if (stash.isFull()) {
					refuse(command, ActorErrors.moving(this.name, this.key));
				}
				else {
					stash.stash(command);
				}
				return Behaviors.same();
			})
			.build();
	}

	private Behavior<EntityCommand> running(ActorContext<EntityCommand> context) {
		return Behaviors.receive(EntityCommand.class)
			.onMessage(EntityRequest.class, (request) -> {
				answer(run(request), request.replyTo());
				return Behaviors.same();
			})
			.onMessage(Connect.class, (connect) -> {
				connect(context, connect);
				return Behaviors.same();
			})
			.onMessage(ConnectionOpened.class, (opened) -> {
				this.connections.put(opened.connection().id(), opened.connection());
				context.watchWith(opened.sink(), new SinkGone(opened.connection().id()));
				return Behaviors.same();
			})
			.onMessage(ConnectionRequest.class, (request) -> {
				onConnection(request);
				return Behaviors.same();
			})
			.onMessage(SinkGone.class, (gone) -> {
				ClientConnection connection = this.connections.remove(gone.connectionId());
				if (connection != null) {
					connection.disconnect();
				}
				return Behaviors.same();
			})
			.onMessage(HandOff.class, (handOff) -> {
				this.stats.handedOff();
				closeGate();
				return stopping(context);
			})
			.onMessage(CheckAsleep.class, (check) -> {
				if (!this.passivating && this.connections.isEmpty() && this.shard != null
						&& !this.local.inMemory(this.type, this.key)) {
					this.passivating = true; // Pekko buffers what arrives until the entity stopped, then restarts it
					closeGate();
					this.shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
				}
				return Behaviors.same();
			})
			.onSignal(PostStop.class, (stopped) -> {
				closeGate();
				return Behaviors.same();
			})
			.build();
	}

	/** Calls made on this node take Pekko's path again (the entity is about to stop running its actor). */
	private void closeGate() {
		LocalOwners.Gate open = this.gate;
		if (open != null) {
			this.gate = null;
			this.owners.close(this.name, this.key, open);
		}
	}

	private Behavior<EntityCommand> stopping(ActorContext<EntityCommand> context) {
		this.connections.clear();
		CompletableFuture<Void> sleeping;
		try {
			sleeping = this.local.sleep(this.type, this.key);
		}
		catch (RuntimeException ex) {
			sleeping = CompletableFuture.completedFuture(null);
		}
		sleeping.whenComplete((done, failure) -> context.getSelf().tell(new Slept()));
		return Behaviors.receive(EntityCommand.class)
			.onMessage(Slept.class, (slept) -> {
				release();
				return Behaviors.stopped();
			})
			.onMessage(HandOff.class, (handOff) -> Behaviors.same())
			.onAnyMessage((command) -> {
				refuse(command, ActorErrors.moving(this.name, this.key));
				return Behaviors.same();
			})
			.build();
	}

	/** The entity stops: what its take-over left behind goes, if its actor has no file here (off this thread). */
	private void release() {
		long generation = this.generation;
		if (generation == 0) {
			return;
		}
		try {
			this.executor.execute(() -> {
				try {
					this.files.release(this.name, this.key, generation);
				}
				catch (RuntimeException ex) {
					logger.warn("Could not forget the take-over of " + this.name + "/" + this.key + ": " + ex);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// shutting down
		}
	}

	private void connect(ActorContext<EntityCommand> context, Connect connect) {
		CompletableFuture<byte @Nullable []> accepted;
		try {
			JsonNode params = (connect.params() != null) ? this.codec.parse(connect.params()) : null;
			String principal = connect.principal();
			accepted = this.local
				.connect(this.type, this.key, params, new RemoteSink(connect.sink(), context.getSelf()),
						(principal != null) ? () -> principal : null)
				.thenApply((connection) -> {
					context.getSelf().tell(new ConnectionOpened(connection, connect.sink()));
					return this.codec.encode(connection.id());
				});
		}
		catch (RuntimeException ex) {
			accepted = CompletableFuture.failedFuture(ex);
		}
		answer(accepted, connect.replyTo());
	}

	private void onConnection(ConnectionRequest request) {
		ClientConnection connection = this.connections.get(request.connectionId());
		if (connection == null) {
			request.answer(EntityReply.failed(ActorErrors.connectionLost()));
			return;
		}
		switch (request.op()) {
			case CALL -> {
				CompletableFuture<byte @Nullable []> output;
				try {
					output = connection
						.call(request.name(), (request.args() != null) ? this.codec.parse(request.args()) : null,
								(request.idempotencyKey() != null) ? IdempotencyKeys.check(request.idempotencyKey()) : null,
								PropagatedContext.of(request.trace()))
						.thenApply((bytes) -> bytes);
				}
				catch (RuntimeException ex) {
					output = CompletableFuture.failedFuture(ex);
				}
				// to the connection's sink, behind the events the call emitted there
				output.whenComplete((bytes, failure) -> request.answer((failure == null) ? EntityReply.ok(bytes)
						: EntityReply.failed(ActorFailures.toActorException(failure))));
			}
			case SUBSCRIBE, UNSUBSCRIBE -> {
				CompletableFuture<Void> subscribed;
				try {
					subscribed = connection.subscribe((request.name() != null) ? request.name() : "",
							request.op() == Op.SUBSCRIBE);
				}
				catch (RuntimeException ex) {
					subscribed = CompletableFuture.failedFuture(ex);
				}
				subscribed.whenComplete((done, failure) -> request.answer((failure == null) ? EntityReply.ok(null)
						: EntityReply.failed(ActorFailures.toActorException(failure))));
			}
			case CLOSE -> {
				this.connections.remove(request.connectionId());
				connection.disconnect();
			}
		}
	}

	private static void answer(CompletableFuture<byte @Nullable []> output, ActorRef<EntityReply> replyTo) {
		output.whenComplete((bytes, failure) -> replyTo.tell((failure == null) ? EntityReply.ok(bytes)
				: EntityReply.failed(ActorFailures.toActorException(failure))));
	}

	private static void refuse(EntityCommand command, ActorException error) {
		if (command instanceof AnsweredCommand asked) {
			asked.answer(EntityReply.failed(error));
		}
	}

	private CompletableFuture<byte @Nullable []> run(EntityRequest request) {
		try {
			return switch (request.kind()) {
				case CALL -> this.local.call(call(request)).thenApply((bytes) -> bytes);
				case CREATE -> this.local.create(this.type, this.key, json(request)).thenApply(this.codec::encode);
				case DESCRIBE -> this.local.describe(this.type, this.key).thenApply(this.codec::encode);
				case DESTROY -> this.local.destroy(this.type, this.key).thenApply((done) -> null);
				case FIRE_SCHEDULES -> this.local.fireSchedules(this.type, this.key).thenApply((done) -> null);
				case ENQUEUE, ENQUEUE_AND_WAIT -> this.local.enqueue(enqueue(request)).thenApply((bytes) -> bytes);
			};
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** A publication that reached the owner: the queue is looked up by name again here. */
	private QueueCall enqueue(EntityRequest request) {
		String queue = (request.action() != null) ? request.action() : "";
		QueueDefinition definition = this.type.queue(queue);
		if (definition == null) {
			throw ActorErrors.queueNotFound(this.name, queue);
		}
		String principal = request.principal();
		return new QueueCall(this.type, this.key, definition, json(request), (principal != null) ? () -> principal : null,
				request.kind() == EntityRequest.Kind.ENQUEUE_AND_WAIT);
	}

	/** A call that reached the owner: the sending node checked it, the action is looked up by name again here. */
	private ActionCall call(EntityRequest request) {
		String action = (request.action() != null) ? request.action() : "";
		ActionDefinition definition = this.type.action(action);
		if (definition == null) {
			throw ActorErrors.actionNotFound(this.name, action);
		}
		String principal = request.principal();
		return new ActionCall(this.type, this.key, definition, json(request), (principal != null) ? () -> principal : null,
				true, (request.idempotencyKey() != null) ? IdempotencyKeys.check(request.idempotencyKey()) : null,
				PropagatedContext.of(request.trace()));
	}

	private @Nullable JsonNode json(EntityRequest request) {
		return (request.json() != null) ? this.codec.parse(request.json()) : null;
	}

	/** Sent by Pekko when the entity's shard moves or the entity is passivated. */
	public enum HandOff implements EntityCommand {

		/** The one instance. */
		INSTANCE

	}

	/** Time to see whether the instance went to sleep by itself. */
	enum CheckAsleep implements EntityCommand {

		/** The one instance. */
		INSTANCE

	}

	/** The instance went to sleep; the entity can stop. */
	record Slept() implements EntityCommand {
	}

	/**
	 * This node's copy of the file is the newest one now, or could not be made so.
	 * @param generation the generation acquired (0 if it failed)
	 * @param failure why it failed, or {@code null}
	 */
	record Acquired(long generation, @Nullable Throwable failure) implements EntityCommand {
	}

	/** A remote client's connection was accepted. */
	record ConnectionOpened(ClientConnection connection, ActorRef<ConnectionMessages.SinkMessage> sink)
			implements EntityCommand {
	}

	/** The node of a remote client's connection went away. */
	record SinkGone(String connectionId) implements EntityCommand {
	}

}
