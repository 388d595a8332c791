package dev.actorspring.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
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

/**
 * Drives the chat sample the way the README does: curl for actions (signed in with HTTP Basic), a WebSocket for
 * events; messages are posted as the signed-in user.
 */
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
		WebSocket socket = connect("general", "bob", frames);
		assertThat(frames.poll(10, TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Init");
		socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"newMessage\",\"subscribe\":true}}}", true).join();
		// frames of one connection are handled in order: the Error for this empty subscription proves the one above is in place
		socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"\",\"subscribe\":true}}}", true).join();
		assertThat(frames.poll(10, TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Error");

		HttpResponse<String> sent = post("/actors/chatRoom/general/actions/sendMessage", "{\"args\":[\"hello\"]}");
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

		socket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"sendMessage\",\"args\":[\"hi\"]}}}", true).join();
		JsonNode echo = frames.poll(10, TimeUnit.SECONDS);
		assertThat(echo.at("/body/tag").asString()).isEqualTo("Event");
		assertThat(echo.at("/body/val/args/0/sender").asString()).as("the WebSocket handshake's user").isEqualTo("bob");
		JsonNode answered = frames.poll(10, TimeUnit.SECONDS);
		assertThat(answered.at("/body/tag").asString()).isEqualTo("ActionResponse");
		assertThat(answered.at("/body/val/output/sender").asString()).isEqualTo("bob");

		HttpResponse<String> anonymous = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actors/chatRoom/general/actions/sendMessage"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"args\":[\"hi\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(anonymous.body()).get("code").asString()).isEqualTo("unauthorized");

		HttpResponse<String> blank = post("/actors/chatRoom/general/actions/sendMessage", "{\"args\":[\" \"]}");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(blank.body()).get("code").asString()).isEqualTo("empty_message");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void historyIsPagedOverRestFromTheRoomsOwnTable() throws Exception {
		for (int i = 1; i <= 4; i++) {
			assertThat(post("/actors/chatRoom/paged/actions/sendMessage", "{\"args\":[\"m" + i + "\"]}")
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
		HttpResponse<String> room = get("/actors/chatRoom/random", "alice");
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
		post("/actors/chatRoom/metrics/actions/sendMessage", "{\"args\":[\"counted\"]}");
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

	@Test
	void onlyAdminsReadTheInspectorWhichShowsRoomState() throws Exception {
		post("/actors/chatRoom/inspected/actions/sendMessage", "{\"args\":[\"secret plans\"]}");
		assertThat(get("/actuator/actors/chatRoom/inspected", null).statusCode()).isEqualTo(401);
		HttpResponse<String> user = get("/actuator/actors/chatRoom/inspected", "alice");
		assertThat(user.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(user.body()).get("code").asString()).isEqualTo("forbidden");
		HttpResponse<String> admin = get("/actuator/actors/chatRoom/inspected", "admin");
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).contains("\"messageCount\":1");
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
	}

	/** A POST as alice, as the README's curl commands do it. */
	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("Authorization", basic("alice"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void presenceAndTypingLiveInEachConnectionsState() throws Exception {
		BlockingQueue<JsonNode> alice = new LinkedBlockingQueue<>();
		WebSocket aliceSocket = connect("presence", "alice", alice);
		assertThat(alice.poll(10, TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Init");
		for (String event : new String[] { "presence", "typing", "" }) {
			aliceSocket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"" + event
					+ "\",\"subscribe\":true}}}", true).join();
		}
		assertThat(alice.poll(10, TimeUnit.SECONDS).at("/body/tag").asString()).as("subscribed").isEqualTo("Error");
		BlockingQueue<JsonNode> bob = new LinkedBlockingQueue<>();
		WebSocket bobSocket = connect("presence", "bob", bob);
		// not alice's own presence event: it was emitted by her @OnConnect, before she subscribed (it is delivered
		// after that turn's commit, which her subscription may come before)
		assertThat(event(alice)).isEqualTo("presence [[\"alice\",\"bob\"]]");
		assertThat(bob.poll(10, TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Init");
		bobSocket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"setTyping\",\"args\":[true]}}}", true)
			.join();
		assertThat(event(alice)).isEqualTo("typing [[\"bob\"]]");
		bobSocket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":2,\"name\":\"sendMessage\",\"args\":[\"done typing\"]}}}", true)
			.join();
		assertThat(event(alice)).as("sending ends typing").isEqualTo("typing [[]]");
		assertThat(post("/actors/chatRoom/presence/actions/whoIsOnline", "").body())
			.isEqualTo("{\"output\":[\"alice\",\"bob\"]}");
		bobSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
		assertThat(event(alice)).as("bob left").isEqualTo("presence [[\"alice\"]]");
		aliceSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	private WebSocket connect(String room, String user, BlockingQueue<JsonNode> frames) {
		return this.http.newWebSocketBuilder()
			.header("Authorization", basic(user))
			.buildAsync(URI.create("ws://localhost:" + this.port + "/actors/chatRoom/" + room + "/connect"),
					new WebSocket.Listener() {
						@Override
						public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
							frames.add(JSON.readTree(data.toString()));
							webSocket.request(1);
							return null;
						}
					})
			.join();
	}

	private static String event(BlockingQueue<JsonNode> frames) throws InterruptedException {
		JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
		assertThat(frame).as("an event within 10 s").isNotNull();
		assertThat(frame.at("/body/tag").asString()).as(frame.toString()).isEqualTo("Event");
		return frame.at("/body/val/name").asString() + " " + frame.at("/body/val/args");
	}

	private HttpResponse<String> get(String path, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
		if (user != null) {
			request.header("Authorization", basic(user));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The sample's demo users have their name as password (application.properties). */
	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
	}

}
