package dev.actorspring.it.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.actorspring.it.fixtures.TestActorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS on the actor routes without Spring Security, as a browser page of another origin meets it:
 * {@code actor.http.cors-allowed-origins} lets its preflights and calls through and nobody else's.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "actor.http.cors-allowed-origins=https://app.example.com",
				"actor.websocket.allowed-origins=https://live.example.com" })
class CorsTests {

	private static final String APP = "https://app.example.com";

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
	void preflightsOfTheConfiguredOriginPassAndOthersAreRefused() throws Exception {
		HttpResponse<String> allowed = send(preflight(APP, "POST"));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
		assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("1800");
		HttpResponse<String> refused = send(preflight("https://evil.example.com", "POST"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(send(preflight(APP, "PATCH")).statusCode()).isEqualTo(403);
	}

	@Test
	void callsFromTheConfiguredOriginCanReadAnswersAndErrors() throws Exception {
		HttpResponse<String> answer = send(call("/actors/counter/cors/actions/increment", APP, "{\"args\":[2]}"));
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("{\"output\":2}");
		assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		HttpResponse<String> error = send(call("/actors/counter/cors/actions/nope", APP, ""));
		assertThat(error.statusCode()).isEqualTo(404);
		assertThat(error.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		HttpResponse<String> other = send(call("/actors/counter/cors/actions/increment", "https://evil.example.com",
				"{\"args\":[2]}"));
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(send(call("/actors/counter/cors/actions/get", APP, "")).body()).isEqualTo("{\"output\":2}");
	}

	@Test
	void webSocketHandshakesFollowTheirOwnOrigins() throws Exception {
		java.util.concurrent.CompletableFuture<java.net.http.WebSocket> live = this.http.newWebSocketBuilder()
			.header("Origin", "https://live.example.com")
			.buildAsync(URI.create("ws://localhost:" + this.port + "/actors/counter/cors/connect"),
					new java.net.http.WebSocket.Listener() {
					});
		live.get(10, java.util.concurrent.TimeUnit.SECONDS).sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "");
		java.util.concurrent.CompletableFuture<java.net.http.WebSocket> rest = this.http.newWebSocketBuilder()
			.header("Origin", APP)
			.buildAsync(URI.create("ws://localhost:" + this.port + "/actors/counter/cors/connect"),
					new java.net.http.WebSocket.Listener() {
					});
		assertThat(rest).failsWithin(java.time.Duration.ofSeconds(10))
			.withThrowableThat()
			.havingRootCause()
			.withMessageContaining("403");
	}

	private HttpRequest.Builder preflight(String origin, String method) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actors/counter/cors/actions/get"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", method)
			.header("Access-Control-Request-Headers", "content-type");
	}

	private HttpRequest.Builder call(String path, String origin, String body) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json")
			.header("Origin", origin);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
