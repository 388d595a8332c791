package dev.actorspring.test;

import tools.jackson.databind.JsonNode;

/**
 * An event an actor emitted, as a subscriber would have received it.
 *
 * @param name the event name
 * @param args the arguments as a JSON array
 */
public record RecordedEvent(String name, JsonNode args) {

	/**
	 * One argument as JSON.
	 * @param index its position
	 * @return the argument
	 */
	public JsonNode arg(int index) {
		return this.args.get(index);
	}

}
