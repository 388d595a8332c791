package dev.actorspring.transport.rivetkit;

import java.math.BigInteger;
import java.util.Map;

import dev.actorspring.runtime.error.ActorErrors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * RivetKit's JSON-compat layer ({@code rivetkit/src/common/encoding.ts}): a 2-element array whose first element is a
 * string starting with {@code $} is a type tag. Values a client sends are read back ({@code ["$BigInt","5"]} a
 * number, {@code ["$Uint8Array","AQI="]} and {@code ["$ArrayBuffer",...]} the base64 text, {@code ["$Undefined",0]}
 * null, {@code ["$Set",[...]]} an array, {@code ["$$x",v]} the user's array {@code ["$x",v]}); values sent to a
 * client get the escape ({@code ["$x",v]} is sent as {@code ["$$x",v]}).
 */
final class JsonCompat {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** The longest {@code $BigInt} read back, as Jackson's longest number (parsing is quadratic in the digits). */
	private static final int MAX_BIG_INT_DIGITS = 1000;

	private JsonCompat() {
	}

	/** Whether JSON bytes may hold a tag-like string: only then does escaping change anything. */
	static boolean mayNeedEscape(byte[] json) {
		for (int i = 0; i + 1 < json.length; i++) {
			if (json[i] == '"' && json[i + 1] == '$') {
				return true;
			}
		}
		return false;
	}

	/** The value as a client must receive it: each user array {@code ["$...", v]} gets one more {@code $}. */
	static JsonNode escape(JsonNode value) {
		if (value.isArray()) {
			ArrayNode array = NODES.arrayNode(value.size());
			for (JsonNode element : value) {
				array.add(escape(element));
			}
			if (array.size() == 2 && array.get(0).isString() && array.get(0).asString().startsWith("$")) {
				array.set(0, NODES.stringNode("$" + array.get(0).asString()));
			}
			return array;
		}
		if (value.isObject()) {
			ObjectNode object = NODES.objectNode();
			for (Map.Entry<String, JsonNode> field : value.properties()) {
				object.set(field.getKey(), escape(field.getValue()));
			}
			return object;
		}
		return value;
	}

	/**
	 * The value a client meant: its type tags read back.
	 * @throws dev.actorspring.api.ActorException {@code invalid_request} for a tag RivetKit does not define
	 */
	static JsonNode unescape(JsonNode value) {
		if (value.isArray()) {
			if (value.size() == 2 && value.get(0).isString() && value.get(0).asString().startsWith("$")) {
				return tagged(value.get(0).asString(), value.get(1));
			}
			ArrayNode array = NODES.arrayNode(value.size());
			for (JsonNode element : value) {
				array.add(unescape(element));
			}
			return array;
		}
		if (value.isObject()) {
			ObjectNode object = NODES.objectNode();
			for (Map.Entry<String, JsonNode> field : value.properties()) {
				object.set(field.getKey(), unescape(field.getValue()));
			}
			return object;
		}
		return value;
	}

	private static JsonNode tagged(String tag, JsonNode value) {
		if (tag.startsWith("$$")) {
			return NODES.arrayNode(2).add(tag.substring(1)).add(unescape(value));
		}
		switch (tag) {
			case "$BigInt" -> {
				if (value.asString("").length() > MAX_BIG_INT_DIGITS) {
					throw ActorErrors.invalidRequest("[\"$BigInt\", ...] holds at most " + MAX_BIG_INT_DIGITS + " digits.");
				}
				try {
					BigInteger number = new BigInteger(value.asString(""));
					return (number.bitLength() < 64) ? NODES.numberNode(number.longValue()) : NODES.numberNode(number);
				}
				catch (NumberFormatException ex) {
					throw ActorErrors.invalidRequest("[\"$BigInt\", ...] needs a decimal integer.");
				}
			}
			case "$Uint8Array", "$ArrayBuffer" -> {
				if (!value.isString()) {
					throw ActorErrors.invalidRequest("[\"" + tag + "\", ...] needs base64 text.");
				}
				return value;
			}
			case "$Undefined" -> {
				return NODES.nullNode();
			}
			case "$Set" -> {
				return unescape(value);
			}
			default -> throw ActorErrors.invalidRequest("Unknown JSON encoding type: " + tag);
		}
	}

}
