package dev.actorspring.transport.websocket;

import java.nio.charset.StandardCharsets;

import dev.actorspring.api.ActorException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the server's frames in RivetKit's JSON envelope {@code {"body":{"tag":T,"val":{...}}}}. Outputs and
 * event arguments are spliced in as the JSON the runtime already produced.
 */
final class WebSocketFrames {

	private final JsonMapper mapper;

	/** The last event frame built: a broadcast asks for the same frame once per subscriber. */
	private volatile @Nullable EventFrame lastEvent;

	WebSocketFrames(JsonMapper mapper) {
		this.mapper = mapper;
	}

	String init(String actorId, String connectionId) {
		return "{\"body\":{\"tag\":\"Init\",\"val\":{\"actorId\":" + quote(actorId) + ",\"connectionId\":"
				+ quote(connectionId) + "}}}";
	}

	String event(String name, byte[] argsJson) {
		EventFrame last = this.lastEvent;
		if (last != null && last.argsJson == argsJson && last.name.equals(name)) {
			return last.frame;
		}
		String frame = "{\"body\":{\"tag\":\"Event\",\"val\":{\"name\":" + quote(name) + ",\"args\":"
				+ new String(argsJson, StandardCharsets.UTF_8) + "}}}";
		this.lastEvent = new EventFrame(name, argsJson, frame);
		return frame;
	}

	String actionResponse(JsonNode id, byte[] output) {
		return "{\"body\":{\"tag\":\"ActionResponse\",\"val\":{\"id\":" + this.mapper.writeValueAsString(id)
				+ ",\"output\":" + new String(output, StandardCharsets.UTF_8) + "}}}";
	}

	String error(@Nullable JsonNode actionId, ActorException error) {
		ObjectNode val = this.mapper.createObjectNode();
		if (actionId != null) {
			val.set("actionId", actionId);
		}
		else {
			val.putNull("actionId");
		}
		val.put("group", error.group());
		val.put("code", error.code());
		val.put("message", error.getMessage());
		ObjectNode body = this.mapper.createObjectNode();
		body.put("tag", "Error");
		body.set("val", val);
		ObjectNode frame = this.mapper.createObjectNode();
		frame.set("body", body);
		return this.mapper.writeValueAsString(frame);
	}

	private String quote(String text) {
		return this.mapper.writeValueAsString(text);
	}

	/** An event's frame, keyed by its name and the identity of its serialized arguments (never mutated). */
	private record EventFrame(String name, byte[] argsJson, String frame) {
	}

}
