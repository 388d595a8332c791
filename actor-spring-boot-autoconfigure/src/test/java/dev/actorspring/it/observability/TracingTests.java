package dev.actorspring.it.observability;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a real tracer (Micrometer Tracing's OpenTelemetry bridge, as Spring Boot sets it up, and OpenTelemetry's
 * in-memory exporter), one trace runs from a client's request through the actors it reaches and the work they
 * schedule: each span has the right parent. Trace ids are chosen by the test and sent as W3C {@code traceparent},
 * as a calling service would.
 */
@SpringBootTest(classes = { TestActorApplication.class, TracingTests.Exporter.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=50ms" })
class TracingTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	InMemorySpanExporter exporter;

	@Test
	void oneTraceRunsFromTheHttpRequestThroughAnActorIntoTheActionItScheduled() {
		String traceId = hex(16);
		String clientSpan = hex(8);
		HttpActorClient.Response response = post("/actors/relay/trace-1/actions/remindThrough",
				"{\"args\":[\"alarm-trace-1\",\"hello\"]}", traceId, clientSpan);
		assertThat(response.status()).as(response.body()).isEqualTo(200);

		SpanData fire = awaitSpan(traceId, "alarm fire");
		List<SpanData> trace = spans(traceId);
		SpanData http = trace.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER && clientSpan.equals(span.getParentSpanId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no server span under the client's in " + names(trace)));
		SpanData relay = span(trace, "relay remindThrough");
		SpanData remind = span(trace, "alarm remind");
		SpanData send = span(trace, "send alarm fire");
		assertThat(relay.getParentSpanId()).as("the first actor's turn is a child of the HTTP request")
			.isEqualTo(http.getSpanId());
		assertThat(remind.getParentSpanId()).as("the called actor's turn is a child of its caller's turn")
			.isEqualTo(relay.getSpanId());
		assertThat(send.getParentSpanId()).as("the schedule is sent from the turn that made it")
			.isEqualTo(remind.getSpanId());
		assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(fire.getParentSpanId()).as("the scheduled action continues the trace that scheduled it")
			.isEqualTo(send.getSpanId());
		assertThat(fire.getKind()).isEqualTo(SpanKind.CONSUMER);
		for (SpanData span : List.of(relay, remind, send, fire)) {
			assertThat(span.getAttributes().toString()).as("no span of the runtime carries an actor key")
				.contains("actor.type")
				.doesNotContain("trace-1");
		}
	}

	@Test
	void aScheduleKeepsItsTraceInTheActorsFileWhileTheActorSleeps() {
		String traceId = hex(16);
		HttpActorClient.Response response = post("/actors/alarm/trace-2/actions/remindAndSleep",
				"{\"args\":[\"later\",300]}", traceId, hex(8));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		SpanData fire = awaitSpan(traceId, "alarm fire");
		assertThat(fire.getParentSpanId()).isEqualTo(span(spans(traceId), "send alarm fire").getSpanId());
	}

	@Test
	void aScheduleMadeByAScheduledActionStartsATraceOfItsOwn() {
		String traceId = hex(16);
		HttpActorClient.Response response = post("/actors/alarm/trace-5/actions/remindRepeat", "{\"args\":[\"tick\"]}",
				traceId, hex(8));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		HttpActorClient client = new HttpActorClient(this.port);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> client.call("alarm", "trace-5", "fired").toString().contains("tick again"));
		assertThat(awaitSpan(traceId, "alarm fireThenRemind").getKind()).isEqualTo(SpanKind.CONSUMER);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.exporter.getFinishedSpanItems()
				.stream()
				.anyMatch((span) -> span.getName().equals("alarm fire") && !span.getParentSpanContext().isValid()));
		assertThat(names(spans(traceId))).as("the second reminder is not in the first one's trace")
			.doesNotContain("INTERNAL alarm fire", "CONSUMER alarm fire", "PRODUCER send alarm fire");
	}

	@Test
	void theLogContextOfATurnHasItsTraceIdAndActorType() {
		String traceId = hex(16);
		HttpActorClient.Response response = post("/actors/relay/trace-3/actions/logContext", "{}", traceId, hex(8));
		JsonNode mdc = response.json().path("output");
		assertThat(mdc.path("traceId").asString()).isEqualTo(traceId);
		assertThat(mdc.path("spanId").asString()).isEqualTo(awaitSpan(traceId, "relay logContext").getSpanId());
		assertThat(mdc.path("actorType").asString()).isEqualTo("relay");
		assertThat(mdc.path("actorAction").asString()).isEqualTo("logContext");
		assertThat(mdc.toString()).doesNotContain("trace-3");
	}

	@Test
	void aWebSocketActionContinuesTheTraceItsRequestCarries() {
		String traceId = hex(16);
		String clientSpan = hex(8);
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.port, "relay", "trace-4", null)) {
			assertThat(client.next().path("body").path("tag").asString()).isEqualTo("Init");
			client.send("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":1,\"name\":\"logContext\",\"args\":[],"
					+ "\"trace\":{\"traceparent\":\"00-" + traceId + "-" + clientSpan + "-01\"}}}}");
			JsonNode response = client.next();
			assertThat(response.path("body").path("tag").asString()).as(response.toString()).isEqualTo("ActionResponse");
			assertThat(response.path("body").path("val").path("output").path("traceId").asString()).isEqualTo(traceId);
			// a malformed trace is ignored, as trace headers are: the action runs in a trace of its own
			client.send("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":2,\"name\":\"logContext\",\"args\":[],"
					+ "\"trace\":{\"traceparent\":\"00-nonsense\",\"x\":[1]}}}}");
			JsonNode other = client.next();
			assertThat(other.path("body").path("tag").asString()).as(other.toString()).isEqualTo("ActionResponse");
			assertThat(other.path("body").path("val").path("output").path("traceId").asString()).isNotEmpty()
				.isNotEqualTo(traceId);
		}
		assertThat(awaitSpan(traceId, "relay logContext").getParentSpanId()).isEqualTo(clientSpan);
	}

	private HttpActorClient.Response post(String path, String body, String traceId, String parentSpanId) {
		HttpActorClient client = new HttpActorClient(this.port);
		return client.send(HttpRequest.newBuilder(URI.create(client.base() + path))
			.header("Content-Type", "application/json")
			.header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private SpanData awaitSpan(String traceId, String name) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> spans(traceId).stream().anyMatch((span) -> span.getName().equals(name)));
		return span(spans(traceId), name);
	}

	private List<SpanData> spans(String traceId) {
		return this.exporter.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
	}

	private static SpanData span(List<SpanData> trace, String name) {
		List<SpanData> named = trace.stream().filter((span) -> span.getName().equals(name)).toList();
		assertThat(named).as("spans named '%s' in %s", name, names(trace)).hasSize(1);
		return named.get(0);
	}

	private static List<String> names(List<SpanData> trace) {
		return trace.stream().map((span) -> span.getKind() + " " + span.getName()).toList();
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Exporter {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
