package dev.actorspring.it.deadletters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.actorspring.api.ActorClient;
import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.HttpActorClient.Response;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import dev.actorspring.runtime.ActorRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters as an operator sees them: each kind is counted in {@code actor.dead.letters} by actor type and
 * reason, logged with its correlation id and without its payload, and listed in {@code /actuator/actors}.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=actors", "actor.mailbox-capacity=2",
				"actor.schedule.max-attempts=1" })
@ExtendWith(OutputCaptureExtension.class)
class DeadLettersTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	ActorClient client;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	ActorRuntime runtime;

	@Test
	void anEventForAConnectionThatIsGoneIsADeadLetter(CapturedOutput output) {
		HttpActorClient rest = new HttpActorClient(this.port);
		try (WebSocketTestClient socket = WebSocketTestClient.connect(this.port, "mailman", "m1", null)) {
			socket.next(); // Init
			socket.action(1, "keep", "[]");
			assertThat(socket.next().at("/body/tag").asString()).isEqualTo("ActionResponse");
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> rest.call("mailman", "m1", "post").asBoolean() && count("connection_gone") >= 1);
		JsonNode letter = recent("connection_gone");
		assertThat(letter.get("actorType").asString()).isEqualTo("mailman");
		assertThat(letter.get("key").asString()).isEqualTo("m1");
		assertThat(letter.get("target").asString()).isEqualTo("letter");
		assertThat(output.getOut()).contains("Dead letter " + letter.get("correlationId").asString()
				+ ": connection_gone, mailman/m1 letter").doesNotContain("for you");
	}

	@Test
	void aTellThatFailsIsADeadLetter() {
		this.client.get("mailman", "m2").tell("refuse");
		await().atMost(Duration.ofSeconds(10)).until(() -> count("tell_failed") >= 1);
		JsonNode letter = recent("tell_failed");
		assertThat(letter.get("target").asString()).isEqualTo("refuse");
		assertThat(letter.get("detail").asString()).isEqualTo("not_now");
	}

	@Test
	void aScheduledActionDroppedAfterItsLastAttemptIsADeadLetter() {
		new HttpActorClient(this.port).call("mailman", "m3", "scheduleFailure");
		await().atMost(Duration.ofSeconds(10)).until(() -> count("schedule_dropped") >= 1);
		JsonNode letter = recent("schedule_dropped");
		assertThat(letter.get("key").asString()).isEqualTo("m3");
		assertThat(letter.get("target").asString()).isEqualTo("explode");
		assertThat(letter.get("detail").asString()).startsWith("boom, after 1 attempts");
	}

	@Test
	void aMessageRefusedByAFullMailboxIsADeadLetter() {
		HttpActorClient rest = new HttpActorClient(this.port);
		ExecutorService callers = Executors.newFixedThreadPool(12);
		List<CompletableFuture<Response>> calls = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			calls.add(CompletableFuture
				.supplyAsync(() -> rest.post("/actors/mailman/m4/actions/work", "{\"args\":[200]}"), callers));
		}
		long refused = calls.stream().map(CompletableFuture::join).filter((response) -> response.status() == 429).count();
		callers.shutdown();
		assertThat(refused).isPositive();
		assertThat(count("mailbox_full")).isGreaterThanOrEqualTo(refused);
		assertThat(recent("mailbox_full").get("target").asString()).isEqualTo("work");
	}

	@Test
	@DirtiesContext
	void aRequestRefusedAtShutdownIsADeadLetter() {
		this.runtime.stop(Duration.ofSeconds(5));
		Response refused = new HttpActorClient(this.port).post("/actors/mailman/m5/actions/refuse", "{}");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json().get("code").asString()).isEqualTo("stopped");
		assertThat(count("shutdown")).isGreaterThanOrEqualTo(1);
		assertThat(this.runtime.deadLetters().recent().get(0).reason().tag()).isEqualTo("shutdown");
	}

	private double count(String reason) {
		return this.meterRegistry.get("actor.dead.letters")
			.tags("actor.type", "mailman", "reason", reason)
			.counter()
			.count();
	}

	/** The most recent dead letter of that reason, as {@code /actuator/actors} lists it. */
	private JsonNode recent(String reason) {
		Response actors = new HttpActorClient(this.port).get("/actuator/actors");
		assertThat(actors.status()).isEqualTo(200);
		for (JsonNode letter : actors.json().get("deadLetters")) {
			if (letter.get("reason").asString().equals(reason)) {
				return letter;
			}
		}
		throw new AssertionError("No " + reason + " in " + actors.body());
	}

}
