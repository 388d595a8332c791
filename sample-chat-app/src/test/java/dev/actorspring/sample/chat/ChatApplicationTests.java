package dev.actorspring.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the chat sample the way the README does: curl for actions, a WebSocket for events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatApplicationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void sendMessageOverRestReachesWebSocketSubscribersAndHistory() throws Exception {
		BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
		WebSocket socket = this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/actors/chatRoom/general/connect?params=%7B%22user%22%3A%22bob%22%7D"),
					new WebSocket.Listener() {
						@Override
						public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
							frames.add(JSON.readTree(data.toString()));
							webSocket.request(1);
							return null;
						}
					})
			.join();
		assertThat(frames.poll(10, TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Init");
		socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"newMessage\",\"subscribe\":true}}}", true).join();
		// frames of one connection are handled in order: the Error for this empty subscription proves the one above is in place
		socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"\",\"subscribe\":true}}}", true).join();
		assertThat(frames.poll(10, TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Error");

		HttpResponse<String> sent = post("/actors/chatRoom/general/actions/sendMessage", "{\"args\":[\"alice\",\"hello\"]}");
		assertThat(sent.statusCode()).isEqualTo(200);
		JsonNode output = JSON.readTree(sent.body()).get("output");
		assertThat(output.get("sender").asString()).isEqualTo("alice");
		assertThat(output.get("text").asString()).isEqualTo("hello");

		JsonNode event = frames.poll(10, TimeUnit.SECONDS);
		assertThat(event.at("/body/val/name").asString()).isEqualTo("newMessage");
		assertThat(event.at("/body/val/args/0/text").asString()).isEqualTo("hello");

		JsonNode history = JSON.readTree(post("/actors/chatRoom/general/actions/getHistory", "").body()).get("output");
		assertThat(history).hasSize(1);
		assertThat(history.get(0).get("sender").asString()).isEqualTo("alice");

		socket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"sendMessage\",\"args\":[\"mallory\",\"hi\"]}}}", true).join();
		JsonNode refused = frames.poll(10, TimeUnit.SECONDS);
		assertThat(refused.at("/body/tag").asString()).isEqualTo("Error");
		assertThat(refused.at("/body/val/code").asString()).isEqualTo("forbidden");

		HttpResponse<String> blank = post("/actors/chatRoom/general/actions/sendMessage", "{\"args\":[\"alice\",\" \"]}");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(blank.body()).get("code").asString()).isEqualTo("empty_message");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void historyIsPagedOverRestFromTheRoomsOwnTable() throws Exception {
		for (int i = 1; i <= 4; i++) {
			assertThat(post("/actors/chatRoom/paged/actions/sendMessage", "{\"args\":[\"carol\",\"m" + i + "\"]}")
				.statusCode()).isEqualTo(200);
		}
		JsonNode newest = JSON.readTree(post("/actors/chatRoom/paged/actions/getHistory", "{\"args\":[null,3]}").body())
			.get("output");
		assertThat(newest).extracting((message) -> message.get("text").asString()).containsExactly("m2", "m3", "m4");
		long firstId = newest.get(0).get("id").asLong();
		JsonNode older = JSON
			.readTree(post("/actors/chatRoom/paged/actions/getHistory", "{\"args\":[" + firstId + ",3]}").body())
			.get("output");
		assertThat(older).extracting((message) -> message.get("text").asString()).containsExactly("m1");
		Path file = dataDir.resolve("chatRoom/k-paged.db");
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
				java.sql.ResultSet rows = connection.createStatement()
					.executeQuery("SELECT COUNT(*), (SELECT json_extract(state, '$.messageCount') FROM _actor) FROM messages")) {
			rows.next();
			assertThat(rows.getLong(1)).isEqualTo(4);
			assertThat(rows.getLong(2)).isEqualTo(4);
		}
	}

	@Test
	void theCoordinatorCreatesAndListsRooms() throws Exception {
		HttpResponse<String> created = post("/actors/chatRoomList/main/actions/createChatRoom", "{\"args\":[\"random\"]}");
		assertThat(created.statusCode()).isEqualTo(200);
		String actorId = JSON.readTree(created.body()).get("output").asString();
		HttpResponse<String> room = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actors/chatRoom/random"))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(room.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(room.body()).get("actorId").asString()).isEqualTo(actorId);
		JsonNode rooms = JSON.readTree(post("/actors/chatRoomList/main/actions/listChatRooms", "").body()).get("output");
		assertThat(rooms.toString()).isEqualTo("[\"random\"]");
		HttpResponse<String> again = post("/actors/chatRoomList/main/actions/createChatRoom", "{\"args\":[\"random\"]}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(again.body()).get("code").asString()).isEqualTo("room_exists");
	}

	@Test
	void prometheusShowsTheActorMeters() throws Exception {
		post("/actors/chatRoom/metrics/actions/sendMessage", "{\"args\":[\"alice\",\"counted\"]}");
		HttpResponse<String> scrape = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus"))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains(
				"actor_action_seconds_count{actor_action=\"sendMessage\",actor_type=\"chatRoom\",outcome=\"success\"}")
			.contains("actor_commit_seconds_count{actor_type=\"chatRoom\"}")
			.doesNotContain("metrics\"");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
