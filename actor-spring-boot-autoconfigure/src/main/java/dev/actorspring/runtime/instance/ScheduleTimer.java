package dev.actorspring.runtime.instance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.actorspring.persistence.ScheduleIndex;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Wakes instances when their earliest schedule is due, asleep or not, and keeps the durable
 * {@link ScheduleIndex} in step so that the same happens after a restart. The index is written before a
 * commit that brings a schedule earlier and after a commit that moves it later or removes it, so it never
 * misses a schedule (at worst it wakes an instance that finds nothing due).
 */
public final class ScheduleTimer {

	private static final Log logger = LogFactory.getLog(ScheduleTimer.class);

	private final ScheduleIndex index;

	private final ScheduledExecutorService executor;

	private final int maxAttempts;

	private final long backoffMillis;

	private final Clock clock;

	private final boolean automatic;

	private final Map<String, Armed> armed = new ConcurrentHashMap<>();

	/**
	 * The instances the durable index names, with the time it names them at, whether their timer is armed or already
	 * fired. While an instance is in memory its entry may be earlier than its next schedule (never later): writing
	 * the index on every change of a busy actor's next due time (a queue's head moves with every message) made every
	 * actor wait on the one index file; the entry is made exact when the instance leaves memory ({@link #settle}).
	 */
	private final Map<String, Long> indexed = new ConcurrentHashMap<>();

	private volatile BiConsumer<String, String> onDue = (name, key) -> {
	};

	/**
	 * Creates a timer.
	 * @param index the durable index
	 * @param executor runs the timers; the work it does is only to enqueue a message
	 * @param maxAttempts how many times a failing scheduled action runs before it is dropped
	 * @param backoff the delay before the first retry, doubled for each next one
	 */
	ScheduleTimer(ScheduleIndex index, ScheduledExecutorService executor, int maxAttempts, Duration backoff) {
		this(index, executor, maxAttempts, backoff, Clock.systemUTC(), true);
	}

	/**
	 * Creates a timer on a given clock.
	 * @param index the durable index
	 * @param executor runs the timers
	 * @param maxAttempts how many times a failing scheduled action runs before it is dropped
	 * @param backoff the delay before the first retry, doubled for each next one
	 * @param clock the clock schedules are due by
	 * @param automatic whether due schedules fire by themselves; if not, only {@link #takeDue()} finds them
	 * (tests that drive the clock)
	 */
	public ScheduleTimer(ScheduleIndex index, ScheduledExecutorService executor, int maxAttempts, Duration backoff,
			Clock clock, boolean automatic) {
		this.index = index;
		this.executor = executor;
		this.maxAttempts = Math.max(1, maxAttempts);
		this.backoffMillis = Math.max(1, backoff.toMillis());
		this.clock = clock;
		this.automatic = automatic;
	}

	/**
	 * The clock schedules are due by.
	 * @return the clock
	 */
	Clock clock() {
		return this.clock;
	}

	/**
	 * Removes and returns the instances whose earliest schedule is due by the clock.
	 * @return {@code [actorName, key]} pairs
	 */
	List<String[]> takeDue() {
		long now = this.clock.millis();
		List<String[]> due = new ArrayList<>();
		for (Map.Entry<String, Armed> entry : this.armed.entrySet()) {
			if (entry.getValue().dueAt() <= now && this.armed.remove(entry.getKey(), entry.getValue())) {
				due.add(entry.getKey().split("\u0000", 2));
			}
		}
		return due;
	}

	/**
	 * Sets what to do when an instance's schedule is due: send it a message that runs its due schedules.
	 * @param onDue called with the actor type name and key
	 */
	void onDue(BiConsumer<String, String> onDue) {
		this.onDue = onDue;
	}

	/**
	 * Arms a timer for every instance in the index; those due in the past fire at once.
	 */
	void start() {
		for (ScheduleIndex.Entry entry : this.index.loadAll()) {
			this.indexed.put(id(entry.actorName(), entry.key()), entry.due().toEpochMilli());
			arm(entry.actorName(), entry.key(), entry.due().toEpochMilli());
		}
	}

	void stop() {
		this.armed.values().forEach(Armed::cancel);
		this.armed.clear();
	}

	/**
	 * Removes an instance from the index, for example one that no longer exists.
	 * @param name the actor type name
	 * @param key the key
	 */
	synchronized void forget(String name, String key) {
		String id = id(name, key);
		Armed previous = this.armed.remove(id);
		if (previous != null) {
			previous.cancel();
		}
		this.index.remove(name, key);
		this.indexed.remove(id);
	}

