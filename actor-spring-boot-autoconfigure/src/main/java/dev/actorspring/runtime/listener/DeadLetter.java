package dev.actorspring.runtime.listener;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;

/**
 * A message that reached nobody: refused by a full mailbox or at shutdown, a {@code tell} whose action failed, a
 * scheduled action dropped after its last attempt, an event for a connection that is gone. Never holds the payload.
 *
 * @param at when it happened
 * @param actorType the actor type
 * @param key the instance key (shortened), or empty when the message never got as far as a key
 * @param target the action, event or request it was
 * @param reason why it reached nobody
 * @param correlationId an id of its own, for finding it in the log
 * @param detail the error code that ended it, if any
 */
public record DeadLetter(Instant at, String actorType, String key, String target, Reason reason, String correlationId,
		@Nullable String detail) {

	/**
	 * A dead letter of now, with a fresh correlation id.
	 * @param actorType the actor type
	 * @param key the instance key
	 * @param target the action, event or request
	 * @param reason why it reached nobody
	 * @param detail the error code that ended it, if any
	 * @return the dead letter
	 */
	public static DeadLetter of(String actorType, String key, String target, Reason reason, @Nullable String detail) {
		return new DeadLetter(Instant.now(), actorType, ActorErrors.truncate(key), target, reason,
				HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()), detail);
	}

	/** Why a message reached nobody; {@link #tag()} is the metric's {@code reason} tag. */
	public enum Reason {

		/** The instance's mailbox was full ({@code overloaded}). */
		MAILBOX_FULL,

		/** The runtime was shutting down ({@code stopped}). */
		SHUTDOWN,

		/** A {@code tell} (nobody waits for its answer) failed or was refused. */
		TELL_FAILED,

		/** A scheduled action failed on its last attempt and was dropped. */
		SCHEDULE_DROPPED,

		/** An event for a connection that is closed, or whose client stopped reading. */
		CONNECTION_GONE,

		/** A durable queue's message failed its last attempt and moved to the queue's dead letters. */
		QUEUE_DEAD;

		/**
		 * The reason as the metric tag and the inspector show it.
		 * @return for example {@code mailbox_full}
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
