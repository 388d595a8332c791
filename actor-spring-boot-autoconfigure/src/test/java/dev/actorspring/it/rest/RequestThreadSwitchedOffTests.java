package dev.actorspring.it.rest;

import java.nio.file.Path;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code actor.http.turns-on-request-thread=false}, every REST action's turn runs on the mailbox pool. */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "actor.http.turns-on-request-thread=false")
class RequestThreadSwitchedOffTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Test
	void everyTurnRunsOnThePool() {
		assertThat(RequestThreadTests.threadsOf(new HttpActorClient(this.port), "pool", 100))
			.allMatch((name) -> name.startsWith("actor-"));
	}

	@Test
	void thePoolsThreadsHaveNamesOfTheirOwn() {
		HttpActorClient client = new HttpActorClient(this.port);
		// two actors' turns that hold their threads until both run: two threads of the pool
		java.util.concurrent.CompletableFuture<String> first = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> client.call("slow", "named-1", "threadMeeting", "names", 2).asString());
		java.util.concurrent.CompletableFuture<String> second = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> client.call("slow", "named-2", "threadMeeting", "names", 2).asString());
		assertThat(first.join()).startsWith("actor-")
			.as("told apart in thread dumps and logs")
			.isNotEqualTo(second.join());
		assertThat(second.join()).startsWith("actor-");
	}

}
