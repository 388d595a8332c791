package dev.actorspring.transport.rivetkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The payloads of the gateway in each encoding: action arguments and outputs, creation input, CBOR documents
 * (through Jackson's CBOR data format). Values a client sends are read through {@link JsonCompat} (except cbor
 * requests, which the client does not escape); values sent to a client are escaped.
 */
final class GatewayCodec {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Integers beyond 32 bits go to clients as doubles: cbor-x reads every 8-byte integer as a BigInt. */
	private static final long MAX_CBOR_INT = 0xFFFF_FFFFL;

	private final ActorCodec json;

	private final CBORMapper cbor;

	GatewayCodec(ActorCodec json) {
		this.json = json;
		// as strict as the JSON a client sends: the same read constraints, no name twice, no lone surrogate
		this.cbor = CBORMapper.builder(CBORFactory.builder()
			.streamReadConstraints(json.mapper().tokenStreamFactory().streamReadConstraints())
			.build()).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
	}

	ActorCodec json() {
		return this.json;
	}

	/** A JSON document a client sent, as a tree. */
	JsonNode readJson(byte[] bytes) {
		try {
			return this.json.parseRequest(bytes);
		}
		catch (JacksonException ex) {
			throw ActorErrors.malformedJson(ex.getOriginalMessage());
		}
		catch (NumberFormatException ex) {
			throw ActorErrors.malformedJson(ex.getMessage());
		}
	}

	/** A CBOR document a client sent, as a tree. */
	JsonNode readCbor(byte[] bytes) {
		try {
			JsonNode tree = this.cbor.readTree(bytes);
			return (tree != null) ? this.json.checkRequest(tree) : NODES.nullNode();
		}
		catch (JacksonException ex) {
			throw ActorErrors.invalidRequest("The request is not valid CBOR: " + ex.getOriginalMessage());
		}
	}

	/** A value as a CBOR document, integers beyond 32 bits as doubles. */
	byte[] writeCbor(JsonNode value) {
		return this.cbor.writeValueAsBytes(forCbor(value));
	}

	/** The runtime's JSON output (or event arguments) as a tree, escaped for a client. */
	JsonNode outgoing(byte[] json) {
		JsonNode tree = this.json.parse(json);
		return JsonCompat.mayNeedEscape(json) ? JsonCompat.escape(tree) : tree;
	}

	/** JSON the runtime produced, escaped for a client, as JSON text. */
	String outgoingJson(byte[] json) {
		return JsonCompat.mayNeedEscape(json) ? this.json.mapper().writeValueAsString(JsonCompat.escape(this.json.parse(json)))
				: new String(json, StandardCharsets.UTF_8);
	}

	/**
	 * The arguments of an HTTP action call: {@code {"args": [...]}} (json, cbor) or {@code HttpActionRequest}
	 * (bare).
	 * @return a JSON array, or {@code null} for none
	 */
	@Nullable JsonNode actionArgs(GatewayEncoding encoding, byte[] body) {
		JsonNode args = switch (encoding) {
			case JSON -> isBlank(body) ? null : field(readJson(body), "args", true);
			case CBOR -> (body.length == 0) ? null : field(readCbor(body), "args", false);
			case BARE -> {
				Bare.Reader reader = new Bare.Reader(body);
				byte[] data = reader.data();
				reader.end();
				yield JsonCompat.unescape(readCbor(data));
			}
		};
		return normalize(args);
	}

	/** The body that answers an HTTP action call with its output (the runtime's JSON). */
	byte[] actionOutput(GatewayEncoding encoding, byte[] output) {
		return switch (encoding) {
			case JSON -> ("{\"output\":" + outgoingJson(output) + "}").getBytes(StandardCharsets.UTF_8);
			case CBOR -> {
				ObjectNode body = NODES.objectNode();
				body.set("output", outgoing(output));
				yield writeCbor(body);
			}
			case BARE -> new Bare.Writer().data(writeCbor(outgoing(output))).bytes();
		};
	}

