package dev.actorspring.runtime.instance;

import tools.jackson.databind.JsonNode;

/**
 * One pending schedule as stored in the instance's file.
 *
 * @param id the schedule id
 * @param action the action to run
 * @param args the arguments as a JSON array
 * @param dueAt when it is due, in epoch milliseconds
 * @param attempts how many times it already failed
 */
record ScheduleEntry(String id, String action, JsonNode args, long dueAt, int attempts) {
}
