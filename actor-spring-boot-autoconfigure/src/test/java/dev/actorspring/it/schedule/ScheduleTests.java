package dev.actorspring.it.schedule;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.WakeCounter;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.StoredStates;
import java.nio.file.Path;
import java.time.Duration;

import dev.actorspring.it.fixtures.HttpActorClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Durable schedules set by actions, driven over REST. */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "actor.schedule.retry-backoff=100ms", "actor.schedule.max-attempts=4",
				"actor.sleep-timeout=30s" })
class ScheduleTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	WakeCounter recorder;

	@Test
	void aScheduleRunsItsActionWhenDueAndIsListedUntilThen() {
		HttpActorClient client = new HttpActorClient(this.port);
		String id = client.call("alarm", "a1", "remind", "wake up", 300).asString();
		JsonNode pending = client.call("alarm", "a1", "pending");
		assertThat(pending).hasSize(1);
		assertThat(pending.get(0).get("id").asString()).isEqualTo(id);
		assertThat(pending.get(0).get("action").asString()).isEqualTo("fire");
		assertThat(StoredStates.read(dataDir, "alarm", "a1")).isNotNull();
		await("the schedule to fire").atMost(Duration.ofSeconds(15)).until(() -> client.call("alarm", "a1", "fired").size() == 1);
		assertThat(client.call("alarm", "a1", "fired").get(0).asString()).isEqualTo("wake up");
		assertThat(client.call("alarm", "a1", "pending")).isEmpty();
	}

	@Test
	void aCancelledScheduleNeverRuns() {
		HttpActorClient client = new HttpActorClient(this.port);
		String id = client.call("alarm", "a2", "remind", "never", 200).asString();
		assertThat(client.call("alarm", "a2", "cancel", id).asBoolean()).isTrue();
		assertThat(client.call("alarm", "a2", "cancel", id).asBoolean()).isFalse();
		awaitBarrier(client, "a2", 300);
		assertThat(client.call("alarm", "a2", "fired").toString()).isEqualTo("[\"barrier\"]");
	}

	@Test
	void aScheduleSetByAFailedActionIsRolledBack() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.post("/actors/alarm/a3/actions/remindThenFail", "{\"args\":[\"ghost\"]}").status())
			.isEqualTo(500);
		assertThat(client.call("alarm", "a3", "pending")).isEmpty();
		awaitBarrier(client, "a3", 100);
		assertThat(client.call("alarm", "a3", "fired").toString()).isEqualTo("[\"barrier\"]");
		Response bad = client.post("/actors/alarm/a3/actions/badSchedule", "");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("code").asString()).isEqualTo("invalid_arguments");
	}

	@Test
	void aDueScheduleWakesASleepingActor() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("alarm", "a4", "remindAndSleep", "good morning", 700);
		await("the actor to sleep").atMost(Duration.ofSeconds(15)).until(() -> this.recorder.sleeps("a4") == 1);
		assertThat(StoredStates.read(dataDir, "alarm", "a4").get("fired")).isEmpty();
		assertThat(dataDir.resolve("_schedules.db")).exists();
		await("the schedule to fire in the sleeping actor").atMost(Duration.ofSeconds(15)).until(() -> StoredStates.read(dataDir, "alarm", "a4").get("fired").size() == 1);
		assertThat(this.recorder.wakes("a4")).isEqualTo(2);
		assertThat(StoredStates.read(dataDir, "alarm", "a4").get("fired").get(0).asString()).isEqualTo("good morning");
	}

	@Test
	void aFailingScheduledActionIsRetriedWithBackoff() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("alarm", "a5", "flaky", 2);
		await("the third attempt to succeed").atMost(Duration.ofSeconds(15)).until(() -> client.call("alarm", "a5", "fired").size() == 1);
		assertThat(client.call("alarm", "a5", "fired").get(0).asString()).isEqualTo("flaky after 3");
		assertThat(this.recorder.attempts("a5")).isEqualTo(3);
		assertThat(client.call("alarm", "a5", "pending")).isEmpty();
	}

	@Test
	void aScheduleThatKeepsFailingIsDroppedAfterTheLastAttempt() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("alarm", "a6", "flaky", 100);
		await("four attempts, then the schedule dropped").atMost(Duration.ofSeconds(15))
			.until(() -> this.recorder.attempts("a6") == 4 && client.call("alarm", "a6", "pending").isEmpty());
		awaitBarrier(client, "a6", 1000);
		assertThat(this.recorder.attempts("a6")).isEqualTo(4);
		assertThat(client.call("alarm", "a6", "fired").toString()).isEqualTo("[\"barrier\"]");
	}

	@Test
	void aScheduleThatRanLeavesNothingInTheDurableIndex() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("alarm", "a7", "remind", "once", 50);
		await("the schedule to fire").atMost(Duration.ofSeconds(15))
			.until(() -> client.call("alarm", "a7", "fired").size() == 1);
		assertThat(StoredStates.indexedSchedules(dataDir)).doesNotContain("alarm/a7");
	}

	@Test
	void aScheduleCancelledByAnEarlierOneDueAtTheSameTimeDoesNotRun() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("alarm", "a8", "raceOfTwo");
		await("the due schedules to run").atMost(Duration.ofSeconds(15))
			.until(() -> client.call("alarm", "a8", "fired").size() > 0);
		assertThat(client.call("alarm", "a8", "fired").toString()).isEqualTo("[\"first\"]");
		assertThat(client.call("alarm", "a8", "pending")).isEmpty();
	}

	@Test
	void aScheduledActionCanDestroyItsActor() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("alarm", "a9", "destroyAfter", 50);
		assertThat(StoredStates.file(dataDir, "alarm", "a9")).exists();
		await("the actor to be destroyed").atMost(Duration.ofSeconds(15))
			.until(() -> !StoredStates.file(dataDir, "alarm", "a9").toFile().exists());
		assertThat(client.get("/actors/alarm/a9").status()).isEqualTo(404);
		assertThat(StoredStates.indexedSchedules(dataDir)).doesNotContain("alarm/a9");
	}

	@Test
	void aScheduledActionCanPutItsActorToSleep() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("alarm", "a10", "sleepAfter", 50);
		await("the actor to sleep").atMost(Duration.ofSeconds(15)).until(() -> this.recorder.sleeps("a10") == 1);
		assertThat(StoredStates.read(dataDir, "alarm", "a10").get("fired").toString()).isEqualTo("[\"sleeping\"]");
	}

	/** Sets a schedule after {@code delayMillis} and waits for it: schedules run in due order, so earlier ones ran. */
	private static void awaitBarrier(HttpActorClient client, String key, long delayMillis) {
		client.call("alarm", key, "remind", "barrier", delayMillis);
		await("the barrier schedule to fire").atMost(Duration.ofSeconds(15))
			.until(() -> client.call("alarm", key, "fired").toString().contains("barrier"));
	}

}