	/**
	 * A queue send: {@code {"body","name","wait","timeout"}} (json, cbor) or {@code HttpQueueSendRequest} (bare).
	 * @return what to publish
	 */
	QueueSend queueSend(GatewayEncoding encoding, byte[] body) {
		if (encoding == GatewayEncoding.BARE) {
			Bare.Reader reader = new Bare.Reader(body);
			JsonNode value = JsonCompat.unescape(readCbor(reader.data()));
			if (reader.bool()) {
				reader.str(); // the queue's name, also in the path
			}
			boolean wait = reader.bool() && reader.bool();
			Long timeout = reader.bool() ? reader.u64() : null;
			reader.end();
			return new QueueSend(value, wait, timeout);
		}
		JsonNode request = (encoding == GatewayEncoding.JSON) ? readJson(body) : readCbor(body);
		if (!request.isObject()) {
			throw ActorErrors.invalidRequest("The body must be an object such as {\"body\": ..., \"wait\": false}.");
		}
		JsonNode value = request.path("body");
		JsonNode wait = request.path("wait");
		JsonNode timeout = request.path("timeout");
		if ((!wait.isMissingNode() && !wait.isBoolean() && !wait.isNull())
				|| (!timeout.isMissingNode() && !timeout.isNull() && !timeout.canConvertToLong())) {
			throw ActorErrors.invalidRequest("\"wait\" is true or false, \"timeout\" milliseconds.");
		}
		return new QueueSend((encoding == GatewayEncoding.JSON) ? JsonCompat.unescape(value) : value,
				wait.asBoolean(false), timeout.canConvertToLong() ? timeout.asLong() : null);
	}

	/**
	 * The answer to a queue send: {@code {"status", "response"?}} or {@code HttpQueueSendResponse}.
	 * @param status {@code completed} or {@code timedOut}
	 * @param response the consumer's output as JSON, or {@code null}
	 */
	byte[] queueAnswer(GatewayEncoding encoding, String status, byte @Nullable [] response) {
		if (encoding == GatewayEncoding.BARE) {
			Bare.Writer writer = new Bare.Writer().str(status).bool(response != null);
			if (response != null) {
				writer.data(writeCbor(outgoing(response)));
			}
			return writer.bytes();
		}
		ObjectNode answer = NODES.objectNode().put("status", status);
		if (response != null) {
			answer.set("response", outgoing(response));
		}
		return (encoding == GatewayEncoding.JSON) ? this.json.encode(answer) : writeCbor(answer);
	}

	/**
	 * A queue send.
	 * @param body the message (missing: none)
	 * @param awaitConsumed whether to wait for its consumption
	 * @param timeoutMillis how long to wait at most, or {@code null}
	 */
	record QueueSend(JsonNode body, boolean awaitConsumed, @Nullable Long timeoutMillis) {
	}

	/**
	 * Creation input as the client sends it: base64 (standard, or URL-safe without padding in {@code rvt-input}) of
	 * a CBOR document of the escaped value.
	 */
	JsonNode input(String base64) {
		byte[] bytes;
		try {
			bytes = (base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0 || base64.length() % 4 != 0)
					? Base64.getUrlDecoder().decode(base64) : Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw ActorErrors.invalidRequest("The creation input is not base64.");
		}
		return JsonCompat.unescape(readCbor(bytes));
	}

	private static @Nullable JsonNode field(JsonNode body, String name, boolean escaped) {
		if (body.isNull() || body.isMissingNode()) {
			return null;
		}
		if (!body.isObject()) {
			throw ActorErrors.invalidRequest("The body must be an object such as {\"args\": [...]}.");
		}
		JsonNode value = body.get(name);
		return (value != null && escaped) ? JsonCompat.unescape(value) : value;
	}

	/** As RivetKit: missing or null means no arguments, an array is the arguments, anything else one argument. */
	static @Nullable JsonNode normalize(@Nullable JsonNode args) {
		if (args == null || args.isNull() || args.isMissingNode()) {
			return null;
		}
		return args.isArray() ? args : NODES.arrayNode().add(args);
	}

	private static JsonNode forCbor(JsonNode value) {
		if (value.isBigDecimal()) {
			return NODES.numberNode(value.asDouble()); // cbor-x does not read CBOR decimal fractions (tag 4)
		}
		if (value.isIntegralNumber()) {
			if (value.canConvertToLong()) {
				long number = value.asLong();
				return (number > MAX_CBOR_INT || number < -MAX_CBOR_INT - 1) ? NODES.numberNode((double) number) : value;
			}
			return NODES.numberNode(value.asDouble());
		}
		if (value.isArray()) {
			ArrayNode array = NODES.arrayNode(value.size());
			for (JsonNode element : value) {
				array.add(forCbor(element));
			}
			return array;
		}
		if (value.isObject()) {
			ObjectNode object = NODES.objectNode();
			for (var field : value.properties()) {
				object.set(field.getKey(), forCbor(field.getValue()));
			}
			return object;
		}
		return value;
	}

	private static boolean isBlank(byte[] bytes) {
		for (byte b : bytes) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return false;
			}
		}
		return true;
	}

}
