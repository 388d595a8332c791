package dev.actorspring.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.actorspring.benchmarks.http.CounterActor;
import dev.actorspring.api.ActorClient;
import dev.actorspring.api.ActorHandle;
import dev.actorspring.client.DefaultActorClient;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.test.ActorTestKit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What JMH's steady-state modes do not capture, each next to a baseline of the same run: the latency of a sleeping
 * actor's first action (against opening an existing SQLite file and reading one row, and against the same work as
 * that action in raw JDBC: open, read, update, commit, with the files closed past 256 on the timing thread between
 * timings and, as the runtime does, on another thread) and of creating an actor
 * (against creating a SQLite file with one row), over 10,000 distinct actors; the heap used by 100,000 awake
 * actors and by the same actors asleep; and fire-and-forget {@code tell} throughput (against handing the same
 * work to a bare {@link ForkJoinPool}); and what completing {@code ActorClient} futures on the client's executor
 * costs. Run by {@code benchmarks/run-in-process.sh}; arguments: the number of actors to wake and create, and of
 * awake actors to weigh (0 skips either part).
 */
public final class LifecycleBenchmark {

	private static final JsonNode ONE = JsonNodeFactory.instance.arrayNode().add(1);

	private LifecycleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int actors = intArg(args, 0, 10_000);
		int memoryActors = intArg(args, 1, 100_000);
		if (actors > 0) {
			wakeAndCreate(actors);
		}
		if (memoryActors > 0) {
			memory(memoryActors);
		}
		tell(2_000_000);
		clientCalls(20_000);
	}

	private static void wakeAndCreate(int count) throws Exception {
		Path dir = Files.createTempDirectory("lifecycle");
		long[] create = new long[count];
		long[] wake = new long[count];
		try (ActorTestKit kit = ActorTestKit.builder()
			.actor(new CounterActor())
			.dataDir(dir.resolve("actors"))
			.maxOpenFiles(256)
			.build()) {
			ActorRuntime runtime = kit.runtime();
			for (int i = 0; i < 200; i++) {
				runtime.call("counter", "warm" + i, "increment", ONE, null).join();
			}
			for (int i = 0; i < count; i++) {
				long started = System.nanoTime();
				runtime.call("counter", "a" + i, "increment", ONE, null).join();
				create[i] = System.nanoTime() - started;
			}
			List<CompletableFuture<Void>> sleeps = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				sleeps.add(runtime.sleep("counter", "a" + i));
			}
			sleeps.forEach(CompletableFuture::join);
			for (int i = 0; i < count; i++) {
				long started = System.nanoTime();
				runtime.call("counter", "a" + i, "increment", ONE, null).join();
				wake[i] = System.nanoTime() - started;
			}
		}
		long[] rawCreate = new long[count];
		long[] rawOpen = new long[count];
		Path raw = Files.createDirectories(dir.resolve("raw"));
		for (int i = 0; i < count; i++) {
			long started = System.nanoTime();
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + raw.resolve(i + ".db"));
					Statement statement = connection.createStatement()) {
				statement.execute("PRAGMA journal_mode=WAL");
				statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, state BLOB)");
				statement.execute("INSERT INTO t VALUES (1, '{\"count\":1}')");
			}
			rawCreate[i] = System.nanoTime() - started;
		}
		for (int i = 0; i < count; i++) {
			long started = System.nanoTime();
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + raw.resolve(i + ".db"));
					PreparedStatement select = connection.prepareStatement("SELECT state FROM t WHERE id = 1");
					ResultSet rows = select.executeQuery()) {
				rows.next();
				rows.getBytes(1);
			}
			rawOpen[i] = System.nanoTime() - started;
		}
		// the work of a wake whose first action writes, in raw JDBC with the store's settings: open the file, read the
		// row, change it, commit; at most 256 files open. Twice: the oldest file closed on other threads, as the
		// runtime's closer does (its checkpoint's fsyncs then overlap the next file's), then on the timing thread
		// between two timings. Each pass writes a new value: an UPDATE that writes the bytes already there changes no
		// page, so SQLite writes nothing and syncs nothing.
		long[] rawWakeClosedApart = rawWake(raw, count, true, 2);
		long[] rawWake = rawWake(raw, count, false, 3);
		System.out.printf("%nLatency over %,d distinct actors (sequential, ms):%n", count);
		System.out.printf("%-58s %8s %8s%n", "", "p50", "p99");
		row("baseline: open an existing SQLite file, read one row", rawOpen);
		row("baseline: open one, read, update, commit (256 kept open)", rawWake);
		row("  the same, the oldest closed on another thread", rawWakeClosedApart);
		row("wake: first action of a sleeping actor", wake);
		row("baseline: create a SQLite file with one row", rawCreate);
		row("create: first action of a new actor", create);
		System.out.printf("ratios: wake p50 %.2fx the open baseline, %.2fx the open-and-write baseline (%.2fx with its "
				+ "closes on another thread); create p50 %.2fx the create baseline%n",
				percentile(wake, 50) / percentile(rawOpen, 50), percentile(wake, 50) / percentile(rawWake, 50),
				percentile(wake, 50) / percentile(rawWakeClosedApart, 50),
				percentile(create, 50) / percentile(rawCreate, 50));
	}

	/**
	 * Opens each raw file in turn, reads its row, writes {@code {"count":value}} and commits, keeping 256 files open;
	 * the oldest is closed after the timing, on this thread or, as the runtime's {@code ConnectionCloser} does, on
	 * four others with a backlog of 32 closes (then on this thread).
	 */
	private static long[] rawWake(Path raw, int count, boolean closeApart, int value) throws Exception {
		long[] latencies = new long[count];
		org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
		config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
		config.setBusyTimeout(5000);
		config.setJournalSizeLimit(0);
		byte[] state = ("{\"count\":" + value + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
		java.util.concurrent.ThreadPoolExecutor closer = new java.util.concurrent.ThreadPoolExecutor(4, 4, 30,
				TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(32),
				new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
		java.util.ArrayDeque<Connection> open = new java.util.ArrayDeque<>();
		try {
			for (int i = 0; i < count; i++) {
				long started = System.nanoTime();
				Connection connection = config.createConnection("jdbc:sqlite:" + raw.resolve(i + ".db"));
				open.add(connection);
				try (PreparedStatement select = connection.prepareStatement("SELECT state FROM t WHERE id = 1");
						ResultSet rows = select.executeQuery()) {
					rows.next();
					rows.getBytes(1);
				}
				try (Statement statement = connection.createStatement();
						PreparedStatement update = connection.prepareStatement("UPDATE t SET state = ? WHERE id = 1")) {
					statement.execute("BEGIN IMMEDIATE");
					update.setBytes(1, state);
					update.executeUpdate();
					statement.execute("COMMIT");
				}
				latencies[i] = System.nanoTime() - started;
				if (open.size() > 256) {
					Connection oldest = open.poll();
					if (closeApart) {
						closer.execute(() -> closeQuietly(oldest));
					}
					else {
						oldest.close();
					}
				}
			}
		}
		finally {
			open.forEach(LifecycleBenchmark::closeQuietly);
			closer.shutdown();
			if (!closer.awaitTermination(5, TimeUnit.MINUTES)) {
				System.err.println("The raw baseline's closes did not finish within 5 minutes");
			}
		}
		return latencies;
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (java.sql.SQLException ex) {
			System.err.println("Could not close a raw baseline's connection: " + ex);
		}
	}

	private static void memory(int count) throws Exception {
		try (ActorTestKit kit = ActorTestKit.builder().actor(new CounterActor()).inMemory().build()) {
			ActorRuntime runtime = kit.runtime();
			long before = usedHeap();
			for (int start = 0; start < count; start += 1000) {
				List<CompletableFuture<byte[]>> calls = new ArrayList<>(1000);
				for (int i = start; i < Math.min(count, start + 1000); i++) {
					calls.add(runtime.call("counter", "m" + i, "increment", ONE, null));
				}
				calls.forEach(CompletableFuture::join);
			}
			long awake = usedHeap();
			int live = runtime.liveInstances("counter");
			List<CompletableFuture<Void>> sleeps = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				sleeps.add(runtime.sleep("counter", "m" + i));
			}
			sleeps.forEach(CompletableFuture::join);
			long asleep = usedHeap();
			System.out.printf("%nHeap (after full GC), in-memory state store:%n");
			System.out.printf("before: %,d KB; %,d awake actors: %,d KB (+%,d KB, %,d bytes each); all asleep: %,d KB "
					+ "(%,d live instances)%n", before / 1024, live, awake / 1024, (awake - before) / 1024,
					(awake - before) / Math.max(1, live), asleep / 1024, runtime.liveInstances("counter"));
		}
	}

	private static void tell(int count) throws Exception {
		try (ActorTestKit kit = ActorTestKit.builder().actor(new CounterActor()).inMemory().build()) {
			ActorRuntime runtime = kit.runtime();
			int window = 500;
			for (int round = 0; round < 2; round++) {
				long started = System.nanoTime();
				for (int sent = 0; sent < count; sent += window) {
					for (int i = 0; i < window; i++) {
						runtime.tell("counter", "sink", "increment", ONE);
					}
					runtime.call("counter", "sink", "get", null, null).join();
				}
				double tellRate = count / ((System.nanoTime() - started) / 1e9);
				ForkJoinPool pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
				AtomicLong sink = new AtomicLong();
				started = System.nanoTime();
				for (int sent = 0; sent < count; sent += window) {
					List<CompletableFuture<Void>> batch = new ArrayList<>(window);
					for (int i = 0; i < window; i++) {
						batch.add(CompletableFuture.runAsync(sink::incrementAndGet, pool));
					}
					batch.forEach(CompletableFuture::join);
				}
				double poolRate = count / ((System.nanoTime() - started) / 1e9);
				pool.shutdown();
				if (round == 1) {
					System.out.printf("%ntell, windows of %d then one call, in-memory store: %,.0f messages/s; "
							+ "baseline (the same tasks on a bare 2-thread ForkJoinPool): %,.0f/s; ratio %.2fx%n", window,
							tellRate, poolRate, tellRate / poolRate);
				}
			}
		}
	}

	/**
	 * What handing a caller's answer to the client's executor costs ({@code ActorClient} futures complete there, never
	 * on the mailbox thread): calls through an {@code ActorClient} whose executor is the starter's default (a
	 * fork-join pool of its own) against the same client completing answers on the thread that gives them.
	 */
	private static void clientCalls(int count) throws Exception {
		try (ActorTestKit kit = ActorTestKit.builder().actor(new CounterActor()).inMemory().build()) {
			ActorRuntime runtime = kit.runtime();
			int threads = Runtime.getRuntime().availableProcessors();
			// as the starter's actorClientExecutor
			ForkJoinPool pool = new ForkJoinPool(threads, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true, 0,
					threads + 256, 1, (p) -> true, 60, TimeUnit.SECONDS);
			ActorClient handedOff = new DefaultActorClient(runtime, pool);
			ActorClient inline = new DefaultActorClient(runtime, Runnable::run);
			long[] handedOffNanos = new long[count];
			long[] inlineNanos = new long[count];
			double handedOffRate = 0;
			double inlineRate = 0;
			for (int round = 0; round < 3; round++) {
				sequentialCalls(handedOff, handedOffNanos);
				sequentialCalls(inline, inlineNanos);
				handedOffRate = windowedCalls(handedOff, count * 10);
				inlineRate = windowedCalls(inline, count * 10);
			}
			pool.shutdown();
			System.out.printf("%nActorClient calls, in-memory store, p50 one at a time, then calls/s in windows of 500:%n");
			System.out.printf("answers completed on the client's executor: %.3f ms, %,.0f/s; on the answering thread: "
					+ "%.3f ms, %,.0f/s; ratios %.2fx p50, %.2fx calls/s%n", percentile(handedOffNanos, 50), handedOffRate,
					percentile(inlineNanos, 50), inlineRate, percentile(handedOffNanos, 50) / percentile(inlineNanos, 50),
					handedOffRate / inlineRate);
		}
	}

	private static void sequentialCalls(ActorClient client, long[] nanos) {
		ActorHandle counter = client.get("counter", "client");
		for (int i = 0; i < nanos.length; i++) {
			long started = System.nanoTime();
			counter.call(Long.class, "increment", 1).join();
			nanos[i] = System.nanoTime() - started;
		}
	}

	private static double windowedCalls(ActorClient client, int count) {
		ActorHandle counter = client.get("counter", "client");
		int window = 500;
		long started = System.nanoTime();
		for (int sent = 0; sent < count; sent += window) {
			List<CompletableFuture<Long>> batch = new ArrayList<>(window);
			for (int i = 0; i < window; i++) {
				batch.add(counter.call(Long.class, "increment", 1));
			}
			batch.forEach(CompletableFuture::join);
		}
		return count / ((System.nanoTime() - started) / 1e9);
	}

	private static long usedHeap() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void row(String name, long[] nanos) {
		System.out.printf("%-58s %8.3f %8.3f%n", name, percentile(nanos, 50), percentile(nanos, 99));
	}

	private static double percentile(long[] nanos, int p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
	}

	private static int intArg(String[] args, int index, int fallback) {
		return (args.length > index) ? Integer.parseInt(args[index]) : fallback;
	}

}
