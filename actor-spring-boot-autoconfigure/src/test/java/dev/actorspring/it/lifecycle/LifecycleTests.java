package dev.actorspring.it.lifecycle;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.WakeCounter;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import dev.actorspring.it.fixtures.StoredStates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.it.fixtures.HttpActorClient.Response;
import dev.actorspring.runtime.ActorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sleep after the idle timeout, transparent wake, ctx.sleep(), destroy from outside and from inside. */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LifecycleTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
		registry.add("actor.keep-awake-timeout", () -> "3s");
	}

	@LocalServerPort
	int port;

	@Autowired
	WakeCounter recorder;

	@Autowired
	ActorRuntime runtime;

	@Test
	void anIdleActorSleepsAndWakesWithItsStateAndNewVars() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("sleeper", "s1", "increment").asLong()).isEqualTo(1);
		assertThat(client.call("sleeper", "s1", "wake").asInt()).isEqualTo(1);
		await("the actor to fall asleep").atMost(Duration.ofSeconds(15)).until(() -> this.recorder.sleeps("s1") == 1);
		await("the instance to leave memory").atMost(Duration.ofSeconds(15)).until(() -> this.runtime.liveInstances("sleeper") == 0 || !awake("s1"));
		assertThat(client.call("sleeper", "s1", "increment").asLong()).isEqualTo(2);
		assertThat(client.call("sleeper", "s1", "wake").asInt()).isEqualTo(2);
		assertThat(this.recorder.wakes("s1")).isEqualTo(2);
	}

	@Test
	void anOpenConnectionKeepsTheActorAwake() throws Exception {
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "sleeper", "s2", null)) {
			assertThat(ws.next().at("/body/tag").asString()).isEqualTo("Init");
			await("the connected actor to stay awake for four sleep timeouts").during(Duration.ofMillis(1200))
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.recorder.sleeps("s2") == 0);
		}
		await("the actor to fall asleep once its client left").atMost(Duration.ofSeconds(15)).until(() -> this.recorder.sleeps("s2") == 1);
	}

	@Test
	void workPassedToKeepAwakeKeepsTheActorAwakeUntilItEnds() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("sleeper", "kept", "startWork");
		await("the actor to stay awake for five sleep timeouts while its work runs").during(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.recorder.sleeps("kept") == 0);
		assertThat(this.recorder.sleeps("kept")).as("awake until the work ended").isZero();
		this.recorder.work("kept").complete("done!");
		// once the work ended the actor may sleep again after one sleep timeout (300 ms), before a slow machine has
		// asked for the log: the log, not the sleeps, is what this step checks
		await("the work's result to come back as an action").atMost(Duration.ofSeconds(10))
			.until(() -> client.call("sleeper", "kept", "log").toString().equals("[5]"));
		await("the actor to fall asleep once its work ended").atMost(Duration.ofSeconds(15))
			.until(() -> this.recorder.sleeps("kept") >= 1);
	}

	@Test
	void keepAwakeIsBoundedByTheKeepAwakeTimeout() {
		// actor.keep-awake-timeout is 3 s here: work that never ends keeps the actor awake that long, not forever
		new HttpActorClient(this.port).call("sleeper", "kept-forever", "startWork");
		await("the actor to fall asleep once the keep-awake timeout passed").atMost(Duration.ofSeconds(20))
			.until(() -> this.recorder.sleeps("kept-forever") == 1);
	}

	@Test
	void requestsThatArriveWhileAnActorWakesAreServedInOrder() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("sleeper", "s3", "napNow");
		await("the actor to sleep").atMost(Duration.ofSeconds(15)).until(() -> this.recorder.sleeps("s3") == 1);
		List<CompletableFuture<byte[]>> calls = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			calls.add(this.runtime.call("sleeper", "s3", "append", JsonNodeFactory.instance.arrayNode().add(i), null));
		}
		calls.forEach(CompletableFuture::join);
		JsonNode log = client.call("sleeper", "s3", "log");
		assertThat(log).hasSize(200);
		for (int i = 0; i < 200; i++) {
			assertThat(log.get(i).asInt()).isEqualTo(i);
		}
		assertThat(this.recorder.wakes("s3")).isEqualTo(2);
	}

	@Test
	void ctxSleepAnswersTheCallerThenSleeps() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("sleeper", "s4", "napNow").asLong()).isEqualTo(100);
		await("the actor to sleep").atMost(Duration.ofSeconds(15)).until(() -> this.recorder.sleeps("s4") == 1);
		assertThat(StoredStates.read(dataDir, "sleeper", "s4").get("count").asLong()).isEqualTo(100);
		assertThat(client.call("sleeper", "s4", "increment").asLong()).isEqualTo(101);
	}

	@Test
	void deleteDestroysTheActorItsFileAndItsConnections() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("sleeper", "d1", "increment");
		Path file = StoredStates.file(dataDir, "sleeper", "d1");
		assertThat(file).exists();
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "sleeper", "d1", null)) {
			ws.next();
			ws.subscribe("destroying");
			client.call("sleeper", "d1", "increment");
			Response deleted = client.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/actors/sleeper/d1"))
				.DELETE());
			assertThat(deleted.status()).isEqualTo(204);
			JsonNode lastWords = ws.next();
			assertThat(lastWords.at("/body/val/name").asString()).isEqualTo("destroying");
			assertThat(lastWords.at("/body/val/args/0").asLong()).isEqualTo(2);
			assertThat(ws.awaitClose()).isEqualTo("1000 actor.destroyed");
		}
		assertThat(this.recorder.destroys("d1")).isEqualTo(1);
		assertThat(file).doesNotExist();
		assertThat(file.resolveSibling(file.getFileName() + "-wal")).doesNotExist();
		Response missing = client.get("/actors/sleeper/d1");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("code").asString()).isEqualTo("actor_not_found");
		Response again = client.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/actors/sleeper/d1"))
			.DELETE());
		assertThat(again.status()).isEqualTo(404);
		assertThat(client.call("sleeper", "d1", "increment").asLong()).isEqualTo(1);
	}

	@Test
	void ctxDestroyAnswersTheCallerThenDeletesTheActor() {
		HttpActorClient client = new HttpActorClient(this.port);
		client.call("sleeper", "d2", "increment");
		assertThat(client.call("sleeper", "d2", "selfDestruct").asLong()).isEqualTo(1);
		assertThat(client.get("/actors/sleeper/d2").status()).isEqualTo(404);
		assertThat(this.recorder.destroys("d2")).isEqualTo(1);
		assertThat(StoredStates.file(dataDir, "sleeper", "d2")).doesNotExist();
	}

	@Test
	void aHookCanDestroyItsActor() {
		try (WebSocketTestClient ws = WebSocketTestClient.connect(this.port, "ephemeral", "e1", "\"leave\"")) {
			assertThat(ws.next().at("/body/tag").asString()).isEqualTo("Init");
			assertThat(ws.awaitClose()).isEqualTo("1000 actor.destroyed");
		}
		assertThat(this.recorder.destroys("e1")).isEqualTo(1);
		assertThat(new HttpActorClient(this.port).get("/actors/ephemeral/e1").status()).isEqualTo(404);
		await("the file to be deleted").atMost(Duration.ofSeconds(10))
			.until(() -> !StoredStates.file(dataDir, "ephemeral", "e1").toFile().exists());
	}

	@Test
	void aDestroyAskedInOnDestroyDoesNotEndTheNextLife() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("ephemeral", "e2", "visit").asInt()).isEqualTo(1);
		// the destroy and the next visit queue up behind a pause, and run one after the other on one instance
		CompletableFuture<Response> pause = CompletableFuture
			.supplyAsync(() -> client.post("/actors/ephemeral/e2/actions/pause", "{\"args\":[1500]}"));
		Thread.sleep(300);
		CompletableFuture<Response> destroy = CompletableFuture
			.supplyAsync(() -> client.post("/actors/ephemeral/e2/actions/visitAndDestroy", ""));
		Thread.sleep(300);
		CompletableFuture<Response> visit = CompletableFuture
			.supplyAsync(() -> client.post("/actors/ephemeral/e2/actions/visit", ""));
		assertThat(pause.get().status()).isEqualTo(200);
		assertThat(destroy.get().json().get("output").asInt()).isEqualTo(2);
		assertThat(visit.get().json().get("output").asInt()).as("the first visit of a new life").isEqualTo(1);

		assertThat(this.recorder.destroys("e2")).isEqualTo(1);
		assertThat(client.get("/actors/ephemeral/e2").status()).isEqualTo(200);
		assertThat(client.call("ephemeral", "e2", "visits").asInt()).isEqualTo(1);
		assertThat(StoredStates.read(dataDir, "ephemeral", "e2").get("visits").asInt()).isEqualTo(1);
	}

	private boolean awake(String key) {
		return this.runtime.liveInstances("sleeper") > 0 && this.recorder.sleeps(key) < this.recorder.wakes(key);
	}


}
