package dev.actorspring.cluster.sharding;

import org.apache.pekko.actor.typed.ActorRef;
import org.jspecify.annotations.Nullable;

/**
 * A command from another node that may expect an {@link EntityReply}: what an entity that cannot serve it
 * (moving, or its file could not be taken over) answers it with.
 */
public sealed interface AnsweredCommand extends EntityCommand
		permits EntityRequest, ConnectionMessages.Connect, ConnectionMessages.ConnectionRequest {

	/**
	 * Where the answer goes.
	 * @return the reply address, or {@code null} when no answer is expected
	 */
	@Nullable ActorRef<EntityReply> replyTo();

}
