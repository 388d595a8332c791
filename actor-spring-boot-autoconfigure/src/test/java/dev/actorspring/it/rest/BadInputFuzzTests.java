package dev.actorspring.it.rest;

import dev.actorspring.it.fixtures.Counter;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import dev.actorspring.it.fixtures.StoredStates;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.placement.InstanceSnapshot;
import dev.actorspring.runtime.placement.InstanceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed REST requests and WebSocket frames from a seeded generator: broken JSON, wrong types
 * and arity, huge numbers and strings, deep nesting, invalid UTF-8, unpaired surrogates (in keys, names and
 * strings), duplicate fields, wrong or missing content types, keys with '/', '..', NUL, very long keys, unknown
 * names. No answer is a 5xx, every error is JSON with a code, the process stays up, no file appears outside
 * the data directory, the state written before is intact, and every instance the fuzzing created still sleeps
 * and wakes from its file.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "actor.http.max-body-size=4KB")
class BadInputFuzzTests {

	private static final long SEED = 20261122L;

	private static final List<String> NAMES = List.of("counter", "library", "room", "nope", "", "..", "Counter");

	private static final List<String> ACTIONS = List.of("increment", "get", "refuse", "addBooks", "snapshot",
			"pagesByGenre", "digits", "say", "state", "varsCalls", "nope", "", "..", "get.x");

	private static final Pattern DATA_FILE = Pattern.compile("(k-[a-z0-9_-][a-z0-9._-]*|h-[0-9a-f]{64})\\.db(-wal|-shm)?"
			+ "|_schedules\\.db(-wal|-shm)?|\\.lock");

	@TempDir
	static Path root;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> root.resolve("data").toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	ActorRuntime runtime;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Random random = new Random(SEED);

