package dev.actorspring.it.observability;

import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import java.time.Duration;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.actorspring.runtime.ActorRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scrapes /actuator/prometheus over HTTP, as Prometheus would, while the runtime works. */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=prometheus",
				"actor.schedule.retry-backoff=50ms", "actor.schedule.max-attempts=2" })
class MetricsTests {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})? ([0-9.eE+-]+|NaN)$");

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	ActorRuntime runtime;

	@Test
	void metersMoveAsTheRuntimeWorks() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		Map<String, Double> before = scrape(client);
		client.call("counter", "m1", "increment", 1);
		client.call("counter", "m1", "increment", 1);
		client.post("/actors/counter/m1/actions/refuse", "");
		client.post("/actors/counter/m1/actions/incrementThenFail", "");
		client.post("/actors/counter/m1/actions/nope", "");
		client.post("/actors/counter/m1/actions/increment", "{\"args\":[");
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "counter", "m1", null)) {
			ws.next();
			ws.subscribe("changed");
			client.call("counter", "m1", "increment", 1);
			ws.next();
			await("the connections gauge to show the client (gauges are refreshed twice a second)").atMost(Duration.ofSeconds(15)).until(() -> Double.valueOf(1.0)
				.equals(scrapeQuietly(client).get("actor_websocket_connections{actor_type=\"counter\"}")));
		}
		client.call("sleeper", "m2", "napNow");
		client.call("sleeper", "m2", "increment");
		client.call("sleeper", "m3", "selfDestruct");
		client.call("alarm", "m4", "remind", "soon", 10);
		client.call("alarm", "m4", "flaky", 5);
		await("the flaky schedule to fail twice").atMost(Duration.ofSeconds(15)).until(() -> delta(before, scrapeQuietly(client),
				"actor_schedule_fired_total{actor_type=\"alarm\",outcome=\"failure\"}") >= 2);

		HttpActorClient.Response twoKeys = client.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(client.base() + "/actors/counter/m1/actions/get"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "a")
			.header("Idempotency-Key", "b")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"args\":[]}")));
		assertThat(twoKeys.status()).as(twoKeys.body()).isEqualTo(400);

		Map<String, Double> after = scrape(client);
		assertThat(delta(before, after, "actor_action_seconds_count{actor_action=\"increment\",actor_type=\"counter\",outcome=\"success\"}")).isEqualTo(3);
		assertThat(delta(before, after, "actor_requests_rejected_total{reason=\"invalid_idempotency_key\"}")).isEqualTo(1);
		assertThat(delta(before, after, "actor_action_seconds_count{actor_action=\"refuse\",actor_type=\"counter\",outcome=\"client_error\"}")).isEqualTo(1);
		assertThat(delta(before, after, "actor_action_seconds_count{actor_action=\"incrementThenFail\",actor_type=\"counter\",outcome=\"server_error\"}")).isEqualTo(1);
		assertThat(after.keySet()).anyMatch((series) -> series.startsWith("actor_action_seconds_bucket{actor_action=\"increment\""));
		assertThat(delta(before, after, "actor_lifecycle_total{actor_type=\"counter\",event=\"create\"}")).isEqualTo(1);
		// napNow's sleep; and m2 sleeps again once it has been idle for its 300 ms after the increment that woke it
		assertThat(delta(before, after, "actor_lifecycle_total{actor_type=\"sleeper\",event=\"sleep\"}")).isBetween(1.0, 2.0);
		assertThat(delta(before, after, "actor_lifecycle_total{actor_type=\"sleeper\",event=\"wake\"}")).isEqualTo(1);
		assertThat(delta(before, after, "actor_lifecycle_total{actor_type=\"sleeper\",event=\"destroy\"}")).isEqualTo(1);
		assertThat(delta(before, after, "actor_commit_seconds_count{actor_type=\"counter\"}")).isGreaterThanOrEqualTo(3);
		assertThat(delta(before, after, "actor_commit_bytes_sum{actor_type=\"counter\"}")).isPositive();
		assertThat(delta(before, after, "actor_commit_turns_sum{actor_type=\"counter\"}")).isGreaterThanOrEqualTo(3);
		assertThat(delta(before, after, "actor_events_emitted_total{actor_type=\"counter\"}")).isEqualTo(3);
		assertThat(delta(before, after, "actor_events_delivered_total{actor_type=\"counter\"}")).isEqualTo(1);
		assertThat(delta(before, after, "actor_schedule_fired_total{actor_type=\"alarm\",outcome=\"success\"}")).isEqualTo(1);
		assertThat(delta(before, after, "actor_requests_rejected_total{reason=\"action_not_found\"}")).isEqualTo(1);
		assertThat(delta(before, after, "actor_requests_rejected_total{reason=\"malformed_json\"}")).isEqualTo(1);
		assertThat(after.get("actor_instances_awake{actor_type=\"counter\"}")).isGreaterThanOrEqualTo(1.0);
		assertThat(after).containsKey("actor_mailbox_size{actor_type=\"counter\"}");
		assertThat(after).containsKey("actor_mailbox_size_max{actor_type=\"counter\"}");
		assertThat(after.get("actor_sqlite_open_files")).isPositive();
		// Spring's request metric names the route, never the key
		assertThat(after.keySet()).anyMatch((series) -> series.startsWith("http_server_requests_seconds_count{")
				&& series.contains("uri=\"/actors/{name}/{key}/actions/{action}\""));
		assertThat(after.keySet()).anyMatch((series) -> series.startsWith("http_server_requests_seconds_count{")
				&& series.contains("status=\"101\"") && series.contains("uri=\"/actors/{name}/{key}/connect\""));
		assertThat(after.keySet()).noneMatch((series) -> series.startsWith("http_server_requests") && series.contains("m1"));
	}

	@Test
	void aThousandDistinctKeysAddNoMeters() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("counter", "warm", "increment", 1);
		client.call("counter", "warm", "get");
		long meters = actorMeters();
		for (int i = 0; i < 1000; i++) {
			this.runtime.call("counter", "key-" + i, "increment", JsonNodeFactory.instance.arrayNode().add(1), null).join();
		}
		client.call("counter", "key-999", "get");
		// the JVM's own meters may appear at any time (a first GC of some kind); the runtime's must not
		assertThat(actorMeters()).isEqualTo(meters);
		assertThat(this.meterRegistry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.noneMatch((tag) -> tag.getValue().startsWith("key-")));
		assertThat(scrapeQuietly(client).keySet()).noneMatch((series) -> series.contains("key-"));
	}

	private long actorMeters() {
		return this.meterRegistry.getMeters().stream().filter((meter) -> meter.getId().getName().startsWith("actor.")).count();
	}

	private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
		assertThat(after).as("series %s", series).containsKey(series);
		return after.get(series) - before.getOrDefault(series, 0.0);
	}

	private static Map<String, Double> scrapeQuietly(HttpActorClient client) {
		try {
			return scrape(client);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Double> scrape(HttpActorClient client) {
		HttpActorClient.Response response = client.get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Double> samples = new HashMap<>();
		for (String line : response.body().split("\n")) {
			Matcher matcher = SAMPLE.matcher(line.trim());
			if (!line.startsWith("#") && matcher.matches()) {
				String labels = (matcher.group(2) != null) ? matcher.group(2) : "";
				samples.put(matcher.group(1) + labels, Double.parseDouble(matcher.group(3)));
			}
		}
		return samples;
	}

}
