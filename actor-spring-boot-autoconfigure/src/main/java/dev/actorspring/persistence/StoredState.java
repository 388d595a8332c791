package dev.actorspring.persistence;

import java.time.Instant;

/**
 * What the store keeps for one actor instance besides the actor's own tables.
 *
 * @param actorId the id generated when the instance was created
 * @param state the state as JSON bytes
 * @param createdAt when the instance was created
 * @param schedules the pending durable schedules as a JSON array
 */
public record StoredState(String actorId, byte[] state, Instant createdAt, byte[] schedules) {

	/** The schedules of an instance that has none. */
	public static final byte[] NO_SCHEDULES = { '[', ']' };

	public StoredState(String actorId, byte[] state, Instant createdAt) {
		this(actorId, state, createdAt, NO_SCHEDULES);
	}

}
