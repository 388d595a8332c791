package dev.actorspring.it.rest;

import org.springframework.web.util.UriUtils;

import dev.actorspring.api.ActorKey;

import java.util.List;

import java.nio.charset.StandardCharsets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import dev.actorspring.api.ActorClient;
import dev.actorspring.api.ActorException;
import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.HttpActorClient.Response;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A key with an unpaired surrogate has no UTF-8 form: Java writes it as {@code ?}, so {@code "\uD800"} and
 * {@code "?"} would name the same file while being two live instances, and each would overwrite the other's
 * updates. Such keys are refused wherever they enter: the REST and WebSocket paths, JSON escapes in bodies and
 * frames, {@code ActorClient}, and keys an action passes on.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyTests {

	private static final String LONE_SURROGATE = "\uD800";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	ActorClient actors;

	@Test
	void aCompoundKeyIsOneActorThroughActorClientRestAndWebSocket() {
		List<String> key = List.of("acme", "room/1", "");
		assertThat(ActorKey.of(key)).isEqualTo("acme/room\\/1/\\0");
		assertThat(this.actors.get("counter", key).call(Long.class, "increment", 3).join()).isEqualTo(3);
		HttpActorClient client = new HttpActorClient(this.port);
		String encoded = UriUtils.encodePathSegment(ActorKey.of(key), StandardCharsets.UTF_8);
		assertThat(encoded).isEqualTo("acme%2Froom%5C%2F1%2F%5C0");
		assertThat(client.call("counter", encoded, "increment", 4).asLong()).as("the same actor over REST").isEqualTo(7);
		assertThat(client.call("counter", encoded, "keyParts").toString()).isEqualTo("[\"acme\",\"room/1\",\"\"]");
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "counter", encoded, null)) {
			assertThat(ws.next().at("/body/tag").asString()).isEqualTo("Init");
			ws.action(1, "get", "[]");
			assertThat(ws.next().at("/body/val/output").asLong()).as("and over WebSocket").isEqualTo(7);
		}
		assertThat(client.get("/actors/counter/" + encoded).json().get("key").asString()).isEqualTo(ActorKey.of(key));
		// a plain key is the one-part compound key, and a plain key with a slash is the compound key of its parts
		assertThat(this.actors.get("counter", List.of("plain")).call(Long.class, "increment", 1).join()).isEqualTo(1);
		assertThat(client.call("counter", "plain", "get").asLong()).isEqualTo(1);
		assertThat(client.call("counter", "plain", "keyParts").toString()).isEqualTo("[\"plain\"]");
		assertThat(client.call("counter", "tenant%2Fboard", "keyParts").toString()).isEqualTo("[\"tenant\",\"board\"]");
	}

	@Test
	void aKeyThatIsNotValidUnicodeNeverReachesAnActor() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("counter", "%3F", "increment", 5).asLong()).isEqualTo(5);

		Response inPath = client.post("/actors/counter/%ED%A0%80/actions/increment", "{\"args\":[1]}");
		assertThat(inPath.status()).isEqualTo(400);
		assertThat(inPath.json().get("code").asString()).isEqualTo("bad_request");

		assertThatThrownBy(() -> this.actors.get("counter", LONE_SURROGATE).call(Long.class, "increment", 1).join())
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(ActorException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo("invalid_key");
				assertThat(ex.status()).isEqualTo(400);
			});
		assertThatThrownBy(() -> this.actors.get("counter", "a" + LONE_SURROGATE + "b").tell("increment", 1))
			.isInstanceOfSatisfying(ActorException.class, (ex) -> assertThat(ex.code()).isEqualTo("invalid_key"));

		// passed on by an action: the key arrives in a JSON escape (refused at parse) or in process
		Response escaped = client.post("/actors/cycle/a/actions/ping", "{\"args\":[\"\\ud800\"]}");
		assertThat(escaped.status()).isEqualTo(400);
		assertThat(escaped.json().get("code").asString()).isEqualTo("malformed_json");
		assertThat(escaped.json().get("message").asString()).contains("unpaired surrogate");
		assertThatThrownBy(() -> this.actors.get("cycle", "a").call(String.class, "ping", LONE_SURROGATE).join())
			.cause()
			.isInstanceOfSatisfying(ActorException.class, (ex) -> assertThat(ex.code()).isEqualTo("invalid_key"));

		assertThat(client.call("counter", "%3F", "get").asLong()).isEqualTo(5);
		try (Stream<Path> files = Files.list(dataDir.resolve("counter"))) {
			assertThat(files.filter((file) -> file.toString().endsWith(".db"))).hasSize(1);
		}
	}

	@Test
	void aValidSurrogatePairIsAKeyLikeAnyOther() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.post("/actors/counter/%F0%9F%98%80/actions/increment", "{\"args\":[2]}").body())
			.isEqualTo("{\"output\":2}");
		assertThat(this.actors.get("counter", "\uD83D\uDE00").call(Long.class, "get").join()).isEqualTo(2L);
		assertThat(client.post("/actors/room/r/actions/say", "{\"args\":[\"\\ud83d\\ude00\"]}").status()).isEqualTo(200);
	}

	@Test
	void overWebSocketTheSameKeysAndEscapesAreRefused() {
		assertThatThrownBy(() -> HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/actors/counter/%ED%A0%80/connect"),
					new WebSocket.Listener() {
					})
			.join()).cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(400));
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "counter", "ws", null)) {
			assertThat(ws.next().at("/body/tag").asString()).isEqualTo("Init");
			ws.send("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"increment\",\"args\":[\"\\udc00\"]}}}");
			JsonNode error = ws.next();
			assertThat(error.at("/body/tag").asString()).isEqualTo("Error");
			assertThat(error.at("/body/val/code").asString()).isEqualTo("malformed_json");
			ws.action(2, "increment", "[3]");
			assertThat(ws.next().at("/body/val/output").asLong()).isEqualTo(3);
		}
	}

}
