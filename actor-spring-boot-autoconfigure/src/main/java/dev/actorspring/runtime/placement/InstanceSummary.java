package dev.actorspring.runtime.placement;

import java.time.Instant;

/**
 * A loaded instance in the inspector's list, read without entering its mailbox.
 *
 * @param key the key
 * @param mailboxDepth messages waiting
 * @param lastActive when its mailbox last finished work
 * @param connections open connections
 */
public record InstanceSummary(String key, int mailboxDepth, Instant lastActive, int connections) {
}
