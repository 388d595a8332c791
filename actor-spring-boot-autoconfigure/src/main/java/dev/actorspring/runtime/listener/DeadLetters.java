package dev.actorspring.runtime.listener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where the runtime reports its dead letters: each is logged at WARN with its correlation id (never its payload;
 * at most one line per actor type and reason every ten seconds),
 * told to the listener (the {@code actor.dead.letters} meter), and kept among the most recent ones for the
 * inspector.
 */
public final class DeadLetters {

	private static final Log logger = LogFactory.getLog(DeadLetters.class);

	private final ActorRuntimeListener listener;

	private final int capacity;

	private final Deque<DeadLetter> recent = new ArrayDeque<>();

	/** The log windows by actor type and reason: when the window began, and how many were not logged in it. */
	private final Map<String, long[]> logWindows = new HashMap<>();

	private static final long LOG_INTERVAL_MILLIS = 10_000;

	/**
	 * Creates the dead letter office of a runtime.
	 * @param listener told of every dead letter
	 * @param capacity how many of the most recent dead letters it keeps
	 */
	public DeadLetters(ActorRuntimeListener listener, int capacity) {
		this.listener = listener;
		this.capacity = Math.max(1, capacity);
	}

	/**
	 * Reports a dead letter of now.
	 * @param actorType the actor type
	 * @param key the instance key, or empty
	 * @param target the action, event or request
	 * @param reason why it reached nobody
	 * @param detail the error code that ended it, if any
	 */
	public void report(String actorType, @Nullable String key, @Nullable String target, DeadLetter.Reason reason,
			@Nullable String detail) {
		try {
			DeadLetter letter = DeadLetter.of(actorType, (key != null) ? key : "", (target != null) ? target : "",
					reason, detail);
			log(letter);
			synchronized (this.recent) {
				while (this.recent.size() >= this.capacity) {
					this.recent.removeLast();
				}
				this.recent.addFirst(letter);
			}
			this.listener.deadLetter(letter);
		}
		catch (RuntimeException ex) {
			// reporting never fails what it reports on
			logger.debug("Could not report a dead letter", ex);
		}
	}

	/**
	 * Logs a dead letter at WARN, at most one line per actor type and reason every {@value #LOG_INTERVAL_MILLIS} ms:
	 * an overload or a broadcast to many dropped clients would otherwise flood the log; the next line says how many
	 * were not logged (the meter and the inspector count every one).
	 */
	private void log(DeadLetter letter) {
		if (!logger.isWarnEnabled()) {
			return;
		}
		int suppressed;
		String window = letter.actorType() + '\u0000' + letter.reason().name();
		long now = System.currentTimeMillis();
		synchronized (this.logWindows) {
			long[] open = this.logWindows.get(window);
			if (open != null && now - open[0] < LOG_INTERVAL_MILLIS) {
				open[1]++;
				return;
			}
			suppressed = (open != null) ? (int) open[1] : 0;
			if (open == null && this.logWindows.size() >= 1_000) {
				this.logWindows.clear();
			}
			this.logWindows.put(window, new long[] { now, 0 });
		}
		logger.warn("Dead letter " + letter.correlationId() + ": " + letter.reason().tag() + ", "
				+ printable(letter.actorType()) + (letter.key().isEmpty() ? "" : "/" + printable(letter.key())) + " "
				+ printable(letter.target()) + ((letter.detail() != null) ? " (" + printable(letter.detail()) + ")" : "")
				+ ((suppressed > 0) ? "; " + suppressed + " more of this kind not logged before it" : ""));
	}

	/** Control characters (a key may hold some) shown as {@code ?}: no client can forge a log line. */
	private static String printable(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				out = (out != null) ? out : new StringBuilder(text);
				out.setCharAt(i, '?');
			}
		}
		return (out != null) ? out.toString() : text;
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
