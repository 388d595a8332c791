package dev.actorspring.it.websocket;

import java.nio.file.Path;
import java.time.Duration;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection state ({@code @CreateConnState}) and subscription checks ({@code @OnBeforeSubscribe}), driven by real
 * WebSocket clients.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectionStateTests {

	private static final String ANN = "{\"name\":\"ann\",\"role\":\"player\"}";

	private static final String MOD = "{\"name\":\"mod\",\"role\":\"admin\"}";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Test
	void eachConnectionHasTheStateItsParamsMadeForAsLongAsItIsOpen() {
		try (WebSocketTestClient ann = open("state", ANN); WebSocketTestClient mod = open("state", MOD)) {
			assertThat(answer(ann, 1, "whoAmI", "[]").asString()).isEqualTo("ann");
			assertThat(answer(mod, 1, "whoAmI", "[]").asString()).isEqualTo("mod");
			assertThat(answer(ann, 2, "move", "[]").asInt()).isEqualTo(1);
			assertThat(answer(ann, 3, "move", "[]").asInt()).isEqualTo(2);
			assertThat(answer(mod, 2, "move", "[]").asInt()).as("another connection, another state").isEqualTo(1);
			assertThat(answer(mod, 3, "roster", "[]").toString()).isEqualTo("[\"ann:2\",\"mod:1\"]");
			assertThat(new HttpActorClient(this.port).call("lobby", "state", "whoAmI").isNull())
				.as("a REST call has no connection").isTrue();
		}
		HttpActorClient rest = new HttpActorClient(this.port);
		await("both disconnects").atMost(Duration.ofSeconds(10))
			.until(() -> rest.call("lobby", "state", "roster").toString().equals("[]"));
		try (WebSocketTestClient again = open("state", ANN)) {
			assertThat(answer(again, 1, "move", "[]").asInt()).as("a new connection starts from a fresh state")
				.isEqualTo(1);
			assertThat(answer(again, 2, "roster", "[]").toString()).isEqualTo("[\"ann:1\"]");
		}
	}

	@Test
	void createConnStateThatThrowsRefusesTheConnection() {
		try (WebSocketTestClient nameless = WebSocketTestClient.connect(this.port, "lobby", "refused", "{\"role\":\"x\"}")) {
			JsonNode error = nameless.next();
			assertThat(error.at("/body/tag").asString()).as(error.toString()).isEqualTo("Error");
			assertThat(error.at("/body/val/code").asString()).isEqualTo("name_required");
			assertThat(nameless.awaitClose()).startsWith("1008");
		}
		assertThat(new HttpActorClient(this.port).call("lobby", "refused", "roster").toString()).isEqualTo("[]");
	}

	@Test
	void onBeforeSubscribeDecidesWhoGetsWhichEvents() throws Exception {
		try (WebSocketTestClient ann = open("subscribe", ANN); WebSocketTestClient mod = open("subscribe", MOD)) {
			ann.send(subscription("moderation"));
			JsonNode refused = ann.next();
			assertThat(refused.at("/body/tag").asString()).as(refused.toString()).isEqualTo("Error");
			assertThat(refused.at("/body/val/group").asString()).isEqualTo("auth");
			assertThat(refused.at("/body/val/code").asString()).isEqualTo("forbidden");
			assertThat(refused.at("/body/val/message").asString()).contains("moderation");
			ann.send(subscription("vault"));
			JsonNode thrown = ann.next();
			assertThat(thrown.at("/body/val/code").asString()).as(thrown.toString()).isEqualTo("vault_closed");
			ann.subscribe("news");
			mod.subscribe("moderation");
			mod.subscribe("news");
			ann.action(1, "report", "[\"cheater in room 2\"]");
			assertThat(event(ann)).as("ann, refused moderation, gets the news only").isEqualTo("news [\"cheater in room 2\"]");
			assertThat(ann.next().at("/body/tag").asString()).as("then the answer").isEqualTo("ActionResponse");
			assertThat(event(mod)).isEqualTo("moderation [\"cheater in room 2\"]");
			assertThat(event(mod)).isEqualTo("news [\"cheater in room 2\"]");
			assertThat(ann.poll(300)).as("and nothing else").isNull();
			assertThat(answer(ann, 2, "whoAmI", "[]").asString()).as("a refusal leaves the connection open").isEqualTo("ann");
		}
	}

	@Test
	void anEventNameTooLongNeverReachesTheActorsSubscriptionHook() {
		try (WebSocketTestClient ann = open("long-name", ANN)) {
			ann.send(subscription("x".repeat(300)));
			JsonNode refused = ann.next();
			assertThat(refused.at("/body/val/code").asString()).as(refused.toString()).isEqualTo("invalid_request");
			assertThat(new HttpActorClient(this.port).call("lobby", "long-name", "subscribeChecks").asInt()).isZero();
		}
	}

	@Test
	void subscriptionsThatTheActorChecksAreBoundedEvenWhenSentAllAtOnce() throws Exception {
		HttpActorClient rest = new HttpActorClient(this.port);
		try (WebSocketTestClient ann = open("many", ANN)) {
			// all 300 requests wait behind the pause, none applied yet when the next one arrives
			java.util.concurrent.CompletableFuture<HttpActorClient.Response> pause = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> rest.post("/actors/lobby/many/actions/pause", "{\"args\":[1500]}"));
			Thread.sleep(300);
			for (int i = 0; i < 300; i++) {
				ann.send(subscription("event-" + i));
			}
			assertThat(pause.get().status()).isEqualTo(200);
			int refused = 0;
			JsonNode frame;
			while ((frame = ann.poll(2000)) != null) {
				assertThat(frame.at("/body/tag").asString()).as(frame.toString()).isEqualTo("Error");
				assertThat(frame.at("/body/val/code").asString()).isEqualTo("too_many_subscriptions");
				refused++;
			}
			assertThat(refused).isEqualTo(300 - 256);
			assertThat(rest.call("lobby", "many", "subscribeChecks").asInt())
				.as("the actor's hook is asked only about the subscriptions that fit")
				.isEqualTo(256);
		}
	}

	private WebSocketTestClient open(String key, String params) {
		WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "lobby", key, params);
		assertThat(ws.next().at("/body/tag").asString()).isEqualTo("Init");
		JsonNode hello = ws.next();
		assertThat(hello.at("/body/val/name").asString()).as(hello.toString()).isEqualTo("hello");
		return ws;
	}

	private static String subscription(String event) {
		return "{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"" + event + "\",\"subscribe\":true}}}";
	}

	private static JsonNode answer(WebSocketTestClient ws, long id, String action, String args) {
		ws.action(id, action, args);
		JsonNode frame = ws.next();
		assertThat(frame.at("/body/tag").asString()).as(frame.toString()).isEqualTo("ActionResponse");
		assertThat(frame.at("/body/val/id").asLong()).isEqualTo(id);
		return frame.at("/body/val/output");
	}

	private static String event(WebSocketTestClient ws) {
		JsonNode frame = ws.next();
		assertThat(frame.at("/body/tag").asString()).as(frame.toString()).isEqualTo("Event");
		return frame.at("/body/val/name").asString() + " " + frame.at("/body/val/args");
	}

}
