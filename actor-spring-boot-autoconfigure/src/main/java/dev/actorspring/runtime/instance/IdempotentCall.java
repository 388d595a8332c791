package dev.actorspring.runtime.instance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import dev.actorspring.codec.ActorCodec;
import dev.actorspring.persistence.StoredOutcome;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An action call made with an idempotency key: the key, and a SHA-256 digest of the action's name and of its
 * arguments as canonical JSON (object properties sorted; no arguments is the empty array), which tells a retry of
 * the call from a different call that reuses the key.
 *
 * @param key the idempotency key
 * @param fingerprint the digest
 */
record IdempotentCall(String key, byte[] fingerprint) {

	private static final byte[] NO_ARGUMENTS = { '[', ']' };

	static IdempotentCall of(String key, String action, @Nullable JsonNode args, ActorCodec codec) {
		MessageDigest digest = sha256();
		digest.update(action.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
		digest.update((args != null && !args.isNull()) ? codec.encodeCanonical(args) : NO_ARGUMENTS);
		return new IdempotentCall(key, digest.digest());
	}

	/** Whether a kept outcome is this call's: the same action with the same arguments. */
	boolean sameCall(StoredOutcome outcome) {
		return Arrays.equals(this.fingerprint, outcome.fingerprint());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
