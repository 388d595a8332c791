package dev.actorspring.cluster.sharding;


/**
 * A command from another node that may expect an {@link EntityReply}: what an entity that cannot serve it
 * (moving, or its file could not be taken over) answers it with.
 */
public sealed interface AnsweredCommand extends EntityCommand
		permits EntityRequest, ConnectionMessages.Connect, ConnectionMessages.ConnectionRequest {

	/**
	 * Sends the answer where this command expects it (nowhere if it expects none).
	 * @param reply the answer
	 */
	void answer(EntityReply reply);

}
