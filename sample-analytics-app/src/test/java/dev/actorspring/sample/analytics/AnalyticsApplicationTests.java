package dev.actorspring.sample.analytics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracks page views into two hour shards over REST and reads them back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "analytics.rate-limiter.limit-per-minute=3")
class AnalyticsApplicationTests {

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
	void pageViewsAreCountedPerHourShard() throws Exception {
		java.time.Instant now = java.time.Instant.now();
		String thisHour = now.minus(java.time.Duration.ofHours(5)).toString().substring(0, 13);
		String lastHour = now.minus(java.time.Duration.ofHours(6)).toString().substring(0, 13);
		assertThat(track(thisHour, "/home").asLong()).isEqualTo(1);
		assertThat(track(thisHour, "/home").asLong()).isEqualTo(2);
		assertThat(track(thisHour, "/pricing").asLong()).isEqualTo(3);
		assertThat(track(lastHour, "/home").asLong()).isEqualTo(1);
		JsonNode stats = call(thisHour, "getStats", "");
		assertThat(stats.get("total").asLong()).isEqualTo(3);
		assertThat(stats.get("viewsByUrl").get("/home").asLong()).isEqualTo(2);
		assertThat(call(lastHour, "getStats", "").get("total").asLong()).isEqualTo(1);
		HttpResponse<String> scrape = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus"))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("actor_instances_awake{actor_type=\"hourlyAnalytics\"}");
	}

	@Test
	void theIngestEndpointRateLimitsAndTheDashboardReportsTheLast24Hours() throws Exception {
		int accepted = 0;
		int refused = 0;
		for (int i = 0; i < 40; i++) {
			HttpResponse<String> response = post("/api/track", "{\"userId\":\"bot\",\"url\":\"/pricing\"}");
			if (response.statusCode() == 202) {
				assertThat(JSON.readTree(response.body()).get("id").asLong()).as("the message id in the hour's queue")
					.isPositive();
				accepted++;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(429);
				refused++;
			}
		}
		assertThat(accepted).isBetween(3, 12);
		assertThat(refused).isEqualTo(40 - accepted);
		assertThat(post("/api/track", "{\"userId\":\"alice\",\"url\":\"/docs\"}").statusCode()).isEqualTo(202);

		String thisHour = java.time.Instant.now().toString().substring(0, 13);
		int expected = accepted + 1;
		// acknowledged views are durable at once and counted right after, each in its own turn of the hour shard
		org.awaitility.Awaitility.await("the queued views to be counted")
			.atMost(java.time.Duration.ofSeconds(15))
			.until(() -> dashboard().get("viewsByHour").get(thisHour).asLong() >= expected);
		JsonNode report = dashboard();
		assertThat(report.get("viewsByHour")).hasSize(24);
		assertThat(report.get("viewsByHour").get(thisHour).asLong()).isGreaterThanOrEqualTo(accepted + 1);
		assertThat(report.get("topPages").get("/pricing").asLong()).isGreaterThanOrEqualTo(accepted);
		assertThat(report.get("rejected").asLong()).isEqualTo(refused);
		assertThat(report.get("allowed").asLong()).isGreaterThanOrEqualTo(accepted + 1);
	}

	@Test
	void theDashboardFollowsTheCurrentHourOverWebSocket() throws Exception {
		String hour = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")
			.withZone(java.time.ZoneOffset.UTC)
			.format(java.time.Instant.now());
		java.util.concurrent.BlockingQueue<JsonNode> frames = new java.util.concurrent.LinkedBlockingQueue<>();
		java.net.http.WebSocket socket = this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/actors/hourlyAnalytics/" + hour + "/connect"),
					new java.net.http.WebSocket.Listener() {
						@Override
						public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
								CharSequence data, boolean last) {
							frames.add(JSON.readTree(data.toString()));
							webSocket.request(1);
							return null;
						}
					})
			.join();
		assertThat(frames.poll(10, java.util.concurrent.TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Init");
		socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"tracked\",\"subscribe\":true}}}", true).join();
		socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"\",\"subscribe\":true}}}", true).join();
		assertThat(frames.poll(10, java.util.concurrent.TimeUnit.SECONDS).at("/body/tag").asString()).isEqualTo("Error");
		assertThat(post("/api/track", "{\"userId\":\"carol\",\"url\":\"/live\"}").statusCode()).isEqualTo(202);
		JsonNode event = frames.poll(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(event.at("/body/val/name").asString()).isEqualTo("tracked");
		assertThat(event.at("/body/val/args/0").asString()).isEqualTo("/live");
		assertThat(event.at("/body/val/args/1").asLong()).isPositive();
		socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Test
	void theInspectorIsNotExposedOverHttpButHealthAndMetricsAre() throws Exception {
		for (String path : new String[] { "/actuator/actors", "/actuator/actors/hourlyAnalytics" }) {
			assertThat(get(path).statusCode()).as(path).isEqualTo(404);
		}
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode dashboard() throws Exception {
		HttpResponse<String> dashboard = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/dashboard"))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(dashboard.statusCode()).isEqualTo(200);
		return JSON.readTree(dashboard.body());
	}

	private JsonNode track(String hour, String url) throws Exception {
		return call(hour, "trackEvent", "{\"args\":[{\"type\":\"page_view\",\"url\":\"" + url + "\"}]}");
	}

	private JsonNode call(String hour, String action, String body) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actors/hourlyAnalytics/" + hour + "/actions/" + action))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("output");
	}

}
