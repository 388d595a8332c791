package dev.actorspring.api;

import java.time.Instant;

/**
 * A pending durable schedule.
 *
 * @param id the schedule id
 * @param action the action it runs
 * @param dueAt when it is due
 * @param attempts how many times it already failed
 */
public record ScheduledAction(String id, String action, Instant dueAt, int attempts) {
}
