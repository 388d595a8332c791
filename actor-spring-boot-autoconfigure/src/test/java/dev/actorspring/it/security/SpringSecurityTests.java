package dev.actorspring.it.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The actor routes behind a real Spring Security configuration, the one {@code docs/security.md} shows
 * ({@link ActorSecurityConfiguration}): the authenticated principal reaches actions, connect hooks and connections;
 * 401 and 403 are the actors' JSON errors; the CSRF stance (JSON only on the actor routes, tokens everywhere else);
 * the {@code actors} endpoint needs the ADMIN role; CORS preflights pass; keys with {@code /} pass the firewall it
 * configures.
 */
@SpringBootTest(
		classes = { TestActorApplication.class, ActorSecurityConfiguration.class, EncodedSlashFirewall.class,
				TestUsers.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "actor.http.cors-allowed-origins=https://app.example.com",
				"management.endpoints.web.exposure.include=health,actors" })
class SpringSecurityTests {

	private static final String JSON = "application/json";

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
	void actionsSeeTheAuthenticatedPrincipalAndAnonymousCallersGetAJson401() throws Exception {
		HttpResponse<String> anonymous = send(post("/actors/vault/alice/actions/deposit", JSON, "{\"args\":[10]}"));
		assertError(anonymous, 401, "auth", "unauthorized");
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertError(send(as("alice", "wrong", post("/actors/vault/alice/actions/deposit", JSON, "{\"args\":[10]}"))),
				401, "auth", "unauthorized");
		assertError(send(as("bob", post("/actors/vault/alice/actions/deposit", JSON, "{\"args\":[10]}"))), 403, "auth",
				"forbidden");
		HttpResponse<String> owner = send(as("alice", post("/actors/vault/alice/actions/deposit", JSON, "{\"args\":[10]}")));
		assertThat(owner.statusCode()).isEqualTo(200);
		assertThat(owner.body()).isEqualTo("{\"output\":10}");
		assertThat(send(as("alice", post("/actors/vault/alice/actions/whoami", JSON, ""))).body())
			.isEqualTo("{\"output\":\"alice\"}");
	}

