package dev.actorspring.runtime.placement;

import java.util.List;

import dev.actorspring.api.ScheduledAction;
import tools.jackson.databind.JsonNode;

/**
 * An instance as the inspector shows it, taken on the instance's own turn.
 *
 * @param metadata its id, name, key and creation time
 * @param state its state as JSON (as last captured)
 * @param schedules its pending schedules
 * @param connections its open connections
 * @param mailboxDepth messages waiting behind this snapshot
 */
public record InstanceSnapshot(ActorMetadata metadata, JsonNode state, List<ScheduledAction> schedules,
		List<ConnectionSnapshot> connections, int mailboxDepth) {

	/**
	 * An open connection.
	 *
	 * @param id the connection id
	 * @param subscriptions the events it subscribed to
	 */
	public record ConnectionSnapshot(String id, List<String> subscriptions) {
	}

}
