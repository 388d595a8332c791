package dev.actorspring.persistence;

/**
 * The outcome of an action call made with an idempotency key, kept in its instance's storage, committed with the
 * turn that produced it, so that a retry with the same key gets this outcome instead of running the action again.
 *
 * @param key the idempotency key, as the caller gave it
 * @param action the action called
 * @param fingerprint a digest of the action and its arguments, to tell a retry from a different call with the same key
 * @param status {@code 200} for an output, or the HTTP status of the error
 * @param body the output as JSON, or, for an error, its {@code {"group", "code", "message"}} as JSON
 * @param createdAt when it was kept, in milliseconds since the epoch
 */
public record StoredOutcome(String key, String action, byte[] fingerprint, int status, byte[] body, long createdAt) {

	/**
	 * How long outcomes are kept, and how many at most per instance: the older ones are removed when new ones are
	 * kept.
	 *
	 * @param keepSince outcomes kept before this time (milliseconds since the epoch) are removed
	 * @param maxKept the most outcomes one instance keeps
	 */
	public record Retention(long keepSince, int maxKept) {
	}

}