	@Test
	void malformedRestRequestsGetJsonClientErrors() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("counter", "precious", "increment", 42);
		int clientErrors = 0;
		for (int i = 0; i < 3000; i++) {
			String path = "/actors/" + segment(pick(NAMES)) + "/" + segment(key()) + "/actions/" + segment(pick(ACTIONS));
			byte[] body = body();
			String contentType = contentType();
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body));
			if (contentType != null) {
				request.header("Content-Type", contentType);
			}
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String what = "seed " + SEED + " request " + i + ": POST " + path + " (" + contentType + ") "
					+ new String(body, StandardCharsets.UTF_8);
			assertThat(response.statusCode()).as(what).isLessThan(500);
			if (response.statusCode() >= 400) {
				clientErrors++;
				assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
				JsonNode error = HttpActorClient.JSON.readTree(response.body());
				assertThat(error.path("group").asString("")).as(what).isNotBlank();
				assertThat(error.path("code").asString("")).as(what).isNotBlank();
			}
		}
		assertThat(clientErrors).isGreaterThan(2500);
		assertThat(client.call("counter", "precious", "get").asLong()).isEqualTo(42);
		assertThat(StoredStates.read(root.resolve("data"), "counter", "precious").get("count").asLong()).isEqualTo(42);
		assertNoFileOutsideTheDataDirectory();
		assertEveryInstanceSleepsAndWakes();
	}

	@Test
	void pathsTheHttpServerRefusesStillGetJsonErrors() throws Exception {
		for (String path : List.of("/actors/counter/%zz/actions/get", "/actors/counter/a%00b/actions/get",
				"/actors/counter/%C3%28/actions/get")) {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
				socket.getOutputStream()
					.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(response).as(path).startsWith("HTTP/1.1 400");
				assertThat(response).as(path).containsIgnoringCase("Content-Type: application/json");
				assertThat(response).as(path).contains("\"code\":\"bad_request\"");
			}
		}
	}

	@Test
	void aMalformedQueryStringGetsAJsonRefusalNotAnInternalError() throws Exception {
		String gatewayAction = "POST /rivet/gateway/counter/action/increment?rvt-method=getOrCreate&rvt-key=q&x=%zz "
				+ "HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 12\r\n"
				+ "Connection: close\r\n\r\n{\"args\":[1]}";
		String gatewayLookUp = "GET /rivet/actors?actor_ids=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
		String handshake = "GET /actors/counter/q/connect?params=%zz HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
		for (String request : List.of(gatewayAction, gatewayLookUp, handshake)) {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(10_000);
				socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
				String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				String line = request.substring(0, request.indexOf('\r'));
				assertThat(response).as(line).startsWith("HTTP/1.1 400");
				assertThat(response).as(line).containsIgnoringCase("Content-Type: application/json");
				assertThat(response).as(line).contains("\"code\":\"invalid_request\"");
			}
		}
		assertThat(new HttpActorClient(this.port).call("counter", "q", "get").asLong()).as("nothing was called")
			.isZero();
	}

	@Test
	void malformedWebSocketFramesGetErrorFramesAndTheConnectionStaysUsable() {
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "counter", "fuzz-ws", null)) {
			assertThat(ws.next().at("/body/tag").asString()).isEqualTo("Init");
			for (int i = 0; i < 500; i++) {
				String frame = frame();
				ws.send(frame);
				JsonNode answer = ws.next();
				assertThat(answer.at("/body/tag").asString()).as("seed " + SEED + " frame " + i + ": " + frame)
					.isIn("Error", "ActionResponse");
				if (answer.at("/body/tag").asString().equals("Error")) {
					assertThat(answer.at("/body/val/code").asString()).isNotBlank().isNotEqualTo("internal_error");
				}
			}
			ws.action(99999, "get", "[]");
			JsonNode last = ws.next();
			assertThat(last.at("/body/tag").asString()).isEqualTo("ActionResponse");
		}
		assertNoFileOutsideTheDataDirectory();
		assertEveryInstanceSleepsAndWakes();
	}

	/** No state was lost: every instance in memory goes to sleep and loads again from its file. */
	private void assertEveryInstanceSleepsAndWakes() {
		for (String name : List.of("counter", "library", "room")) {
			List<InstanceSummary> awake = this.runtime.awakeInstances(name, Integer.MAX_VALUE);
			for (InstanceSummary instance : awake) {
				this.runtime.sleep(name, instance.key()).join();
				InstanceSnapshot reloaded = this.runtime.inspect(name, instance.key(), true).join();
				assertThat(reloaded).as(name + "/" + instance.key()).isNotNull();
			}
		}
	}

	private void assertNoFileOutsideTheDataDirectory() {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path data = root.resolve("data");
				assertThat(file.getParent().equals(data) || file.getParent().getParent().equals(data))
					.as(file.toString()).isTrue();
				assertThat(file.getFileName().toString()).as(file.toString()).matches(DATA_FILE);
			}
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		try (Stream<Path> files = Files.list(root.resolve("data"))) {
			for (Path entry : files.toList()) {
				String name = entry.getFileName().toString();
				assertThat(name.startsWith("_schedules.db") || List.of(".lock", "counter", "library", "room").contains(name))
					.as(entry.toString()).isTrue();
			}
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String key() {
		return switch (this.random.nextInt(9)) {
			case 7 -> randomText(3) + "\uD800" + randomText(2);
			case 0 -> "..";
			case 1 -> "../../etc/passwd";
			case 2 -> "a/b/../c";
			case 3 -> "\u0000" + randomText(5);
			case 4 -> randomText(1000 + this.random.nextInt(100));
			case 5 -> "%00%2e%2e";
			default -> randomText(1 + this.random.nextInt(20));
		};
	}

	private String segment(String text) {
		int broken = this.random.nextInt(40);
		if (broken == 0) {
			return "%C3%28";
		}
		if (broken == 1) {
			return "a%ED%A0%80b";
		}
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Mostly JSON, else what a cross-site form, a careless client or an attacker sends. */
	private String contentType() {
		return switch (this.random.nextInt(12)) {
			case 0 -> null;
			case 1 -> "text/plain";
			case 2 -> "application/x-www-form-urlencoded";
			case 3 -> "application/json; charset=ISO-8859-1";
			case 4 -> "application/problem+json";
			case 5 -> ";;;/";
			default -> "application/json";
		};
	}

	private byte[] body() {
		return switch (this.random.nextInt(16)) {
			case 10 -> ("{\"args\":[1],\"args\":[" + value(1) + "]}").getBytes(StandardCharsets.UTF_8);
			case 11 -> ("{\"args\":[{\"title\":\"a\",\"title\":" + value(1) + "}]}").getBytes(StandardCharsets.UTF_8);
			case 12 -> ("{\"args\":[" + "{\"a\":".repeat(600) + "1" + "}".repeat(600) + "]}").getBytes(StandardCharsets.UTF_8);
			case 13 -> ("{\"args\":[" + hugeNumber() + "]}").getBytes(StandardCharsets.UTF_8);
			case 14 -> ("{\"args\":[\"" + "\\ud800".repeat(1 + this.random.nextInt(3)) + "\"]}").getBytes(StandardCharsets.UTF_8);
			case 15 -> ("{\"args\":[{\"\\udc00" + randomText(2).replace("\\", "").replace("\"", "")
					+ "\":1,\"title\":\"t\"}]}").getBytes(StandardCharsets.UTF_8);
			case 0 -> new byte[] { '{', '"', 'a', 'r', 'g', 's', '"', ':', '[', '"', (byte) 0xC3, (byte) 0x28, '"', ']', '}' };
			case 1 -> ("{\"args\":[" + "[".repeat(1000) + "]".repeat(1000) + "]}").getBytes(StandardCharsets.UTF_8);
			case 2 -> ("{\"args\":[" + "x".repeat(5000) + "]}").getBytes(StandardCharsets.UTF_8);
			case 3 -> truncate("{\"args\":[" + value(3) + "]}");
			case 4 -> value(3).getBytes(StandardCharsets.UTF_8);
			default -> ("{\"args\":" + array() + "}").getBytes(StandardCharsets.UTF_8);
		};
	}

	private String frame() {
		return switch (this.random.nextInt(10)) {
			case 6 -> "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"id\":2,\"name\":\"get\",\"args\":[]}}}";
			case 7 -> "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":3,\"name\":\"increment\",\"args\":[\"\\ud800\"]}}}";
			case 8 -> "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":4,\"name\":\"increment\",\"args\":["
					+ hugeNumber() + "]}}}";
			case 9 -> "{\"body\":" + "[".repeat(600) + "]".repeat(600) + "}";
			case 0 -> new String(truncate("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"get\",\"args\":[]}}}"),
					StandardCharsets.UTF_8);
			case 1 -> "{\"body\":{\"tag\":\"" + randomText(6) + "\",\"val\":" + value(2) + "}}";
			case 2 -> value(3);
			case 3 -> "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"name\":\"get\",\"args\":[]}}}";
			default -> "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":" + this.random.nextInt(1000) + ",\"name\":\""
					+ pick(ACTIONS) + "\",\"args\":" + array() + "}}}";
		};
	}

	private String array() {
		StringBuilder text = new StringBuilder("[");
		int size = this.random.nextInt(4);
		for (int i = 0; i < size; i++) {
			text.append((i > 0) ? "," : "").append(value(2));
		}
		return text.append(']').toString();
	}

	private String value(int depth) {
		int choice = this.random.nextInt((depth > 0) ? 10 : 7);
		return switch (choice) {
			case 0 -> "null";
			case 1 -> "1e400";
			case 2 -> "99999999999999999999999999999";
			case 3 -> String.valueOf(this.random.nextInt());
			case 4 -> "\"" + randomText(5).replace("\\", "").replace("\"", "") + "\"";
			case 5 -> this.random.nextBoolean() ? "true" : "-0.5";
			case 6 -> "\"NOVEL\"";
			case 7 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
			default -> "{\"title\":" + value(depth - 1) + ",\"genre\":" + value(depth - 1) + ",\"pages\":" + value(depth - 1) + "}";
		};
	}

	private String hugeNumber() {
		return switch (this.random.nextInt(5)) {
			case 0 -> "1e1000000000";
			case 1 -> "-1e-1000000000";
			case 2 -> "9".repeat(1200);
			case 3 -> "1e2147483648";
			default -> "0." + "1".repeat(999);
		};
	}

	private byte[] truncate(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return java.util.Arrays.copyOf(bytes, Math.max(1, this.random.nextInt(bytes.length)));
	}

	private String randomText(int length) {
		StringBuilder text = new StringBuilder();
		String alphabet = "abcXYZ019./\\%_-~ ?#&=é漢🚀\t";
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
					this.random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
		}
		return text.toString();
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

}