	int maxAttempts() {
		return this.maxAttempts;
	}

	long backoffMillis() {
		return this.backoffMillis;
	}

	/** Before a commit: makes the index name the instance no later than its earliest schedule. */
	void beforeCommit(String name, String key, @Nullable Instant earliest) {
		if (earliest != null) {
			index(name, key, earliest, false, true);
		}
	}

	/** After a commit (or a wake): as {@link #afterCommit(String, String, Instant, boolean)}, forgetting at once. */
	void afterCommit(String name, String key, @Nullable Instant earliest) {
		afterCommit(name, key, earliest, false);
	}

	/**
	 * After a commit (or a wake): the timer follows the instance's earliest schedule, and the index names the instance
	 * no later than it. With nothing due, the instance leaves the index at once, or, with {@code lazily} (an actor
	 * with durable queues, whose next due time moves with every message), when it leaves memory ({@link #settle}):
	 * at worst a crash then wakes an instance that finds nothing due.
	 */
	void afterCommit(String name, String key, @Nullable Instant earliest, boolean lazily) {
		String id = id(name, key);
		Armed current = this.armed.get(id);
		if (earliest == null) {
			if (!lazily) {
				settle(name, key, null);
			}
			else if (current != null && this.armed.remove(id, current)) {
				current.cancel();
			}
			return;
		}
		long dueAt = earliest.toEpochMilli();
		index(name, key, earliest, false, false);
		if (current != null && current.dueAt() == dueAt && !current.fired()) {
			return;
		}
		arm(name, key, dueAt);
	}

	/**
	 * The instance leaves memory (it sleeps, or the application stops): the index names it exactly at its earliest
	 * schedule, or not at all, so that a restart wakes only instances with something due, when it is due.
	 */
	void settle(String name, String key, @Nullable Instant earliest) {
		if (earliest == null) {
			if (this.indexed.containsKey(id(name, key)) || this.armed.containsKey(id(name, key))) {
				try {
					forget(name, key);
				}
				catch (RuntimeException ex) {
					logger.error("Could not remove " + name + "/" + key + " from the schedule index", ex);
				}
			}
			return;
		}
		index(name, key, earliest, true, false);
	}

	/**
	 * Writes the index entry if it is missing or later than {@code due} (or, {@code exact}, different); a failure is
	 * thrown ({@code mustSucceed}: before a commit, which must then not happen) or logged.
	 */
	private void index(String name, String key, Instant due, boolean exact, boolean mustSucceed) {
		String id = id(name, key);
		long dueAt = due.toEpochMilli();
		if (indexedAsNeeded(id, dueAt, exact)) {
			return; // the common case of a busy actor, without the lock
		}
		synchronized (this) {
			if (indexedAsNeeded(id, dueAt, exact)) {
				return;
			}
			try {
				this.index.put(name, key, due);
				this.indexed.put(id, dueAt);
			}
			catch (RuntimeException ex) {
				if (mustSucceed) {
					throw ex;
				}
				logger.error("Could not index the schedule of " + name + "/" + key, ex);
			}
		}
	}

	private boolean indexedAsNeeded(String id, long dueAt, boolean exact) {
		Long at = this.indexed.get(id);
		return at != null && (exact ? at == dueAt : at <= dueAt);
	}

	private void arm(String name, String key, long dueAt) {
		String id = id(name, key);
		if (!this.automatic) {
			Armed previous = this.armed.put(id, new Armed(dueAt, null));
			if (previous != null) {
				previous.cancel();
			}
			return;
		}
		long delay = Math.max(0, dueAt - this.clock.millis());
		Armed[] self = new Armed[1];
		ScheduledFuture<?> future = this.executor.schedule(() -> {
			this.armed.remove(id, self[0]);
			try {
				this.onDue.accept(name, key);
			}
			catch (RuntimeException ex) {
				logger.error("Could not wake " + name + "/" + key + " for its schedule", ex);
			}
		}, delay, TimeUnit.MILLISECONDS);
		self[0] = new Armed(dueAt, future);
		Armed previous = this.armed.put(id, self[0]);
		if (previous != null) {
			previous.cancel();
		}
	}

	private static String id(String name, String key) {
		return name + '\u0000' + key;
	}

	private record Armed(long dueAt, @Nullable ScheduledFuture<?> future) {

		void cancel() {
			if (this.future != null) {
				this.future.cancel(false);
			}
		}

		boolean fired() {
			return this.future != null && this.future.isDone();
		}

	}

}
