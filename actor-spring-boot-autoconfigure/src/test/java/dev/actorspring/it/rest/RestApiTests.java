package dev.actorspring.it.rest;

import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.StoredStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.HttpActorClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "actor.http.max-body-size=4KB")
class RestApiTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	HttpActorClient client;

	@BeforeEach
	void client() {
		this.client = new HttpActorClient(this.port);
	}

	@Test
	void actionCallCreatesTheActorAndAnswersItsOutput() {
		Response first = this.client.post("/actors/counter/a/actions/increment", "{\"args\":[5]}");
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.contentType()).startsWith("application/json");
		assertThat(first.body()).isEqualTo("{\"output\":5}");
		assertThat(this.client.call("counter", "a", "increment", 2).asLong()).isEqualTo(7);
		assertThat(this.client.post("/actors/counter/a/actions/get", "").body()).isEqualTo("{\"output\":7}");
		assertThat(StoredStates.read(dataDir, "counter", "a").get("count").asLong()).isEqualTo(7);
	}

	@Test
	void argsFollowRivetKitNormalization() {
		assertThat(this.client.post("/actors/counter/norm/actions/increment", "{\"args\":3}").body())
			.isEqualTo("{\"output\":3}");
		assertThat(this.client.post("/actors/counter/norm/actions/get", "{}").body()).isEqualTo("{\"output\":3}");
		assertThat(this.client.post("/actors/counter/norm/actions/get", "{\"args\":null}").body())
			.isEqualTo("{\"output\":3}");
	}

	@Test
	void describeAndExplicitCreate() {
		Response missing = this.client.get("/actors/room/lobby");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("code").asString()).isEqualTo("actor_not_found");
		assertThat(StoredStates.file(dataDir, "room", "lobby")).doesNotExist();

		Response created = this.client.post("/actors/room/lobby", "{\"input\":{\"topic\":\"java\"}}");
		assertThat(created.status()).isEqualTo(201);
		String actorId = created.json().get("actorId").asString();
		assertThat(actorId).isNotBlank();
		assertThat(created.json().get("key").asString()).isEqualTo("lobby");

		Response again = this.client.post("/actors/room/lobby", "{\"input\":{\"topic\":\"other\"}}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("actor_already_exists");

		Response described = this.client.get("/actors/room/lobby");
		assertThat(described.status()).isEqualTo(200);
		assertThat(described.json().get("actorId").asString()).isEqualTo(actorId);
		JsonNode state = this.client.call("room", "lobby", "state");
		assertThat(state.get("topic").asString()).isEqualTo("java");
		assertThat(state.get("log").toString()).isEqualTo("[\"createState\",\"onCreate\",\"onWake\"]");
	}

	@Test
	void typedArgumentsRecordsEnumsGenericsAndOptional() {
		JsonNode count = this.client.call("library", "l1", "addBooks",
				List.of(Map.of("title", "Dune", "genre", "NOVEL", "pages", 600),
						Map.of("title", "Odes", "genre", "POETRY", "pages", 80)));
		assertThat(count.asInt()).isEqualTo(2);
		assertThat(this.client.call("library", "l1", "addBooks", List.of(), "a note").asInt()).isEqualTo(2);
		JsonNode snapshot = this.client.call("library", "l1", "snapshot");
		assertThat(snapshot.get("owner").asString()).isEqualTo("nobody");
		assertThat(snapshot.get("books").get(0).get("genre").asString()).isEqualTo("NOVEL");
		JsonNode pages = this.client.call("library", "l1", "pagesByGenre", Map.of("NOVEL", 1));
		assertThat(pages.get("NOVEL").asInt()).isEqualTo(601);
		assertThat(pages.get("POETRY").asInt()).isEqualTo(80);
	}

	@Test
	void everyBadInputHasAStatusAndAJsonError() {
		assertError(this.client.post("/actors/nope/k/actions/get", ""), 404, "actor", "actor_type_not_found");
		assertError(this.client.post("/actors/counter/k/actions/nope", ""), 404, "actor", "action_not_found");
		assertError(this.client.post("/actors/counter/k/actions/increment", "{\"args\":[1"), 400, "request", "malformed_json");
		assertError(this.client.post("/actors/counter/k/actions/increment", "[1]"), 400, "request", "invalid_request");
		assertError(this.client.post("/actors/counter/k/actions/increment", "{\"args\":[\"x\"]}"), 400, "request",
				"invalid_arguments");
		assertError(this.client.post("/actors/counter/k/actions/increment", "{\"args\":[null]}"), 400, "request",
				"invalid_arguments");
		assertError(this.client.post("/actors/counter/k/actions/increment", "{\"args\":[]}"), 400, "request",
				"invalid_arguments");
		assertError(this.client.post("/actors/counter/k/actions/increment", "{\"args\":[1,2]}"), 400, "request",
				"invalid_arguments");
		assertError(this.client.post("/actors/library/k/actions/addBooks", "{\"args\":[[{\"genre\":\"JAZZ\"}]]}"), 400,
				"request", "invalid_arguments");
		assertError(this.client.post("/actors/counter/k/actions/increment", "{\"args\":[\"" + "x".repeat(5000) + "\"]}"),
				413, "message", "incoming_too_long");
		assertError(this.client.post("/actors/counter/" + "k".repeat(1025) + "/actions/get", ""), 400, "request",
				"invalid_key");
		assertError(this.client.get("/actors/counter/k/actions/get"), 405, "request", "method_not_allowed");
		assertError(this.client.get("/actors/counter"), 404, "request", "route_not_found");
		Response refused = this.client.post("/actors/counter/k/actions/refuse", "");
		assertError(refused, 422, "user", "not_today");
		assertThat(refused.json().get("message").asString()).isEqualTo("This counter refuses.");
		Response internal = this.client.post("/actors/counter/k/actions/incrementThenFail", "");
		assertError(internal, 500, "core", "internal_error");
		assertThat(internal.body()).doesNotContain("secret").doesNotContain("Exception").doesNotContain("at dev.");
		assertThat(this.client.call("counter", "k", "get").asLong()).isZero();
	}

	@Test
	void aFailedActionLeavesStateAndFileUnchanged() throws Exception {
		this.client.call("counter", "stable", "increment", 41);
		Path file = StoredStates.file(dataDir, "counter", "stable");
		JsonNode before = StoredStates.read(dataDir, "counter", "stable");
		assertThat(this.client.post("/actors/counter/stable/actions/incrementThenFail", "").status()).isEqualTo(500);
		assertThat(this.client.post("/actors/counter/stable/actions/refuse", "").status()).isEqualTo(422);
		assertThat(StoredStates.read(dataDir, "counter", "stable")).isEqualTo(before);
		assertThat(this.client.call("counter", "stable", "get").asLong()).isEqualTo(41);
		assertThat(this.client.call("counter", "stable", "increment", 1).asLong()).isEqualTo(42);
		assertThat(Files.size(file)).isPositive();
	}

	@Test
	void keysOfAnyShapeStayInsideTheDataDirectory() {
		List<String> keys = List.of("..", "../../etc", "a/b", "ünïcødé 🚀", "UPPER", "with space", "%00nul", "x".repeat(1024));
		for (String key : keys) {
			String encoded = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
			Response response = this.client.post("/actors/counter/" + encoded + "/actions/increment", "{\"args\":[1]}");
			assertThat(response.status()).as(key).isEqualTo(200);
			assertThat(this.client.call("counter", encoded, "get").asLong()).as(key).isEqualTo(1);
			assertThat(StoredStates.file(dataDir, "counter", key)).exists().startsWith(dataDir);
		}
		try (Stream<Path> files = Files.walk(dataDir.getParent(), 1)) {
			assertThat(files.filter((path) -> path.getFileName().toString().endsWith(".db"))).isEmpty();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void concurrentIncrementsOnOneActorAreSerial() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				futures.add(pool.submit(() -> {
					HttpActorClient own = new HttpActorClient(this.port);
					for (int i = 0; i < 500; i++) {
						own.call("counter", "hot", "increment", 1);
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(this.client.call("counter", "hot", "get").asLong()).isEqualTo(8000);
		assertThat(StoredStates.read(dataDir, "counter", "hot").get("count").asLong()).isEqualTo(8000);
	}

	private static void assertError(Response response, int status, String group, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode body = response.json();
		assertThat(body.get("group").asString()).as(response.body()).isEqualTo(group);
		assertThat(body.get("code").asString()).as(response.body()).isEqualTo(code);
		assertThat(body.get("message").asString()).isNotBlank();
	}

	@Test
	void actionsAndCreatesTakeOnlyJsonSoThatCrossSitePagesCannotPostThem() {
		String body = "{\"args\":[1]}";
		for (String type : new String[] { "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "application/jsonp", "json" }) {
			Response refused = post("/actors/counter/csrf/actions/increment", type, body);
			assertError(refused, 415, "request", "unsupported_media_type");
			assertThat(refused.json().get("message").asString()).contains("application/json");
		}
		assertError(post("/actors/counter/csrf/actions/increment", null, body), 415, "request", "unsupported_media_type");
		assertError(post("/actors/counter/csrf/actions/get", null, ""), 415, "request", "unsupported_media_type");
		assertError(post("/actors/room/csrf", "text/plain", "{\"input\":{\"topic\":\"x\"}}"), 415, "request",
				"unsupported_media_type");
		assertThat(StoredStates.file(dataDir, "counter", "csrf")).doesNotExist();
		assertThat(StoredStates.file(dataDir, "room", "csrf")).doesNotExist();

		assertThat(post("/actors/counter/csrf/actions/increment", "application/json; charset=utf-8", body).body())
			.isEqualTo("{\"output\":1}");
		assertThat(post("/actors/counter/csrf/actions/increment", "application/vnd.example+json", body).body())
			.isEqualTo("{\"output\":2}");
		assertThat(post("/actors/counter/csrf/actions/get", "application/json", "").body()).isEqualTo("{\"output\":2}");
	}

	@Test
	void encodedSlashesAndBackslashesAreForActorKeysOnly() {
		assertThat(this.client.post("/actors/counter/c%2Fd/actions/increment", "{\"args\":[4]}").body())
			.isEqualTo("{\"output\":4}");
		assertThat(this.client.get("/elsewhere/a%2Fb").status()).isEqualTo(400);
		assertThat(this.client.get("/elsewhere/a%2fb").status()).isEqualTo(400);
		assertThat(this.client.post("/actors/counter/c%5Cd/actions/increment", "{\"args\":[5]}").body())
			.as("an encoded backslash, as compound keys send it").isEqualTo("{\"output\":5}");
		assertThat(this.client.get("/elsewhere/a%5Cb").status()).isEqualTo(400);
		assertThat(this.client.get("/elsewhere/a%5cb").status()).isEqualTo(400);
		assertThat(this.client.get("/elsewhere/ab").status()).isEqualTo(404);
		// the path the request takes after normalization is what counts
		Response escaping = this.client.get("/actors/../elsewhere/a%2Fb");
		assertThat(escaping.status()).isEqualTo(400);
		assertThat(escaping.json().get("code").asString()).isEqualTo("bad_request");
	}

	@Test
	void pathsWrittenUnderActorsStayThere() {
		Response escaping = this.client.post("/actors/../elsewhere/actions/get", "");
		assertError(escaping, 400, "request", "bad_request");
		assertError(this.client.get("/actors/counter/../../elsewhere"), 400, "request", "bad_request");
		// routes are read from the path as written, not normalized: six segments here, no route
		assertError(this.client.post("/actors/counter/x/../dots/actions/increment", "{\"args\":[3]}"), 404, "request",
				"route_not_found");
		this.client.call("counter", "dots", "increment", 3);
		// path parameters are not part of a segment, as in Spring MVC
		assertThat(this.client.post("/actors/counter/dots;v=1/actions/get;jsessionid=abc", "").body())
			.isEqualTo("{\"output\":3}");
		assertThat(this.client.post("/actors/counter/dots/actions;v=1/get", "").body()).isEqualTo("{\"output\":3}");
		assertError(this.client.post("/actors/counter/;x", ""), 404, "request", "route_not_found");
		// a dot segment the normalized path keeps under /actors/ is a key like any other (keys are path segments)
		assertThat(this.client.post("/actors/counter/./actions/increment", "{\"args\":[1]}").body())
			.isEqualTo("{\"output\":1}");
		assertThat(this.client.call("counter", ".", "get").asLong()).isEqualTo(1);
		// and one that takes it out of /actors/ is refused
		assertError(this.client.get("/actors/counter/.."), 400, "request", "bad_request");
	}

	@Test
	void routesAndMethods() {
		this.client.call("counter", "routes", "increment", 1);
		assertError(this.client.get("/actors/counter/routes/actions/get"), 405, "request", "method_not_allowed");
		assertError(this.client.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/actors/counter/routes"))
			.PUT(java.net.http.HttpRequest.BodyPublishers.noBody())), 405, "request", "method_not_allowed");
		assertError(this.client.get("/actors/counter"), 404, "request", "route_not_found");
		assertError(this.client.get("/actors/counter/routes/actions"), 404, "request", "route_not_found");
		assertError(this.client.post("/actors/counter//actions/get", ""), 404, "request", "route_not_found");
		assertError(this.client.get("/actors/counter/routes/other/get"), 404, "request", "route_not_found");
		Response head = this.client.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/actors/counter/routes"))
			.method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
		assertThat(head.status()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
	}

	private Response post(String path, String contentType, String body) {
		java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + path))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return this.client.send(request);
	}

}