	@Test
	void webSocketHandshakesNeedAPrincipalAndConnectionsKeepIt() throws Exception {
		assertThatThrownBy(() -> this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/actors/vault/carol/connect"), new WebSocket.Listener() {
			})
			.join()).cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));

		BlockingQueue<JsonNode> bobFrames = new LinkedBlockingQueue<>();
		WebSocket bob = connect("bob", "/actors/vault/carol/connect", bobFrames);
		assertThat(bobFrames.poll(10, TimeUnit.SECONDS).at("/body/val/code").asString()).isEqualTo("forbidden");
		bob.abort();

		BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
		WebSocket carol = connect("carol", "/actors/vault/carol/connect", frames);
		assertThat(frames.poll(10, TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Init");
		carol.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"whoami\",\"args\":[]}}}", true)
			.join();
		assertThat(frames.poll(10, TimeUnit.SECONDS).at("/body/val/output").asString()).isEqualTo("carol");
		carol.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":2,\"name\":\"deposit\",\"args\":[5]}}}", true)
			.join();
		assertThat(frames.poll(10, TimeUnit.SECONDS).at("/body/val/output").asLong()).isEqualTo(5);
		carol.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void aBrowserSessionPostsActionsWithoutCsrfTokenButOnlyAsJson() throws Exception {
		HttpResponse<String> loginPage = send(HttpRequest.newBuilder(uri("/login")).GET());
		String session = cookie(loginPage);
		String csrf = match(loginPage.body(), "name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
		String form = "username=alice&password=" + TestUsers.PASSWORD + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		HttpResponse<String> withoutToken = send(HttpRequest.newBuilder(uri("/login"))
			.header("Cookie", session)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=alice&password=" + TestUsers.PASSWORD)));
		assertThat(withoutToken.statusCode()).as("a login form without its CSRF token").isEqualTo(403);
		HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login"))
			.header("Cookie", session)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(login.statusCode()).isEqualTo(302);
		String signedIn = cookie(login);

		HttpResponse<String> json = send(post("/actors/vault/alice/actions/deposit", JSON, "{\"args\":[7]}")
			.header("Cookie", signedIn));
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.body()).isEqualTo("{\"output\":7}");
		for (String crossSite : new String[] { "text/plain", "application/x-www-form-urlencoded" }) {
			assertError(send(post("/actors/vault/alice/actions/deposit", crossSite, "{\"args\":[7]}")
				.header("Cookie", signedIn)), 415, "request", "unsupported_media_type");
		}
		assertThat(send(as("alice", post("/actors/vault/alice/actions/whoami", JSON, ""))).body())
			.isEqualTo("{\"output\":\"alice\"}");
		assertThat(send(HttpRequest.newBuilder(uri("/logout")).header("Cookie", signedIn)
			.POST(HttpRequest.BodyPublishers.noBody())).statusCode()).as("other routes keep CSRF tokens").isEqualTo(403);
	}

	@Test
	void theActorsEndpointAndDestroyNeedTheAdminRole() throws Exception {
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).statusCode()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/actors")).GET()).statusCode()).isEqualTo(401);
		assertError(send(as("alice", HttpRequest.newBuilder(uri("/actuator/actors")).GET())), 403, "auth", "forbidden");
		HttpResponse<String> admin = send(as("admin", HttpRequest.newBuilder(uri("/actuator/actors")).GET()));
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).contains("\"vault\"");

		send(as("alice", post("/actors/vault/alice/actions/whoami", JSON, "")));
		assertError(send(as("alice", HttpRequest.newBuilder(uri("/actors/vault/alice")).DELETE())), 403, "auth",
				"forbidden");
		assertThat(send(as("admin", HttpRequest.newBuilder(uri("/actors/vault/alice")).DELETE())).statusCode())
			.isEqualTo(204);
	}

	@Test
	void keysWithASlashPassTheFirewallThatAllowsThem() throws Exception {
		HttpResponse<String> response = send(as("alice", post("/actors/counter/a%2Fb/actions/increment", JSON,
				"{\"args\":[2]}")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"output\":2}");
		assertError(send(as("alice", post("/actors/counter/a;b/actions/increment", JSON, "{\"args\":[2]}"))), 400,
				"request", "bad_request");
	}

	@Test
	void corsPreflightsOfConfiguredOriginsPass() throws Exception {
		HttpResponse<String> allowed = send(preflight("https://app.example.com"));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		HttpResponse<String> refused = send(preflight("https://evil.example.com"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	static void assertError(HttpResponse<String> response, int status, String group, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode body = HttpActorClient.JSON.readTree(response.body());
		assertThat(body.get("group").asString()).isEqualTo(group);
		assertThat(body.get("code").asString()).isEqualTo(code);
		assertThat(body.get("message").asString()).isNotBlank();
	}

	private HttpRequest.Builder preflight(String origin) {
		return HttpRequest.newBuilder(uri("/actors/counter/cors/actions/get"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type");
	}

	private WebSocket connect(String user, String path, BlockingQueue<JsonNode> frames) {
		return this.http.newWebSocketBuilder()
			.header("Authorization", basic(user, TestUsers.PASSWORD))
			.buildAsync(URI.create("ws://localhost:" + this.port + path), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					frames.add(HttpActorClient.JSON.readTree(data.toString()));
					webSocket.request(1);
					return null;
				}

			})
			.join();
	}

	HttpRequest.Builder post(String path, String contentType, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	static HttpRequest.Builder as(String user, HttpRequest.Builder request) {
		return as(user, TestUsers.PASSWORD, request);
	}

	static HttpRequest.Builder as(String user, String password, HttpRequest.Builder request) {
		return request.header("Authorization", basic(user, password));
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String cookie(HttpResponse<String> response) {
		String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
		return setCookie.substring(0, setCookie.indexOf(';'));
	}

	private static String match(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as(regex).isTrue();
		return matcher.group(1);
	}

}
