package dev.actorspring.runtime.instance;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.scheduling.support.CronExpression;

/**
 * One pending schedule as stored in the instance's file: a one-shot one, or the next run of a recurring one (with
 * its cron expression and zone, or its interval).
 *
 * @param id the schedule id (a recurring schedule's name)
 * @param action the action to run
 * @param args the arguments as a JSON array
 * @param dueAt when it is due, in epoch milliseconds
 * @param attempts how many times it already failed
 * @param trace the propagation fields of the trace that made it (its run continues that trace), or {@code null}
 * @param cron the cron expression of a recurring schedule, or {@code null}
 * @param zone the zone id of that cron expression, or {@code null}
 * @param every the interval of a recurring schedule in milliseconds, or {@code null}
 * @param slot for a retried run of a recurring schedule, when the run was due in the first place (its next run
 * keeps the schedule's phase), else {@code null}
 */
record ScheduleEntry(String id, String action, JsonNode args, long dueAt, int attempts,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable Map<String, String> trace,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String cron,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String zone,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long every,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long slot) {

	/** A one-shot schedule. */
	ScheduleEntry(String id, String action, JsonNode args, long dueAt, int attempts,
			@Nullable Map<String, String> trace) {
		this(id, action, args, dueAt, attempts, trace, null, null, null, null);
	}

	/** The same run, tried again at {@code retryAt} after {@code attempts} failures. */
	ScheduleEntry retried(long retryAt, int attempts) {
		Long firstDue = recurring() ? ((this.slot != null) ? this.slot : this.dueAt) : null;
		return new ScheduleEntry(this.id, this.action, this.args, retryAt, attempts, this.trace, this.cron, this.zone,
				this.every, firstDue);
	}

	boolean recurring() {
		return this.cron != null || this.every != null;
	}

	/** Whether this schedule runs the same way as another (a recurring schedule declared again unchanged). */
	boolean sameRecurrence(ScheduleEntry other) {
		return this.action.equals(other.action) && this.args.equals(other.args)
				&& Objects.equals(this.cron, other.cron) && Objects.equals(this.zone, other.zone)
				&& Objects.equals(this.every, other.every);
	}

	/**
	 * The run of this recurring schedule that follows {@code after}, with no failed attempt: every missed run is
	 * skipped but the one that is running.
	 * @param after the time the next run must follow, in epoch milliseconds
	 * @return the next run, or {@code null} if the cron expression has none
	 */
	@Nullable ScheduleEntry next(long after) {
		long next;
		if (this.every != null) {
			long interval = this.every;
			long base = (this.slot != null) ? this.slot : this.dueAt;
			next = (base > after) ? base : base + ((after - base) / interval + 1) * interval;
		}
		else {
			Long cronNext = nextCron(this.cron, this.zone, after);
			if (cronNext == null) {
				return null;
			}
			next = cronNext;
		}
		return new ScheduleEntry(this.id, this.action, this.args, next, 0, this.trace, this.cron, this.zone, this.every,
				null);
	}

	/**
	 * The first time after {@code after} that a cron expression matches.
	 * @return it, in epoch milliseconds, or {@code null} if it never matches again
	 */
	static @Nullable Long nextCron(@Nullable String cron, @Nullable String zone, long after) {
		ZonedDateTime next = CronExpression.parse(cron)
			.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(after), ZoneId.of(zone)));
		return (next != null) ? next.toInstant().toEpochMilli() : null;
	}

}
