package dev.actorspring.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.actorspring.benchmarks.http.CounterActor;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.test.ActorTestKit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Durable increments in process (no HTTP): each call goes through the mailbox, runs the action, and is answered
 * only after the SQLite commit that holds it. Callers keep {@link #IN_FLIGHT} calls outstanding so that group
 * commit can work, as concurrent HTTP clients would. The baseline, in the same run, is the naive design: one
 * SQLite transaction (WAL, synchronous=NORMAL) per increment on one connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DurableActionBenchmark {

	static final int IN_FLIGHT = 512;

	private static final JsonNode ONE = JsonNodeFactory.instance.arrayNode().add(1);

	private ActorTestKit kit;

	private ActorRuntime runtime;

	private Connection sqlite;

	private PreparedStatement update;

	private Path baselineDir;

	/** {@code actor.max-open-files}: below 1,000 the 1,000 actors keep closing and reopening their files. */
	@org.openjdk.jmh.annotations.Param({ "256", "2048" })
	public int maxOpenFiles;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.kit = ActorTestKit.builder().actor(new CounterActor()).maxOpenFiles(this.maxOpenFiles).build();
		this.runtime = this.kit.runtime();
		this.baselineDir = Files.createTempDirectory("baseline");
		this.sqlite = DriverManager.getConnection("jdbc:sqlite:" + this.baselineDir.resolve("counter.db"));
		try (Statement statement = this.sqlite.createStatement()) {
			statement.execute("PRAGMA journal_mode=WAL");
			statement.execute("PRAGMA synchronous=NORMAL");
			statement.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, count INTEGER NOT NULL)");
			statement.execute("INSERT INTO counter VALUES (1, 0)");
		}
		this.update = this.sqlite.prepareStatement("UPDATE counter SET count = count + 1 WHERE id = 1");
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.update.close();
		this.sqlite.close();
		this.kit.close();
	}

	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public void oneHotActor() {
		List<CompletableFuture<byte[]>> calls = new ArrayList<>(IN_FLIGHT);
		for (int i = 0; i < IN_FLIGHT; i++) {
			calls.add(this.runtime.call("counter", "hot", "increment", ONE, null));
		}
		calls.forEach(CompletableFuture::join);
	}

	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public void thousandActors() {
		List<CompletableFuture<byte[]>> calls = new ArrayList<>(IN_FLIGHT);
		for (int i = 0; i < IN_FLIGHT; i++) {
			calls.add(this.runtime.call("counter", "k" + (i % 1000), "increment", ONE, null));
		}
		calls.forEach(CompletableFuture::join);
	}

	@Benchmark
	public int baselineOneSqliteCommitPerIncrement() throws Exception {
		return this.update.executeUpdate();
	}

}
