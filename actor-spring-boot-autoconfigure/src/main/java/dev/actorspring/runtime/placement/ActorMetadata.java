package dev.actorspring.runtime.placement;

import java.time.Instant;

/**
 * What callers may know about an actor instance.
 *
 * @param actorId the id generated at creation
 * @param name the actor type name
 * @param key the key
 * @param createdAt when the instance was created
 */
public record ActorMetadata(String actorId, String name, String key, Instant createdAt) {
}
