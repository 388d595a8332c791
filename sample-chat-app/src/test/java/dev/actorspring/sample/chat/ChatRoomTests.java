package dev.actorspring.sample.chat;

import dev.actorspring.api.ActorException;
import dev.actorspring.sample.chat.room.ChatRoom;
import dev.actorspring.sample.chat.room.ChatRoomList;
import dev.actorspring.sample.chat.room.Message;
import dev.actorspring.test.ActorTestKit;
import dev.actorspring.test.RecordedEvent;
import dev.actorspring.test.TestActor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit tests of the chat actors with the ActorTestKit: no server, no Spring context. */
class ChatRoomTests {

	@Test
	void messagesAreKeptBroadcastAndSurviveSleep() {
		try (ActorTestKit kit = ActorTestKit.of(new ChatRoom())) {
			TestActor room = kit.actor("chatRoom", "general");
			Message sent = room.as("alice").call(Message.class, "sendMessage", "hello");
			assertThat(sent.sender()).isEqualTo("alice");
			assertThat(room.events()).singleElement().satisfies((event) -> {
				assertThat(event.name()).isEqualTo("newMessage");
				assertThat(event.arg(0).get("text").asString()).isEqualTo("hello");
			});
			room.sleep();
			Message[] history = room.call(Message[].class, "getHistory");
			assertThat(history).extracting(Message::text).containsExactly("hello");
			assertThatThrownBy(() -> room.as("alice").call("sendMessage", " "))
				.isInstanceOfSatisfying(ActorException.class, (ex) -> assertThat(ex.code()).isEqualTo("empty_message"));
			assertThatThrownBy(() -> room.call("sendMessage", "anonymous"))
				.isInstanceOfSatisfying(ActorException.class, (ex) -> assertThat(ex.code()).isEqualTo("forbidden"));
		}
	}

	@Test
	void historyIsPagedFromTheRoomsOwnTable() {
		try (ActorTestKit kit = ActorTestKit.of(new ChatRoom())) {
			TestActor room = kit.actor("chatRoom", "paged");
			for (int i = 1; i <= 5; i++) {
				room.as("alice").call("sendMessage", "message " + i);
			}
			Message[] newest = room.call(Message[].class, "getHistory", null, 2);
			assertThat(newest).extracting(Message::text).containsExactly("message 4", "message 5");
			Message[] older = room.call(Message[].class, "getHistory", newest[0].id(), 2);
			assertThat(older).extracting(Message::text).containsExactly("message 2", "message 3");
			Message[] oldest = room.call(Message[].class, "getHistory", older[0].id(), 2);
			assertThat(oldest).extracting(Message::text).containsExactly("message 1");
			assertThat(room.call(Long.class, "messageCount")).isEqualTo(5L);
			assertThatThrownBy(() -> room.call("getHistory", null, 1000))
				.isInstanceOfSatisfying(ActorException.class, (ex) -> assertThat(ex.code()).isEqualTo("invalid_limit"));
		}
	}

	@Test
	void theCoordinatorCreatesRoomsThroughTheClient() {
		try (ActorTestKit kit = ActorTestKit.of(new ChatRoom(), new ChatRoomList())) {
			TestActor list = kit.actor("chatRoomList", "main");
			list.call(String.class, "createChatRoom", "random");
			assertThat(list.call(String[].class, "listChatRooms")).containsExactly("random");
			assertThat(list.events()).extracting(RecordedEvent::name).containsExactly("roomCreated");
			assertThatThrownBy(() -> list.call("createChatRoom", "random"))
				.isInstanceOfSatisfying(ActorException.class, (ex) -> assertThat(ex.code()).isEqualTo("room_exists"));
		}
	}

}
