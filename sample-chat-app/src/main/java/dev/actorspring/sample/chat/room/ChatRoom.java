package dev.actorspring.sample.chat.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.ActorException;

/**
 * A chat room: a data actor, one instance per room key, holding the room's messages.
 */
@Actor("chatRoom")
public class ChatRoom {

	/** The persisted state of one room. */
	public static class State {

		public List<Message> messages = new ArrayList<>();

	}

	@Action
	public Message sendMessage(ActorContext<State> c, String sender, String text) {
		if (sender.isBlank() || text.isBlank()) {
			throw new ActorException("empty_message", "Sender and text must not be blank.");
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
