package dev.actorspring.runtime.instance;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One pending schedule as stored in the instance's file.
 *
 * @param id the schedule id
 * @param action the action to run
 * @param args the arguments as a JSON array
 * @param dueAt when it is due, in epoch milliseconds
 * @param attempts how many times it already failed
 * @param trace the propagation fields of the trace that made it (its run continues that trace), or {@code null}
 */
record ScheduleEntry(String id, String action, JsonNode args, long dueAt, int attempts,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable Map<String, String> trace) {
}
