package dev.actorspring.it.lifecycle;

import dev.actorspring.it.fixtures.WakeCounter;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.StoredStates;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stops the application and starts it again on the same data directory, as an operator would. */
class RestartTests {

	@TempDir
	Path dataDir;

	@Test
	void stateSurvivesARestartAndHooksRunAgainOnWake() {
		try (ConfigurableApplicationContext app = start()) {
			HttpActorClient client = client(app);
			assertThat(client.call("counter", "kept", "increment", 40).asLong()).isEqualTo(40);
			assertThat(client.call("counter", "kept", "increment", 2).asLong()).isEqualTo(42);
			client.post("/actors/room/kept", "{\"input\":{\"topic\":\"restart\"}}");
			client.call("room", "kept", "say", "before");
			assertThat(client.post("/actors/counter/kept/actions/incrementThenFail", "").status()).isEqualTo(500);
		}
		try (ConfigurableApplicationContext app = start()) {
			HttpActorClient client = client(app);
			assertThat(client.call("counter", "kept", "get").asLong()).isEqualTo(42);
			assertThat(client.call("room", "kept", "varsCalls").asInt()).isEqualTo(1);
			assertThat(app.getBean(WakeCounter.class).wakes("kept")).isEqualTo(1);
			assertThat(client.call("room", "kept", "state").get("log").toString())
				.isEqualTo("[\"createState\",\"onCreate\",\"onWake\",\"rest: before\",\"onWake\"]");
			assertThat(client.call("room", "kept", "state").get("topic").asString()).isEqualTo("restart");
		}
	}

	@Test
	void aScheduleDueWhileTheApplicationWasDownRunsAtStartup() {
		try (ConfigurableApplicationContext app = start()) {
			client(app).call("alarm", "missed", "remind", "while you were out", 800);
		}
		try (ConfigurableApplicationContext app = start(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))) {
			HttpActorClient client = client(app);
			await("the missed schedule to run at startup").atMost(Duration.ofSeconds(15)).until(() -> StoredStates.read(this.dataDir, "alarm", "missed").get("fired").size() == 1);
			assertThat(client.call("alarm", "missed", "fired").get(0).asString()).isEqualTo("while you were out");
			assertThat(client.call("alarm", "missed", "pending")).isEmpty();
		}
	}

	@Test
	void queuedMessagesSurviveARestartAndAreConsumedAfterIt() {
		try (ConfigurableApplicationContext app = start()) {
			HttpActorClient client = client(app);
			client.call("inbox", "restart", "pause");
			for (String item : new String[] { "one", "two", "three" }) {
				assertThat(client.post("/actors/inbox/restart/queues/later", "{\"body\":\"" + item + "\"}").status())
					.isEqualTo(202);
			}
			assertThat(client.call("inbox", "restart", "queue", "later").get("size").asInt()).isEqualTo(3);
		}
		try (ConfigurableApplicationContext app = start()) {
			// nobody calls the actor: the schedule index wakes it when its messages are due again
			await("the messages to be consumed after the restart").atMost(Duration.ofSeconds(20))
				.until(() -> StoredStates.read(this.dataDir, "inbox", "restart").get("handled").size() == 3);
			assertThat(StoredStates.read(this.dataDir, "inbox", "restart").get("handled").toString())
				.isEqualTo("[\"one\",\"two\",\"three\"]");
		}
	}

	@Test
	void aScheduleSurvivesARestartAndFiresWhenDue() {
		try (ConfigurableApplicationContext app = start()) {
			client(app).call("alarm", "later", "remind", "after the restart", 1500);
		}
		try (ConfigurableApplicationContext app = start()) {
			assertThat(StoredStates.read(this.dataDir, "alarm", "later").get("fired")).isEmpty();
			await("the schedule to fire after the restart").atMost(Duration.ofSeconds(15)).until(() -> StoredStates.read(this.dataDir, "alarm", "later").get("fired").size() == 1);
		}
	}

	@Test
	void aScheduleThatRanIsForgottenAndWakesNothingAfterARestart() {
		try (ConfigurableApplicationContext app = start()) {
			HttpActorClient client = client(app);
			client.call("alarm", "done", "remind", "once", 50);
			await("the schedule to fire").atMost(Duration.ofSeconds(15))
				.until(() -> client.call("alarm", "done", "fired").size() == 1);
			client.call("alarm", "barrier", "remind", "after the restart", 500);
		}
		try (ConfigurableApplicationContext app = start(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))) {
			await("the other actor's schedule to run at startup").atMost(Duration.ofSeconds(15))
				.until(() -> StoredStates.read(this.dataDir, "alarm", "barrier").get("fired").size() == 1);
			assertThat(app.getBean(WakeCounter.class).wakes("done")).isZero();
			assertThat(app.getBean(WakeCounter.class).wakes("barrier")).isEqualTo(1);
			assertThat(StoredStates.indexedSchedules(this.dataDir)).isEmpty();
		}
	}

	private ConfigurableApplicationContext start() {
		return start(null);
	}

	/** Starts the application, with the clock schedules are due by if one is given (time passed while it was down). */
	private ConfigurableApplicationContext start(Clock clock) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(TestActorApplication.class)
			.properties("server.port=0", "actor.data-dir=" + this.dataDir);
		if (clock != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("actorClock", clock));
		}
		return builder.run();
	}

	private static HttpActorClient client(ConfigurableApplicationContext app) {
		return new HttpActorClient(((WebServerApplicationContext) app).getWebServer().getPort());
	}

}
