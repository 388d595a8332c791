package dev.actorspring.persistence;

import java.time.Instant;

/**
 * What the store keeps for one actor instance besides the actor's own tables.
 *
 * @param actorId the id generated when the instance was created
 * @param state the state as JSON bytes
 * @param createdAt when the instance was created
 */
public record StoredState(String actorId, byte[] state, Instant createdAt) {
}
