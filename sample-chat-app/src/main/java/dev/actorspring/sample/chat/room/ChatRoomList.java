package dev.actorspring.sample.chat.room;

import java.util.ArrayList;
import java.util.List;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.ActorException;

/**
 * The coordinator of chat rooms: an index of the {@link ChatRoom} data actors (one instance, key {@code main}).
 */
@Actor("chatRoomList")
public class ChatRoomList {

	/** The rooms created so far, in creation order. */
	public static class State {

		public List<String> rooms = new ArrayList<>();

	}

	@Action
	public String createChatRoom(ActorContext<State> c, String name) {
		if (c.state().rooms.contains(name)) {
			throw new ActorException("room_exists", "A room named '" + name + "' already exists.", 409);
		}
		String actorId = c.actors().get(ChatRoom.class, name).create(null).join();
		c.state().rooms.add(name);
		c.broadcast("roomCreated", name);
		return actorId;
	}

	@Action
	public List<String> listChatRooms(ActorContext<State> c) {
		return c.state().rooms;
	}

}
