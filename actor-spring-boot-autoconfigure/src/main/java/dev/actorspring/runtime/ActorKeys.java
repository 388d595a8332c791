package dev.actorspring.runtime;

import dev.actorspring.runtime.error.ActorErrors;

/**
 * The rule for actor keys, checked wherever a key enters (REST and WebSocket paths, {@code ActorClient}, keys an
 * action passes on): not empty, at most {@value #MAX_KEY_BYTES} bytes of UTF-8, and well-formed UTF-16 (no
 * unpaired surrogate, which has no UTF-8 form: two such keys could otherwise share one file).
 */
public final class ActorKeys {

	/** The longest key, in UTF-8 bytes. */
	public static final int MAX_KEY_BYTES = 1024;

	private ActorKeys() {
	}

	/**
	 * Checks a key.
	 * @param key the key
	 * @throws dev.actorspring.api.ActorException {@code invalid_key}
	 */
	public static void check(String key) {
		if (key.isEmpty()) {
			throw ActorErrors.invalidKey("The actor key must not be empty.");
		}
		int bytes = 0;
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw ActorErrors.invalidKey("The actor key is not valid Unicode: it has an unpaired surrogate (U+"
						+ Integer.toHexString(c).toUpperCase() + ") at index " + i + ".");
			}
			else {
				bytes += 3;
			}
		}
		if (bytes > MAX_KEY_BYTES) {
			throw ActorErrors.invalidKey("The actor key is longer than " + MAX_KEY_BYTES + " bytes.");
		}
	}

}
