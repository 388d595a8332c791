package dev.actorspring.it.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.StorageFaults;
import dev.actorspring.it.fixtures.TestActorApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow or failing {@code fsync} (with {@code synchronous=FULL}, where every commit waits for it) delays or fails
 * only the actors on that file: the other actors answer meanwhile, even when more files are stuck than the mailbox
 * pool has threads, and the stuck actors finish once the disk answers. The faults are injected at the commit by
 * {@link StorageFaults}, before anything is written.
 */
@SpringBootTest(classes = { TestActorApplication.class, StorageFaults.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "actor.threads=2", "actor.sqlite.synchronous=full" })
class SlowDiskTests {

	/** More stuck files than the mailbox pool has threads ({@code actor.threads=2}). */
	private static final int STUCK = 6;

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@AfterEach
	void diskIsBack() {
		CountDownLatch disk = StorageFaults.STUCK_DISK.getAndSet(null);
		if (disk != null) {
			disk.countDown();
		}
		StorageFaults.FAILING_FSYNC.set(false);
	}

	@Test
	void actorsOnStuckFilesWaitWhileEveryOtherActorAnswers() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		CountDownLatch disk = new CountDownLatch(1);
		StorageFaults.STUCK_DISK.set(disk);
		List<CompletableFuture<HttpActorClient.Response>> stuck = new ArrayList<>();
		for (int i = 0; i < STUCK; i++) {
			String path = "/actors/counter/stuck-" + i + "/actions/increment";
			stuck.add(CompletableFuture.supplyAsync(() -> client.post(path, "{\"args\":[1]}")));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> StorageFaults.WAITING_ON_DISK.get() == STUCK);

		for (int i = 0; i < 20; i++) {
			String key = "healthy-" + i;
			long count = CompletableFuture.supplyAsync(() -> client.call("counter", key, "increment", 5).asLong())
				.get(20, TimeUnit.SECONDS);
			assertThat(count).as("an actor on a healthy file answers while %d files are stuck", STUCK).isEqualTo(5);
		}
		assertThat(stuck).as("the actors on stuck files are still waiting for their commit").noneMatch(CompletableFuture::isDone);

		disk.countDown();
		for (CompletableFuture<HttpActorClient.Response> call : stuck) {
			HttpActorClient.Response response = call.get(30, TimeUnit.SECONDS);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().path("output").asLong()).isEqualTo(1);
		}
		for (int i = 0; i < STUCK; i++) {
			assertThat(client.call("counter", "stuck-" + i, "get").asLong()).as("committed once the disk answered")
				.isEqualTo(1);
		}
	}

	@Test
	void actorsWhoseFilesHangWhileOpeningWaitWhileEveryOtherActorAnswers() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		CountDownLatch disk = new CountDownLatch(1);
		StorageFaults.STUCK_DISK.set(disk);
		List<CompletableFuture<HttpActorClient.Response>> stuck = new ArrayList<>();
		for (int i = 0; i < STUCK; i++) {
			String path = "/actors/counter/stuck-open-" + i + "/actions/increment";
			stuck.add(CompletableFuture.supplyAsync(() -> client.post(path, "{\"args\":[1]}")));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> StorageFaults.WAITING_ON_DISK.get() == STUCK);
		for (int i = 0; i < 5; i++) {
			String key = "awake-" + i;
			long count = CompletableFuture.supplyAsync(() -> client.call("counter", key, "increment", 3).asLong())
				.get(20, TimeUnit.SECONDS);
			assertThat(count).as("an actor whose file opens answers while %d files hang", STUCK).isEqualTo(3);
		}
		assertThat(stuck).noneMatch(CompletableFuture::isDone);
		disk.countDown();
		for (CompletableFuture<HttpActorClient.Response> call : stuck) {
			HttpActorClient.Response response = call.get(30, TimeUnit.SECONDS);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
		}
	}

	@Test
	void aFailingFsyncFailsOnlyTheCallsOfItsActorsAndKeepsNothingOfThem() {
		HttpActorClient client = new HttpActorClient(this.port);
		assertThat(client.call("counter", "failing-1", "increment", 1).asLong()).isEqualTo(1);
		StorageFaults.FAILING_FSYNC.set(true);

		HttpActorClient.Response failed = client.post("/actors/counter/failing-1/actions/increment", "{\"args\":[10]}");
		assertThat(failed.status()).as(failed.body()).isEqualTo(503);
		assertThat(failed.json().path("code").asString()).isEqualTo("storage_failed");
		assertThat(failed.retryAfter()).as("the caller may try again").isNotNull();
		assertThat(client.call("counter", "other-1", "increment", 2).asLong()).as("another file commits").isEqualTo(2);

		StorageFaults.FAILING_FSYNC.set(false);
		assertThat(client.call("counter", "failing-1", "get").asLong()).as("nothing of the failed commit was kept")
			.isEqualTo(1);
		assertThat(client.call("counter", "failing-1", "increment", 1).asLong()).as("the actor commits again")
			.isEqualTo(2);
	}

}
