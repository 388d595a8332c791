package dev.actorspring.it.websocket;

import dev.actorspring.it.fixtures.Room;
import dev.actorspring.it.fixtures.WakeCounter;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import java.time.Duration;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebSocketTests {

	private static final String ALICE = "{\"user\":\"alice\",\"password\":\"pw\"}";

	private static final String BOB = "{\"user\":\"bob\",\"password\":\"pw\"}";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	WakeCounter wakeCounter;

	@Test
	void clientReceivesEventsOfRestCallsAndCallsActionsItself() {
		HttpActorClient rest = new HttpActorClient(this.port);
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "room", "r1", ALICE)) {
			JsonNode init = ws.next();
			assertThat(tag(init)).isEqualTo("Init");
			assertThat(init.at("/body/val/actorId").asString()).isNotBlank();
			assertThat(init.at("/body/val/connectionId").asString()).isNotBlank();
			JsonNode welcome = ws.next();
			assertThat(tag(welcome)).isEqualTo("Event");
			assertThat(welcome.at("/body/val/name").asString()).isEqualTo("welcome");
			assertThat(welcome.at("/body/val/args").toString()).isEqualTo("[\"hello alice\"]");

			ws.subscribe("said");
			assertThat(rest.call("room", "r1", "say", "from rest").asString()).isEqualTo("rest");
			JsonNode event = ws.next();
			assertThat(tag(event)).isEqualTo("Event");
			assertThat(event.at("/body/val/name").asString()).isEqualTo("said");
			assertThat(event.at("/body/val/args").toString()).isEqualTo("[\"rest\",\"from rest\"]");

			ws.action(7, "say", "[\"from ws\"]");
			JsonNode ownEvent = ws.next();
			assertThat(ownEvent.at("/body/val/args").toString()).isEqualTo("[\"alice\",\"from ws\"]");
			JsonNode response = ws.next();
			assertThat(tag(response)).isEqualTo("ActionResponse");
			assertThat(response.at("/body/val/id").asLong()).isEqualTo(7);
			assertThat(response.at("/body/val/output").asString()).isEqualTo("alice");
		}
	}

	@Test
	void broadcastsReachOnlySubscribersAndConnectHooksRun() throws Exception {
		HttpActorClient rest = new HttpActorClient(this.port);
		try (WebSocketTestClient alice = WebSocketTestClient.connect(this.port, "room", "r2", ALICE)) {
			assertThat(tag(alice.next())).isEqualTo("Init");
			alice.next();
			alice.subscribe("joined");
			try (WebSocketTestClient bob = WebSocketTestClient.connect(this.port, "room", "r2", BOB)) {
				assertThat(tag(bob.next())).isEqualTo("Init");
				JsonNode joined = alice.next();
				assertThat(joined.at("/body/val/name").asString()).isEqualTo("joined");
				assertThat(joined.at("/body/val/args/0").asString()).isEqualTo("bob");
				assertThat(rest.call("room", "r2", "state").get("members").toString()).isEqualTo("[\"alice\",\"bob\"]");
				rest.call("room", "r2", "say", "nobody subscribed to said");
				bob.next();
				assertThat(bob.poll(300)).isNull();
			}
			await("bob's disconnect to reach the actor").atMost(Duration.ofSeconds(15))
				.until(() -> rest.call("room", "r2", "state").get("members").size() == 1);
			assertThat(rest.call("room", "r2", "state").get("members").toString()).isEqualTo("[\"alice\"]");
		}
	}

	@Test
	void anEventBroadcastWhileNoConnectionIsOpenIsNotEncodedAndSubscribersStillGetTheirs() {
		HttpActorClient rest = new HttpActorClient(this.port);
		int before = Room.News.ENCODED.get();
		rest.call("room", "r8", "publishNews", "for no one");
		assertThat(Room.News.ENCODED.get()).isEqualTo(before); // no connection open: nothing to write

		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "room", "r8", ALICE)) {
			assertThat(tag(ws.next())).isEqualTo("Init");
			ws.next(); // welcome
			ws.subscribe("news");
			rest.call("room", "r8", "publishNews", "for alice");
			JsonNode news = ws.next();
			assertThat(news.at("/body/val/name").asString()).isEqualTo("news");
			assertThat(news.at("/body/val/args").toString()).isEqualTo("[{\"text\":\"for alice\"}]");
			assertThat(Room.News.ENCODED.get()).isEqualTo(before + 1);
		}
	}

	@Test
	void badFramesGetErrorFramesAndTheConnectionKeepsWorking() {
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "room", "r3", ALICE)) {
			ws.next();
			ws.next();
			ws.send("{not json");
			assertError(ws.next(), "malformed_json");
			ws.send("{\"body\":{\"tag\":\"Bogus\",\"val\":{}}}");
			assertError(ws.next(), "invalid_request");
			ws.action(1, "noSuchAction", "[]");
			JsonNode unknown = ws.next();
			assertError(unknown, "action_not_found");
			assertThat(unknown.at("/body/val/actionId").asLong()).isEqualTo(1);
			ws.action(2, "say", "[1, 2, 3]");
			assertError(ws.next(), "invalid_arguments");
			ws.action(3, "varsCalls", "[]");
			JsonNode ok = ws.next();
			assertThat(tag(ok)).isEqualTo("ActionResponse");
			assertThat(ok.at("/body/val/id").asLong()).isEqualTo(3);
		}
	}

	@Test
	void onBeforeConnectRefusesWithAClearReason() {
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "room", "r4", null)) {
			JsonNode error = ws.next();
			assertError(error, "forbidden");
			assertThat(error.at("/body/val/message").asString()).contains("user");
			assertThat(ws.awaitClose()).isEqualTo("1008 auth.forbidden");
		}
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "room", "r4",
				"{\"user\":\"eve\",\"password\":\"wrong\"}")) {
			assertError(ws.next(), "forbidden");
			assertThat(ws.awaitClose()).isEqualTo("1008 auth.forbidden");
		}
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "nope", "r4", ALICE)) {
			assertError(ws.next(), "actor_type_not_found");
			assertThat(ws.awaitClose()).isEqualTo("1008 actor.actor_type_not_found");
		}
	}

	@Test
	void varsLiveForTheWakeAndOnStateChangeSeesCommittedState() {
		HttpActorClient rest = new HttpActorClient(this.port);
		assertThat(rest.call("room", "r5", "varsCalls").asInt()).isEqualTo(1);
		assertThat(rest.call("room", "r5", "varsCalls").asInt()).isEqualTo(2);
		assertThat(this.wakeCounter.wakes("r5")).isEqualTo(1);
		rest.call("room", "r5", "say", "hi");
		// @OnStateChange runs after the commit, before the caller gets its answer
		await("@OnStateChange to see the committed log of 4 entries").atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(4).equals(this.wakeCounter.lastLogSize("r5")));
	}

	@Test
	void theConnectPathReachesTheInstanceRestDoesWhateverItsPathParameters() {
		HttpActorClient rest = new HttpActorClient(this.port);
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "counter", "params;v=1", null)) {
			assertThat(tag(ws.next())).isEqualTo("Init");
			ws.action(1, "increment", "[6]");
			assertThat(ws.next().at("/body/val/output").asLong()).isEqualTo(6);
		}
		// the path parameter is not part of the key, over REST as over WebSocket
		assertThat(rest.call("counter", "params", "get").asLong()).isEqualTo(6);
	}

	private static String tag(JsonNode frame) {
		return frame.at("/body/tag").asString();
	}

	@Test
	void aConnectionSubscribesToABoundedNumberOfShortEventNames() {
		HttpActorClient rest = new HttpActorClient(this.port);
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "room", "r9", ALICE)) {
			ws.next();
			ws.next();
			ws.subscribe("x".repeat(257));
			assertError(ws.next(), "invalid_request");
			ws.subscribe("said");
			for (int i = 1; i < 256; i++) {
				ws.subscribe("event-" + i);
			}
			ws.subscribe("one too many");
			assertError(ws.next(), "too_many_subscriptions");
			ws.subscribe("said"); // already held: fine
			rest.call("room", "r9", "say", "still subscribed");
			JsonNode said = ws.next();
			assertThat(tag(said)).as(said.toString()).isEqualTo("Event");
			assertThat(said.at("/body/val/args").toString()).isEqualTo("[\"rest\",\"still subscribed\"]");
		}
	}

	private static void assertError(JsonNode frame, String code) {
		assertThat(tag(frame)).as(frame.toString()).isEqualTo("Error");
		assertThat(frame.at("/body/val/code").asString()).as(frame.toString()).isEqualTo(code);
		assertThat(frame.at("/body/val/group").asString()).isNotBlank();
		assertThat(frame.at("/body/val/message").asString()).isNotBlank();
	}

}
