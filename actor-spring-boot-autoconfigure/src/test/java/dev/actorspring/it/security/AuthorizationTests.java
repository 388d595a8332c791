package dev.actorspring.it.security;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.Principal;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.actorspring.it.fixtures.HttpActorClient.Response;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authenticated principal reaches actions and connect hooks, which can refuse with 403; CORS for browser
 * clients comes from properties. Authentication here is a servlet filter standing in for the application's
 * security (Spring Security sets the request's principal the same way).
 */
@SpringBootTest(classes = { TestActorApplication.class, AuthorizationTests.HeaderAuthentication.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "actor.http.cors-allowed-origins=https://app.example.com")
class AuthorizationTests {

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
	void actionsSeeThePrincipalAndRefuseOthersWith403() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		Response anonymous = client.post("/actors/vault/alice/actions/deposit", "{\"args\":[10]}");
		assertThat(anonymous.status()).isEqualTo(403);
		assertThat(anonymous.json().get("code").asString()).isEqualTo("forbidden");
		assertThat(post("/actors/vault/alice/actions/deposit", "{\"args\":[10]}", "bob").statusCode()).isEqualTo(403);
		HttpResponse<String> owner = post("/actors/vault/alice/actions/deposit", "{\"args\":[10]}", "alice");
		assertThat(owner.statusCode()).isEqualTo(200);
		assertThat(owner.body()).isEqualTo("{\"output\":10}");
		assertThat(post("/actors/vault/alice/actions/whoami", "", "alice").body()).isEqualTo("{\"output\":\"alice\"}");
	}

	@Test
	void connectHooksSeeTheHandshakePrincipal() throws Exception {
		try (WebSocketTestClient anonymous = WebSocketTestClient.connect(this.port, "vault", "carol", null)) {
			assertThat(anonymous.next().at("/body/val/code").asString()).isEqualTo("forbidden");
			assertThat(anonymous.awaitClose()).isEqualTo("1008 auth.forbidden");
		}
		BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
		WebSocket socket = this.http.newWebSocketBuilder()
			.header("X-User", "carol")
			.buildAsync(URI.create("ws://localhost:" + this.port + "/actors/vault/carol/connect"), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					frames.add(HttpActorClient.JSON.readTree(data.toString()));
					webSocket.request(1);
					return null;
				}
			})
			.join();
		assertThat(frames.poll(10, TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Init");
		socket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"whoami\",\"args\":[]}}}", true)
			.join();
		assertThat(frames.poll(10, TimeUnit.SECONDS).at("/body/val/output").asString()).isEqualTo("carol");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void corsPreflightIsAnsweredForConfiguredOrigins() throws Exception {
		HttpResponse<String> allowed = preflight("https://app.example.com");
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		HttpResponse<String> refused = preflight("https://evil.example.com");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private HttpResponse<String> preflight(String origin) throws IOException, InterruptedException {
		return this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actors/counter/cors/actions/get"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String user) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("X-User", user)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Authenticates requests by an X-User header, as a stand-in for the application's security. */
	@TestConfiguration(proxyBeanMethods = false)
	static class HeaderAuthentication {

		@Bean
		Filter headerAuthentication() {
			return (request, response, chain) -> {
				String user = ((HttpServletRequest) request).getHeader("X-User");
				if (user == null) {
					chain.doFilter(request, response);
					return;
				}
				Principal principal = () -> user;
				chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {
					@Override
					public Principal getUserPrincipal() {
						return principal;
					}
				}, response);
			};
		}

	}

}
