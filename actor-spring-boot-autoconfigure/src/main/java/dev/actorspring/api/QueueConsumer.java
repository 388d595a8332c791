package dev.actorspring.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a durable queue of an {@link Actor} and the method that consumes it, one message per turn. Messages are
 * published over REST ({@code POST /actors/{name}/{key}/queues/{queue}}), with
 * {@link ActorHandle#enqueue(String, Object)} (also from other actors) and
 * {@link ActorHandle#enqueueAndWait(Class, String, Object)}. A message is acknowledged once it is committed in the
 * actor's own file; it is then consumed in a turn of its own, whose changes (state, SQL, events) commit together
 * with the message's removal. A consumer that throws leaves the message in the queue: it is tried again after
 * {@link #backoff()}, doubling each time, and after {@link #maxAttempts()} tries it moves to the queue's dead
 * letters ({@link ActorContext#queue(String)}). At most {@link #capacity()} messages wait; a full queue refuses new
 * ones with {@code 429 queue/full}.
 *
 * <p>Signature: optional {@link ActorContext}, one parameter converted from the message body (checked when the
 * message is published: a body that cannot convert is refused with {@code invalid_arguments}), any return value
 * (what {@code enqueueAndWait} answers).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QueueConsumer {

	/**
	 * The queue name. Defaults to the method name.
	 * @return the queue name
	 */
	String value() default "";

	/**
	 * The most messages that wait in the queue (its dead letters not counted).
	 * @return the capacity
	 */
	int capacity() default 1000;

	/**
	 * How often a message is tried before it moves to the dead letters.
	 * @return the most attempts
	 */
	int maxAttempts() default 5;

	/**
	 * The delay before the first retry of a failed message, doubled for each further one (at most an hour): a
	 * duration such as {@code "500ms"}, {@code "1s"} or {@code "PT1S"}.
	 * @return the first retry's delay
	 */
	String backoff() default "1s";

}
