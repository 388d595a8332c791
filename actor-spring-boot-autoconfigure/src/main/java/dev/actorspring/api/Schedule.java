package dev.actorspring.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Durable schedules (alarms) of one actor instance: an action to run later with given arguments. They are
 * stored in the instance's own file in the same transaction as the action that created them, survive sleep,
 * restarts and crashes, and wake a sleeping instance when due. Delivery is at least once: a schedule whose
 * action ran but whose commit was lost to a crash runs again. A failing scheduled action is retried with
 * exponential backoff ({@code actor.schedule.max-attempts}, {@code actor.schedule.retry-backoff}), then dropped
 * and logged.
 */
public interface Schedule {

	/**
	 * Runs an action of this instance after a delay.
	 * @param delay how long from now
	 * @param action the action name
	 * @param args the action's arguments, converted as for any call
	 * @return the schedule id
	 * @throws ActorException {@code action_not_found} or {@code invalid_arguments}, at once
	 */
	String after(Duration delay, String action, Object... args);

	/**
	 * Runs an action of this instance at a given time (at once if it is past).
	 * @param time when
	 * @param action the action name
	 * @param args the action's arguments
	 * @return the schedule id
	 */
	String at(Instant time, String action, Object... args);

	/**
	 * Runs an action of this instance whenever a cron expression matches, in a time zone: a named, recurring
	 * schedule (Spring's {@code CronExpression}: six fields, second first, for example {@code "0 0 * * * *"} at
	 * every full hour, or macros such as {@code "@daily"}). Declaring a schedule of the same name replaces it;
	 * declaring it again unchanged keeps its next run, so it may be declared on every wake ({@code @OnWake}) or
	 * create ({@code @OnCreate}). Each run commits with the advance to the next run, so a run whose turn was
	 * committed never runs again, even after {@code kill -9}; runs missed while the application was down are
	 * caught up once, at startup, then the schedule goes on from the next match. A failing run is retried as
	 * a one-shot schedule is, then skipped for the next one. Cancel it with {@link #cancel(String)} and its name.
	 * @param name the schedule's name, its id (1 to 200 characters)
	 * @param expression the cron expression
	 * @param zone the time zone the expression is read in
	 * @param action the action name
	 * @param args the action's arguments, converted as for any call
	 * @return the name
	 * @throws ActorException {@code invalid_arguments} for a bad name, expression, action or arguments, at once
	 */
	String cron(String name, String expression, ZoneId zone, String action, Object... args);

	/**
	 * As {@link #cron(String, String, ZoneId, String, Object...)}, in UTC.
	 * @param name the schedule's name, its id
	 * @param expression the cron expression
	 * @param action the action name
	 * @param args the action's arguments
	 * @return the name
	 */
	String cron(String name, String expression, String action, Object... args);

	/**
	 * Runs an action of this instance at a fixed interval, first one interval from now: a named, recurring
	 * schedule, declared, replaced, caught up and cancelled as {@link #cron(String, String, ZoneId, String, Object...)}
	 * is. Runs keep their phase: the next run is the first multiple of the interval after the one that ran that
	 * lies in the future.
	 * @param name the schedule's name, its id (1 to 200 characters)
	 * @param interval the interval, at least one millisecond
	 * @param action the action name
	 * @param args the action's arguments
	 * @return the name
	 */
	String every(String name, Duration interval, String action, Object... args);

	/**
	 * Cancels a pending schedule, one-shot or recurring.
	 * @param id the schedule id, or a recurring schedule's name
	 * @return whether it was pending
	 */
	boolean cancel(String id);

	/**
	 * The pending schedules, earliest first (for a recurring schedule, its next run).
	 * @return the schedules
	 */
	List<ScheduledAction> list();

}
