package dev.actorspring.runtime.definition;

import java.time.Duration;

/**
 * One durable queue of an actor type, as {@code @QueueConsumer} declares it.
 *
 * @param name the queue name
 * @param consumer the method that consumes its messages, one per turn
 * @param capacity the most messages that wait
 * @param maxAttempts how often a message is tried before it moves to the dead letters
 * @param backoff the delay before the first retry, doubled for each further one
 */
public record QueueDefinition(String name, MethodBinding consumer, int capacity, int maxAttempts, Duration backoff) {
}
