package dev.actorspring.runtime.placement;

/**
 * The live figures of one actor type on this node.
 *
 * @param instances instances in memory
 * @param queued messages waiting in their mailboxes
 * @param maxQueued messages waiting in the fullest mailbox
 * @param connections open connections
 */
public record TypeFigures(int instances, int queued, int maxQueued, int connections) {

	/** No instance. */
	public static final TypeFigures NONE = new TypeFigures(0, 0, 0, 0);

}
