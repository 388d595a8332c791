package dev.actorspring.sample.chat.room;

import java.time.Instant;

/**
 * One chat message.
 *
 * @param sender who wrote it
 * @param text what they wrote
 * @param timestamp when the room received it
 */
public record Message(String sender, String text, Instant timestamp) {
}
