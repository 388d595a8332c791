package dev.actorspring.sample.chat.room;

import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.ActorException;
import dev.actorspring.api.Connection;
import dev.actorspring.api.CreateConnState;
import dev.actorspring.api.OnConnect;
import dev.actorspring.api.OnDisconnect;

/**
 * A chat room: a data actor, one instance per room key. Its messages live in a table of its own SQLite file
 * ({@code db/actors/chatRoom/V1__messages.sql}); the state keeps only a count. A message row and the count are
 * committed together, before the sender gets its answer and before anyone sees the event. Who is in the room and
 * who is typing lives in each WebSocket connection's state ({@link Presence}), never in the file.
 */
@Actor("chatRoom")
public class ChatRoom {

	/** The most messages one history page returns. */
	public static final int MAX_PAGE = 200;

	/** The persisted state of one room. */
	public static class State {

		public long messageCount;

	}

	/**
	 * Who a WebSocket connection is, and whether they are typing: connection state, made when the connection opens
	 * and gone with it. Presence needs no table and no cleanup: a closed tab is simply no longer there.
	 */
	public static final class Presence {

		final String user;

		boolean typing;

		Presence(String user) {
			this.user = user;
		}

	}

	@CreateConnState
	public Presence createConnState(ActorContext<State> c) {
		Principal user = c.principal();
		return new Presence((user != null) ? user.getName() : "guest");
	}

	@OnConnect
	public void onConnect(ActorContext<State> c) {
		c.broadcast("presence", online(c));
	}

	@OnDisconnect
	public void onDisconnect(ActorContext<State> c, Connection left) {
		c.broadcast("presence", online(c));
		if (left.<Presence>state().typing) {
			c.broadcast("typing", typing(c));
		}
	}

	/** Who is in the room now: the users of its open connections, each once, sorted. */
	@Action
	public List<String> whoIsOnline(ActorContext<State> c) {
		return online(c);
	}

	/** The caller starts or stops typing; every subscriber of {@code typing} gets who is typing now. */
	@Action
	public void setTyping(ActorContext<State> c, Connection connection, boolean typing) {
		if (connection == null) {
			throw new ActorException("websocket_only", "Typing is shown for WebSocket connections only.");
		}
		Presence presence = connection.state();
		if (presence.typing != typing) {
			presence.typing = typing;
			c.broadcast("typing", typing(c));
		}
	}

	/**
	 * Posts a message as the signed-in user: the sender is the caller's principal (the REST request's, or the
	 * WebSocket handshake's), never an argument, so nobody posts in someone else's name.
	 */
	@Action
	public Message sendMessage(ActorContext<State> c, String text) {
		Principal user = c.principal();
		if (user == null) {
			throw ActorException.forbidden("Sign in to post a message.");
		}
		if (text.isBlank()) {
			throw new ActorException("empty_message", "The text must not be blank.");
		}
		String sender = user.getName();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as stored: sent_at keeps milliseconds
		long id = c.sql()
			.sql("INSERT INTO messages (sender, text, sent_at) VALUES (?, ?, ?) RETURNING id")
			.params(sender, text, now.toEpochMilli())
			.query(Long.class)
			.single();
		Message message = new Message(id, sender, text, now);
		c.state().messageCount++;
		c.broadcast("newMessage", message);
		Connection connection = c.connection();
		if (connection != null && connection.<Presence>state().typing) {
			connection.<Presence>state().typing = false; // sending ends typing
			c.broadcast("typing", typing(c));
		}
		return message;
	}

	/**
	 * A page of history, oldest first: the {@code limit} messages (default 50, at most 200) just before message
	 * {@code before} (default: the newest). Pass the first id of a page as {@code before} to get the page before it.
	 */
	@Action
	public List<Message> getHistory(ActorContext<State> c, Optional<Long> before, Optional<Integer> limit) {
		int size = limit.orElse(50);
		if (size < 1 || size > MAX_PAGE) {
			throw new ActorException("invalid_limit", "The limit must be between 1 and " + MAX_PAGE + ".");
		}
		List<Message> page = new ArrayList<>(c.sql()
			.sql("SELECT id, sender, text, sent_at FROM messages WHERE id < ? ORDER BY id DESC LIMIT ?")
			.params(before.orElse(Long.MAX_VALUE), size)
			.query((row, n) -> new Message(row.getLong(1), row.getString(2), row.getString(3),
					Instant.ofEpochMilli(row.getLong(4))))
			.list());
		Collections.reverse(page);
		return page;
	}

	@Action
	public long messageCount(ActorContext<State> c) {
		return c.state().messageCount;
	}

	private static List<String> online(ActorContext<State> c) {
		return c.connections().stream().map((connection) -> connection.<Presence>state().user).distinct().sorted().toList();
	}

	private static List<String> typing(ActorContext<State> c) {
		return c.connections()
			.stream()
			.map((connection) -> connection.<Presence>state())
			.filter((presence) -> presence.typing)
			.map((presence) -> presence.user)
			.distinct()
			.sorted()
			.toList();
	}

}
