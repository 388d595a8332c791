package dev.actorspring.transport.rivetkit;

import java.nio.charset.StandardCharsets;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.transport.websocket.FrameFormat;
import dev.actorspring.transport.websocket.WebSocketFrames;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * The gateway's WebSocket frames in one encoding, shared by its sessions: json (text frames, the native envelope
 * with {@code $} escaping), bare (binary {@code ToClient}/{@code ToServer} of client protocol version 4, payloads in
 * CBOR) and cbor (binary CBOR of the JSON envelope, ids as {@code ["$BigInt","n"]}). Errors carry RivetKit's codes.
 */
final class GatewayFrames implements FrameFormat {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final GatewayEncoding encoding;

	private final GatewayCodec codec;

	/** The last event frame built: a broadcast asks for the same frame once per subscriber. */
	private volatile @Nullable EventFrame lastEvent;

	GatewayFrames(GatewayEncoding encoding, GatewayCodec codec) {
		this.encoding = encoding;
		this.codec = codec;
	}

	@Override
	public Object init(String actorId, String connectionId) {
		if (this.encoding == GatewayEncoding.BARE) {
			return new Bare.Writer().u8(0).str(actorId).str(connectionId).bytes();
		}
		ObjectNode val = NODES.objectNode().put("actorId", actorId).put("connectionId", connectionId);
		return envelope("Init", val);
	}

	@Override
	public Object event(String name, byte[] argsJson) {
		EventFrame last = this.lastEvent;
		if (last != null && last.argsJson == argsJson && last.name.equals(name)) {
			return last.frame;
		}
		Object frame;
		if (this.encoding == GatewayEncoding.BARE) {
			frame = new Bare.Writer().u8(3).str(name).data(this.codec.writeCbor(this.codec.outgoing(argsJson))).bytes();
		}
		else if (this.encoding == GatewayEncoding.JSON) {
			frame = "{\"body\":{\"tag\":\"Event\",\"val\":{\"name\":" + quote(name) + ",\"args\":"
					+ this.codec.outgoingJson(argsJson) + "}}}";
		}
		else {
			ObjectNode val = NODES.objectNode().put("name", name);
			val.set("args", this.codec.outgoing(argsJson));
			frame = envelope("Event", val);
		}
		this.lastEvent = new EventFrame(name, argsJson, frame);
		return frame;
	}

	@Override
	public Object actionResponse(JsonNode id, byte[] output) {
		if (this.encoding == GatewayEncoding.BARE) {
			return new Bare.Writer().u8(2).uint(id.asLong()).data(this.codec.writeCbor(this.codec.outgoing(output))).bytes();
		}
		if (this.encoding == GatewayEncoding.JSON) {
			return "{\"body\":{\"tag\":\"ActionResponse\",\"val\":{\"id\":" + this.codec.json().mapper().writeValueAsString(bigInt(id))
					+ ",\"output\":" + this.codec.outgoingJson(output) + "}}}";
		}
		ObjectNode val = NODES.objectNode();
		val.set("id", bigInt(id));
		val.set("output", this.codec.outgoing(output));
		return envelope("ActionResponse", val);
	}

	@Override
	public Object error(@Nullable JsonNode actionId, ActorException error) {
		ActorException external = GatewayErrors.external(error);
		String message = (external.getMessage() != null) ? external.getMessage() : external.code();
		if (this.encoding == GatewayEncoding.BARE) {
			Bare.Writer frame = new Bare.Writer().u8(1).str(external.group()).str(external.code()).str(message).bool(false);
			if (actionId != null) {
				frame.bool(true).uint(actionId.asLong());
			}
			else {
				frame.bool(false);
			}
			return frame.bool(false).bytes();
		}
		ObjectNode val = NODES.objectNode().put("group", external.group()).put("code", external.code()).put("message", message);
		if (actionId == null) {
			val.putNull("actionId");
		}
		else {
			val.set("actionId", bigInt(actionId));
		}
		return envelope("Error", val);
	}

	@Override
	public String closeReason(ActorException error) {
		return FrameFormat.super.closeReason(GatewayErrors.external(error));
	}

	@Override
	public InboundFrame read(WebSocketMessage<?> message) {
		if (this.encoding == GatewayEncoding.JSON) {
			byte[] json = (message instanceof TextMessage text) ? text.getPayload().getBytes(StandardCharsets.UTF_8)
					: bytes((BinaryMessage) message);
			InboundFrame frame = WebSocketFrames.inbound(this.codec.readJson(json));
			if (frame instanceof ActionRequest request && request.args() != null) {
				try {
					return new ActionRequest(request.id(), request.name(), JsonCompat.unescape(request.args()),
							request.idempotencyKey(), request.trace());
				}
				catch (ActorException ex) {
					return new RefusedAction(request.id(), ex);
				}
			}
			return frame;
		}
		if (!(message instanceof BinaryMessage binary)) {
			throw ActorErrors.invalidRequest("Frames in the " + this.encoding.name().toLowerCase() + " encoding are binary.");
		}
		byte[] bytes = bytes(binary);
		if (this.encoding == GatewayEncoding.CBOR) {
			return WebSocketFrames.inbound(this.codec.readCbor(bytes));
		}
		Bare.Reader reader = new Bare.Reader(bytes);
		InboundFrame frame = switch (reader.u8()) {
			case 0 -> {
				JsonNode id = NODES.numberNode(reader.uint());
				String name = reader.str();
				byte[] args = reader.data();
				try {
					yield new ActionRequest(id, name, GatewayCodec.normalize(JsonCompat.unescape(this.codec.readCbor(args))),
							null, null);
				}
				catch (ActorException ex) {
					yield new RefusedAction(id, ex);
				}
			}
			case 1 -> {
				String eventName = reader.str();
				if (eventName.isEmpty()) {
					throw ActorErrors.invalidRequest("A SubscriptionRequest needs an eventName.");
				}
				yield new SubscriptionRequest(eventName, reader.bool());
			}
			default -> throw ActorErrors.invalidRequest("Unknown ToServer tag.");
		};
		reader.end();
		return frame;
	}

	private static byte[] bytes(BinaryMessage message) {
		java.nio.ByteBuffer payload = message.getPayload().duplicate();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		return bytes;
	}

	/**
	 * An id as json and cbor clients must read it: a BigInt ({@code ["$BigInt","n"]}), never a plain number (the
	 * official client sends its ids so, and they are echoed as sent).
	 */
	private static JsonNode bigInt(JsonNode id) {
		if (!id.isNumber()) {
			return id;
		}
		return NODES.arrayNode(2).add("$BigInt").add(id.isIntegralNumber() ? id.bigIntegerValue().toString() : id.asString());
	}

	private Object envelope(String tag, ObjectNode val) {
		ObjectNode body = NODES.objectNode().put("tag", tag);
		body.set("val", val);
		ObjectNode frame = NODES.objectNode();
		frame.set("body", body);
		return (this.encoding == GatewayEncoding.CBOR) ? this.codec.writeCbor(frame)
				: this.codec.json().mapper().writeValueAsString(frame);
	}

	private String quote(String text) {
		return this.codec.json().mapper().writeValueAsString(text);
	}

	/** An event's frame, keyed by its name and the identity of its serialized arguments (never mutated). */
	private record EventFrame(String name, byte[] argsJson, Object frame) {
	}

}
