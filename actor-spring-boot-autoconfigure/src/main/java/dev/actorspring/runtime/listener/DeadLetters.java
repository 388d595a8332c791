package dev.actorspring.runtime.listener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where the runtime reports its dead letters: each is logged at WARN with its correlation id (never its payload),
 * told to the listener (the {@code actor.dead.letters} meter), and kept among the most recent ones for the
 * inspector.
 */
public final class DeadLetters {

	private static final Log logger = LogFactory.getLog(DeadLetters.class);

	private final ActorRuntimeListener listener;

	private final int capacity;

	private final Deque<DeadLetter> recent = new ArrayDeque<>();

	/**
	 * Creates the dead letter office of a runtime.
	 * @param listener told of every dead letter
	 * @param capacity how many of the most recent dead letters it keeps
	 */
	public DeadLetters(ActorRuntimeListener listener, int capacity) {
		this.listener = listener;
		this.capacity = capacity;
	}

	/**
	 * Reports a dead letter of now.
	 * @param actorType the actor type
	 * @param key the instance key, or empty
	 * @param target the action, event or request
	 * @param reason why it reached nobody
	 * @param detail the error code that ended it, if any
	 */
	public void report(String actorType, String key, String target, DeadLetter.Reason reason, @Nullable String detail) {
		DeadLetter letter = DeadLetter.of(actorType, key, target, reason, detail);
		if (logger.isWarnEnabled()) {
			logger.warn("Dead letter " + letter.correlationId() + ": " + reason.tag() + ", " + actorType
					+ (letter.key().isEmpty() ? "" : "/" + letter.key()) + " " + target
					+ ((detail != null) ? " (" + detail + ")" : ""));
		}
		synchronized (this.recent) {
			if (this.recent.size() == this.capacity) {
				this.recent.removeLast();
			}
			this.recent.addFirst(letter);
		}
		this.listener.deadLetter(letter);
	}

	/**
	 * The most recent dead letters, newest first.
	 * @return a copy
	 */
	public List<DeadLetter> recent() {
		synchronized (this.recent) {
			return new ArrayList<>(this.recent);
		}
	}

}
