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
 * The cost of a turn that uses SQL: an action doing one {@code INSERT} through {@code ctx.sql()} (and counting it in
 * its state), called with {@link #IN_FLIGHT} calls outstanding so that turns commit in groups, against raw JDBC
 * doing the same inserts on one connection with the same grouping: one transaction per {@link #GROUP} inserts
 * (the runtime's default batch), WAL, synchronous=NORMAL, one prepared statement reused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SqlTurnBenchmark {

	static final int IN_FLIGHT = 512;

	static final int GROUP = 256;

	private static final JsonNode TEXT = JsonNodeFactory.instance.arrayNode().add("hello world");

	private ActorTestKit kit;

	private ActorRuntime runtime;

	private Connection sqlite;

	private PreparedStatement insert;

	private Statement control;

	private Path baselineDir;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.kit = ActorTestKit.of(new JournalActor());
		this.runtime = this.kit.runtime();
		this.baselineDir = Files.createTempDirectory("baseline");
		this.sqlite = DriverManager.getConnection("jdbc:sqlite:" + this.baselineDir.resolve("journal.db"));
		this.control = this.sqlite.createStatement();
		this.control.execute("PRAGMA journal_mode=WAL");
		this.control.execute("PRAGMA synchronous=NORMAL");
		this.control.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
		this.insert = this.sqlite.prepareStatement("INSERT INTO entries (text) VALUES (?)");
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.insert.close();
		this.control.close();
		this.sqlite.close();
		this.kit.close();
	}

	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public void sqlTurnsOnOneActor() {
		List<CompletableFuture<byte[]>> calls = new ArrayList<>(IN_FLIGHT);
		for (int i = 0; i < IN_FLIGHT; i++) {
			calls.add(this.runtime.call("journal", "hot", "append", TEXT, null));
		}
		calls.forEach(CompletableFuture::join);
	}

	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public void baselineRawJdbcSameGrouping() throws Exception {
		for (int group = 0; group < IN_FLIGHT / GROUP; group++) {
			this.control.execute("BEGIN");
			for (int i = 0; i < GROUP; i++) {
				this.insert.setString(1, "hello world");
				this.insert.executeUpdate();
			}
			this.control.execute("COMMIT");
		}
	}

}
