package dev.actorspring.api;

import java.util.List;

/**
 * One durable queue of the current instance, as its actions see it ({@link ActorContext#queue(String)}): only valid
 * on the instance's turn.
 */
public interface ActorQueue {

	/**
	 * The queue name.
	 * @return the name
	 */
	String name();

	/**
	 * How many messages wait to be consumed (retries included, dead letters not).
	 * @return the count
	 */
	int size();

	/**
	 * The messages that failed every attempt, oldest first.
	 * @return the dead letters
	 */
	List<DeadMessage> deadLetters();

	/**
	 * A message that failed every attempt.
	 *
	 * @param id the message id given when it was published
	 * @param body the message body, as plain JSON values (maps, lists, strings, numbers, booleans)
	 * @param attempts how often it was tried
	 * @param error the group and code of its last failure, for example {@code core/internal_error}
	 * @param failedAt when it failed for the last time, in epoch milliseconds
	 */
	record DeadMessage(long id, Object body, int attempts, String error, long failedAt) {
	}

}
