package dev.actorspring.runtime.instance;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import dev.actorspring.persistence.StoredOutcome;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An action call made with an idempotency key.
 * <p>
 * Its {@link #key()} is the caller's key scoped by who calls (the principal's name, or none for server code), so
 * that one caller can neither read another's outcome nor block another's call by reusing its key. Its
 * {@link #fingerprint()} is a SHA-256 digest of the action's name and of its arguments in a canonical form
 * (object properties sorted by name, numbers by value: {@code 1}, {@code 1.0} and {@code 1e0} are the same; no
 * arguments is the empty array), independent of the application's JSON settings; it tells a retry of the call
 * from a different call that reuses the key.
 *
 * @param key the scoped key
 * @param fingerprint the digest
 */
record IdempotentCall(String key, byte[] fingerprint) {

	static IdempotentCall of(String key, @Nullable Principal principal, String action, @Nullable JsonNode args) {
		String caller = (principal != null) ? principal.getName() : "";
		StringBuilder canonical = new StringBuilder(action).append('\u0000');
		if (args == null || args.isNull()) {
			canonical.append("[]");
		}
		else {
			append(canonical, args);
		}
		return new IdempotentCall(caller.length() + ":" + caller + ":" + key,
				sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/** Whether a kept outcome is this call's: the same action with the same arguments. */
	boolean sameCall(StoredOutcome outcome) {
		return Arrays.equals(this.fingerprint, outcome.fingerprint());
	}

	private static void append(StringBuilder out, JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			node.properties().forEach((property) -> sorted.put(property.getKey(), property.getValue()));
			out.append('{');
			sorted.forEach((name, value) -> {
				quote(out, name);
				out.append(':');
				append(out, value);
				out.append(',');
			});
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			for (JsonNode element : node) {
				append(out, element);
				out.append(',');
			}
			out.append(']');
		}
		else if (node.isNumber()) {
			BigDecimal value = node.decimalValue();
			out.append((value.signum() == 0) ? "0" : value.stripTrailingZeros().toString());
		}
		else if (node.isString()) {
			quote(out, node.asString());
		}
		else {
			out.append(node.toString()); // true, false, null, or a binary node's base64
		}
	}

	/** A string with its length first: no content can be mistaken for the structure around it. */
	private static void quote(StringBuilder out, String text) {
		out.append('"').append(text.length()).append(':').append(text).append('"');
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
