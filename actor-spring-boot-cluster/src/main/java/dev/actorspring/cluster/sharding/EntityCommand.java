package dev.actorspring.cluster.sharding;

/**
 * What an {@link ActorEntity} receives: requests from any node, and its own local lifecycle signals.
 */
public sealed interface EntityCommand permits AnsweredCommand, ActorEntity.HandOff, ActorEntity.Slept,
		ActorEntity.Acquired, ActorEntity.ConnectionOpened, ActorEntity.SinkGone, ActorEntity.CheckAsleep {

}
