package dev.actorspring.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * A pending durable schedule: a one-shot one ({@link Schedule#after}, {@link Schedule#at}), or the next run of a
 * recurring one ({@link Schedule#cron}, {@link Schedule#every}), whose id is its name.
 *
 * @param id the schedule id (the name of a recurring schedule)
 * @param action the action it runs
 * @param dueAt when it is due (next)
 * @param attempts how many times it already failed (this run, for a recurring schedule)
 * @param cron the cron expression of a recurring schedule made with {@link Schedule#cron}, else {@code null}
 * @param zone the time zone of that cron expression, else {@code null}
 * @param every the interval of a recurring schedule made with {@link Schedule#every}, else {@code null}
 */
public record ScheduledAction(String id, String action, Instant dueAt, int attempts, @Nullable String cron,
		@Nullable ZoneId zone, @Nullable Duration every) {

	/**
	 * A one-shot schedule.
	 * @param id the schedule id
	 * @param action the action it runs
	 * @param dueAt when it is due
	 * @param attempts how many times it already failed
	 */
	public ScheduledAction(String id, String action, Instant dueAt, int attempts) {
		this(id, action, dueAt, attempts, null, null, null);
	}

	/**
	 * Whether this schedule runs again after it ran.
	 * @return whether it is recurring
	 */
	public boolean recurring() {
		return this.cron != null || this.every != null;
	}

}
