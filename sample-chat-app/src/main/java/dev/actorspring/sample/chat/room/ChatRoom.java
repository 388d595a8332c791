package dev.actorspring.sample.chat.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.ActorException;
import dev.actorspring.api.Connection;

/**
 * A chat room: a data actor, one instance per room key, holding the room's messages.
 */
@Actor("chatRoom")
public class ChatRoom {

	/** The persisted state of one room. */
	public static class State {

		public List<Message> messages = new ArrayList<>();

	}

	/** What a WebSocket client sends when it connects: {@code ?params={"user":"alice"}}. */
	public record Params(String user) {
	}

	/**
	 * Posts a message. Over a WebSocket connection the sender must be the connection's own user (one simple
	 * authorization rule: nobody posts in someone else's name); REST callers are trusted server code.
	 */
	@Action
	public Message sendMessage(ActorContext<State> c, String sender, String text) {
		if (sender.isBlank() || text.isBlank()) {
			throw new ActorException("empty_message", "Sender and text must not be blank.");
		}
		Connection connection = c.connection();
		if (connection != null) {
			Params params = connection.params(Params.class);
			if (params == null || !sender.equals(params.user())) {
				throw ActorException.forbidden("Over WebSocket you can only post as the user you connected as.");
			}
		}
		Message message = new Message(sender, text, Instant.now());
		c.state().messages.add(message);
		c.broadcast("newMessage", message);
		return message;
	}

	@Action
	public List<Message> getHistory(ActorContext<State> c) {
		return c.state().messages;
	}

}
