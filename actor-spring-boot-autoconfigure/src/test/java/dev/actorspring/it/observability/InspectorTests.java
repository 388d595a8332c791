package dev.actorspring.it.observability;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.Counter;
import dev.actorspring.it.fixtures.Room;
import dev.actorspring.it.fixtures.WakeCounter;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import dev.actorspring.it.fixtures.StoredStates;
import java.time.Duration;
import java.nio.file.Path;

import dev.actorspring.it.fixtures.HttpActorClient.Response;
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

/** The actors Actuator endpoint, read over HTTP as an operator would. */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=actors")
class InspectorTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	WakeCounter recorder;

	@Test
	void listsActorTypesWithActionsHooksAndSettings() {
		JsonNode types = new HttpActorClient(this.port).get("/actuator/actors").json().get("types");
		JsonNode room = find(types, "room");
		assertThat(room.get("beanType").asString()).isEqualTo(Room.class.getName());
		assertThat(room.get("actions").toString()).contains("\"say\"", "\"state\"");
		assertThat(room.get("hooks").toString()).contains("@OnConnect", "@CreateVars", "@OnBeforeConnect");
		assertThat(find(types, "sleeper").get("sleepTimeout").asString()).isEqualTo("PT0.3S");
		assertThat(find(types, "counter").get("stateType").asString()).contains("Counter$State");
	}

	@Test
	void listsAwakeInstancesAndShowsOneThroughItsMailbox() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("counter", "i1", "increment", 41);
		client.call("alarm", "i1", "remind", "later", 60_000);
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "counter", "i1", null)) {
			ws.next();
			ws.subscribe("changed");
			client.call("counter", "i1", "increment", 1);
			ws.next();
			JsonNode listing = client.get("/actuator/actors/counter").json();
			JsonNode entry = null;
			for (JsonNode awake : listing.get("awake")) {
				if (awake.get("key").asString().equals("i1")) {
					entry = awake;
				}
			}
			assertThat(entry).isNotNull();
			assertThat(entry.get("connections").asInt()).isEqualTo(1);
			assertThat(entry.get("mailboxDepth").asInt()).isZero();
			assertThat(entry.get("lastActive").asString()).isNotBlank();

			JsonNode instance = client.get("/actuator/actors/counter/i1").json();
			assertThat(instance.at("/state/count").asLong()).isEqualTo(42);
			assertThat(instance.at("/metadata/key").asString()).isEqualTo("i1");
			assertThat(instance.get("connections").get(0).get("subscriptions").toString()).isEqualTo("[\"changed\"]");
		}
		JsonNode alarm = client.get("/actuator/actors/alarm/i1").json();
		assertThat(alarm.get("schedules").get(0).get("action").asString()).isEqualTo("fire");
	}

	@Test
	void readingASleepingInstanceDoesNotWakeItUnlessAsked() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("sleeper", "i2", "napNow");
		await("the actor to sleep").atMost(Duration.ofSeconds(15)).until(() -> this.recorder.sleeps("i2") == 1);
		JsonNode asleep = client.get("/actuator/actors/sleeper/i2").json();
		assertThat(asleep.get("awake").asBoolean()).isFalse();
		assertThat(this.recorder.wakes("i2")).isEqualTo(1);
		JsonNode woken = client.get("/actuator/actors/sleeper/i2?wake=true").json();
		assertThat(woken.at("/state/count").asLong()).isEqualTo(100);
		assertThat(this.recorder.wakes("i2")).isEqualTo(2);

		assertThat(client.get("/actuator/actors/counter/never").json().get("awake").asBoolean()).isFalse();
		Response missing = client.get("/actuator/actors/counter/never?wake=true");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("code").asString()).isEqualTo("actor_not_found");
		assertThat(StoredStates.file(dataDir, "counter", "never")).doesNotExist();
		assertThat(client.get("/actuator/actors/nope").status()).isEqualTo(404);
	}

	private static JsonNode find(JsonNode types, String name) {
		for (JsonNode type : types) {
			if (type.get("name").asString().equals(name)) {
				return type;
			}
		}
		throw new AssertionError("No type " + name + " in " + types);
	}

}
