package dev.actorspring.it.rest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a REST action's turn runs ({@code actor.http.turns-on-request-thread}): on the request's own thread (one of
 * Tomcat's, {@code http-nio-...}) when the actor is awake and idle and its last turn was quick, which saves the two
 * thread hand-offs of the mailbox pool; after a slow turn, and always with the property off, on the pool
 * ({@code actor-N}).
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestThreadTests {

	/** The threads that calls of the Slow actor's {@code thread} action ran on, one call after another. */
	static List<String> threadsOf(HttpActorClient client, String key, int calls) {
		List<String> threads = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			threads.add(client.call("slow", key, "thread").asString());
		}
		return threads;
	}

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Test
	void quickTurnsOfAnIdleActorRunOnTheRequestThreadAndASlowOneSendsTheNextToThePool() {
		HttpActorClient client = new HttpActorClient(this.port);
		// the first turn wakes the actor on the pool; the following ones, once quick (the JIT compiled their code),
		// run on the request's thread (a pause of this machine over 1 ms can send one back to the pool, hence the
		// count over the last 20)
		List<String> threads = threadsOf(client, "here", 100);
		assertThat(threads.get(0)).startsWith("actor-");
		assertThat(threads.subList(80, 100)).filteredOn((name) -> name.startsWith("http-nio-")).hasSizeGreaterThan(10);
		assertThat(threads).allMatch((name) -> name.startsWith("http-nio-") || name.startsWith("actor-"));
		// a turn of 20 ms: the next one goes to the pool, whatever the machine
		assertThat(client.call("slow", "here", "work", 20).asLong()).isEqualTo(1);
		assertThat(client.call("slow", "here", "thread").asString()).startsWith("actor-");
	}

}
