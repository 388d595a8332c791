package dev.actorspring.runtime;

import dev.actorspring.runtime.error.ActorErrors;

/**
 * The rule for idempotency keys, checked wherever one enters (the {@code Idempotency-Key} header, WebSocket action
 * requests, {@code ActorHandle.withIdempotencyKey}): 1 to {@value #MAX_LENGTH} visible ASCII characters (no
 * space, no control character), for example a UUID.
 */
public final class IdempotencyKeys {

	/** The longest key, in characters. */
	public static final int MAX_LENGTH = 255;

	private IdempotencyKeys() {
	}

	/**
	 * Checks a key.
	 * @param key the key
	 * @return the key
	 * @throws dev.actorspring.api.ActorException {@code invalid_idempotency_key}
	 */
	public static String check(String key) {
		if (key.isEmpty() || key.length() > MAX_LENGTH) {
			throw ActorErrors.invalidIdempotencyKey(
					"The idempotency key must have 1 to " + MAX_LENGTH + " characters, not " + key.length() + ".");
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				throw ActorErrors.invalidIdempotencyKey("The idempotency key may only hold visible ASCII characters "
						+ "(no space); it has U+" + String.format("%04X", (int) c) + " at index " + i + ".");
			}
		}
		return key;
	}

}
