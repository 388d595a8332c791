package dev.actorspring.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.actorspring.api.ActorException;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * The native frames: text frames in RivetKit's JSON envelope {@code {"body":{"tag":T,"val":{...}}}}. Outputs and
 * event arguments are spliced in as the JSON the runtime already produced; ids are echoed as sent.
 */
public final class WebSocketFrames implements FrameFormat {

	private final ActorCodec codec;

	private final JsonMapper mapper;

	/** The last event frame built: a broadcast asks for the same frame once per subscriber. */
	private volatile @Nullable EventFrame lastEvent;

	WebSocketFrames(ActorCodec codec) {
		this.codec = codec;
		this.mapper = codec.mapper();
	}

	@Override
	public String init(String actorId, String connectionId) {
		return "{\"body\":{\"tag\":\"Init\",\"val\":{\"actorId\":" + quote(actorId) + ",\"connectionId\":"
				+ quote(connectionId) + "}}}";
	}

	@Override
	public String event(String name, byte[] argsJson) {
		EventFrame last = this.lastEvent;
		if (last != null && last.argsJson == argsJson && last.name.equals(name)) {
			return last.frame;
		}
		String frame = "{\"body\":{\"tag\":\"Event\",\"val\":{\"name\":" + quote(name) + ",\"args\":"
				+ new String(argsJson, StandardCharsets.UTF_8) + "}}}";
		this.lastEvent = new EventFrame(name, argsJson, frame);
		return frame;
	}

	@Override
	public String actionResponse(JsonNode id, byte[] output) {
		return "{\"body\":{\"tag\":\"ActionResponse\",\"val\":{\"id\":" + this.mapper.writeValueAsString(id)
				+ ",\"output\":" + new String(output, StandardCharsets.UTF_8) + "}}}";
	}

	@Override
	public String error(@Nullable JsonNode actionId, ActorException error) {
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

	@Override
	public InboundFrame read(WebSocketMessage<?> message) {
		if (!(message instanceof TextMessage text)) {
			throw ActorErrors.invalidRequest("Frames are JSON text frames.");
		}
		JsonNode frame;
		try {
			frame = this.codec.parseRequest(text.getPayload());
		}
		catch (JacksonException ex) {
			throw ActorErrors.malformedJson(ex.getOriginalMessage());
		}
		catch (NumberFormatException ex) {
			throw ActorErrors.malformedJson(ex.getMessage());
		}
		return inbound(frame);
	}

	/**
	 * Reads a frame in the JSON envelope {@code {"body":{"tag":T,"val":{...}}}}, from JSON or from CBOR.
	 * @param frame the frame's tree
	 * @return what it asks for ({@code args} as sent)
	 * @throws ActorException {@code invalid_request} if it is not such a frame
	 */
	public static InboundFrame inbound(JsonNode frame) {
		JsonNode body = frame.path("body");
		String tag = body.path("tag").asString("");
		JsonNode val = body.path("val");
		return switch (tag) {
			case "ActionRequest" -> {
				JsonNode id = val.get("id");
				if (id == null || !(id.isNumber() || id.isArray() || id.isString())) {
					throw ActorErrors.invalidRequest("An ActionRequest needs an id.");
				}
				JsonNode args = val.get("args");
				yield new ActionRequest(id, val.path("name").asString(""), (args == null || args.isNull()) ? null : args,
						val.get("idempotencyKey"), trace(val));
			}
			case "SubscriptionRequest" -> {
				String eventName = val.path("eventName").asString("");
				if (eventName.isEmpty()) {
					throw ActorErrors.invalidRequest("A SubscriptionRequest needs an eventName.");
				}
				yield new SubscriptionRequest(eventName, val.path("subscribe").asBoolean(true));
			}
			default -> throw ActorErrors.invalidRequest("Unknown frame tag '" + tag
					+ "'; expected {\"body\":{\"tag\":\"ActionRequest\"|\"SubscriptionRequest\",\"val\":{...}}}.");
		};
	}

	/**
	 * The optional {@code trace} of an ActionRequest: the client's trace propagation fields (for W3C Trace Context,
	 * {@code {"traceparent": "00-...-01"}}), so that the action's turn continues the client's trace. Like trace
	 * headers, anything else there is ignored, never refused.
	 */
	static @Nullable Map<String, String> trace(JsonNode val) {
		JsonNode trace = val.get("trace");
		if (trace == null || !trace.isObject()) {
			return null;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : trace.properties()) {
			if (field.getValue().isString()) {
				fields.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue().asString());
			}
		}
		return fields;
	}

	private String quote(String text) {
		return this.mapper.writeValueAsString(text);
	}

	/** An event's frame, keyed by its name and the identity of its serialized arguments (never mutated). */
	private record EventFrame(String name, byte[] argsJson, String frame) {
	}

}
