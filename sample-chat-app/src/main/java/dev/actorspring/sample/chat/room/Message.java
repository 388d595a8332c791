package dev.actorspring.sample.chat.room;

import java.time.Instant;

/**
 * One chat message, a row of the room's own {@code messages} table.
 *
 * @param id its number in the room, increasing
 * @param sender who wrote it
 * @param text what they wrote
 * @param timestamp when the room received it
 */
public record Message(long id, String sender, String text, Instant timestamp) {
}
