package dev.actorspring.cluster.sharding;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.actorspring.cluster.replication.ClusterFiles;
import dev.actorspring.api.ActorException;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.transport.ActorFailures;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The Pekko side of one actor instance on the node that owns it. When it starts it first makes this node's copy of
 * the actor's file the newest ({@link ClusterFiles#acquire}), holding the requests that arrive meanwhile. Then it
 * runs each request on the local {@link ActorRuntime} (which keeps the order it received them in), and when Pekko
 * moves or passivates it
 * ({@link HandOff}) it puts the instance to sleep (the turn in flight finishes, {@code @OnSleep} runs, the file
 * is closed) before it stops. Requests that reach it meanwhile are answered {@code actor_moving}, which the
 * sending node retries.
 */
public final class ActorEntity {

	private static final org.apache.commons.logging.Log LOGGER = org.apache.commons.logging.LogFactory
		.getLog(ActorEntity.class);

	private final ActorRuntime runtime;

	private final ActorCodec codec;

	private final String name;

	private final String key;

	private ActorEntity(ActorRuntime runtime, String name, String key) {
		this.runtime = runtime;
		this.codec = runtime.codec();
		this.name = name;
		this.key = key;
	}

	/** The most requests held while the file is acquired. */
	private static final int STASH = 10_000;

	/**
	 * The behavior of the entity of one instance.
	 * @param runtime the local runtime
	 * @param files this node's copies of actor files
	 * @param executor where the file is acquired (blocking work)
	 * @param name the actor type name
	 * @param key the instance key (the entity id)
	 * @return the behavior
	 */
	public static Behavior<EntityCommand> create(ActorRuntime runtime, ClusterFiles files, Executor executor,
			String name, String key) {
		ActorEntity entity = new ActorEntity(runtime, name, key);
		return Behaviors.withStash(STASH, (stash) -> Behaviors.setup((context) -> {
			CompletableFuture.runAsync(() -> files.acquire(name, key), executor)
				.whenComplete((done, failure) -> context.getSelf().tell(new Acquired(failure)));
			return entity.acquiring(stash, false);
		}));
	}

	private Behavior<EntityCommand> acquiring(StashBuffer<EntityCommand> stash, boolean handedOff) {
		return Behaviors.receive(EntityCommand.class)
			.onMessage(EntityRequest.class, (request) -> {
				if (stash.isFull()) {
					request.replyTo().tell(EntityReply.failed(ActorErrors.moving(this.name, this.key)));
				}
				else {
					stash.stash(request);
				}
				return Behaviors.same();
			})
			.onMessage(HandOff.class, (handOff) -> acquiring(stash, true))
			.onMessage(Acquired.class, (acquired) -> {
				if (acquired.failure() == null && !handedOff) {
					return stash.unstashAll(running());
				}
				ActorException error = handedOff ? ActorErrors.moving(this.name, this.key)
						: ActorErrors.storageFailed(acquired.failure());
				if (acquired.failure() != null) {
					LOGGER.error("Could not take " + this.name + "/" + this.key + " over", acquired.failure());
				}
				stash.forEach((command) -> {
					if (command instanceof EntityRequest request) {
						request.replyTo().tell(EntityReply.failed(error));
					}
				});
				return Behaviors.stopped();
			})
			.build();
	}

	private Behavior<EntityCommand> running() {
		return Behaviors.receive(EntityCommand.class)
			.onMessage(EntityRequest.class, (request) -> {
				run(request).whenComplete((output, failure) -> request.replyTo()
					.tell((failure == null) ? EntityReply.ok(output)
							: EntityReply.failed(ActorFailures.toActorException(failure))));
				return Behaviors.same();
			})
			.onMessage(HandOff.class, (handOff) -> Behaviors.setup(this::stopping))
			.build();
	}

	private Behavior<EntityCommand> stopping(ActorContext<EntityCommand> context) {
		CompletableFuture<Void> sleeping;
		try {
			sleeping = this.runtime.sleep(this.name, this.key);
		}
		catch (RuntimeException ex) {
			sleeping = CompletableFuture.completedFuture(null);
		}
		sleeping.whenComplete((done, failure) -> context.getSelf().tell(new Slept()));
		return Behaviors.receive(EntityCommand.class)
			.onMessage(EntityRequest.class, (request) -> {
				request.replyTo().tell(EntityReply.failed(ActorErrors.moving(this.name, this.key)));
				return Behaviors.same();
			})
			.onMessage(Slept.class, (slept) -> Behaviors.stopped())
			.onMessage(HandOff.class, (handOff) -> Behaviors.same())
			.build();
	}

	private CompletableFuture<byte @Nullable []> run(EntityRequest request) {
		try {
			return switch (request.kind()) {
				case CALL -> this.runtime.callHere(this.name, this.key, request.action(), json(request),
						request.principal());
				case CREATE -> this.runtime.createHere(this.name, this.key, json(request)).thenApply(this.codec::encode);
				case DESCRIBE -> this.runtime.describeHere(this.name, this.key).thenApply(this.codec::encode);
				case DESTROY -> this.runtime.destroyHere(this.name, this.key).thenApply((done) -> null);
				case FIRE_SCHEDULES -> this.runtime.fireSchedulesHere(this.name, this.key).thenApply((done) -> null);
			};
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private @Nullable JsonNode json(EntityRequest request) {
		return (request.json() != null) ? this.codec.parse(request.json()) : null;
	}

	/** Sent by Pekko when the entity's shard moves or the entity is passivated. */
	public enum HandOff implements EntityCommand {

		/** The one instance. */
		INSTANCE

	}

	/** The instance went to sleep; the entity can stop. */
	record Slept() implements EntityCommand {
	}

	/** This node's copy of the file is the newest now, or could not be made so. */
	record Acquired(@Nullable Throwable failure) implements EntityCommand {
	}

}
