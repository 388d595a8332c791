package dev.actorspring.it.lifecycle;

import dev.actorspring.it.fixtures.TestActorApplication;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.persistence.sqlite.SqliteStateStore;
import dev.actorspring.runtime.ActorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Wakes 10,000 distinct actors, lets them sleep, and checks that they leave nothing behind in the heap. */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "actor.sleep-timeout=1s", "actor.max-open-files=64" })
class SleepMemoryTests {

	private static final int ACTORS = 10_000;

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@Autowired
	ActorRuntime runtime;

	@Autowired
	SqliteStateStore store;

	@Test
	void sleepingActorsCostNoMemoryAndFilesStayBounded() throws Exception {
		call("warm-up");
		long before = usedHeapAfterGc();
		long started = System.nanoTime();
		List<CompletableFuture<byte[]>> wave = new ArrayList<>();
		for (int i = 0; i < ACTORS; i++) {
			wave.add(this.runtime.call("counter", "actor-" + i, "increment",
					JsonNodeFactory.instance.arrayNode().add(i), null));
			if (wave.size() == 500) {
				wave.forEach(CompletableFuture::join);
				wave.clear();
				assertThat(this.store.openFiles()).isLessThanOrEqualTo(64);
			}
		}
		wave.forEach(CompletableFuture::join);
		long wakeMillis = (System.nanoTime() - started) / 1_000_000;
		int live = this.runtime.liveInstances("counter");
		await("every actor to fall asleep").atMost(Duration.ofSeconds(30))
			.until(() -> this.runtime.liveInstances("counter") == 0);
		long asleep = usedHeapAfterGc();
		System.out.printf("heap before %d KiB; %d actors woken in %d ms, %d still awake at the end; all asleep %d KiB%n",
				before / 1024, ACTORS, wakeMillis, live, asleep / 1024);
		assertThat(this.runtime.liveInstances("counter")).isZero();
		assertThat(this.store.openFiles()).isZero();
		assertThat(asleep - before).as("heap left behind by %d sleeping actors", ACTORS).isLessThan(3L << 20);
		assertThat(call("actor-9999")).isEqualTo(10_000L);
	}

	private long call(String key) {
		byte[] output = this.runtime.call("counter", key, "increment", JsonNodeFactory.instance.arrayNode().add(1), null)
			.join();
		return Long.parseLong(new String(output));
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
