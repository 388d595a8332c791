package dev.actorspring.api;

import java.time.Duration;
import java.time.Instant;
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
	 * Cancels a pending schedule.
	 * @param id the schedule id
	 * @return whether it was pending
	 */
	boolean cancel(String id);

	/**
	 * The pending schedules, earliest first.
	 * @return the schedules
	 */
	List<ScheduledAction> list();

}
