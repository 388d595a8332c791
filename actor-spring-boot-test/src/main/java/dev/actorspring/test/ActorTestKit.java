package dev.actorspring.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.actorspring.api.ActorClient;
import dev.actorspring.client.DefaultActorClient;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.persistence.InMemoryStateStore;
import dev.actorspring.persistence.StateStore;
import dev.actorspring.persistence.sqlite.SqliteMigrations;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import dev.actorspring.runtime.ActorRegistry;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.definition.ActorDefinitionFactory;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

/**
 * Runs {@code @Actor} classes in a unit test, without HTTP and without a Spring context: the same runtime,
 * mailboxes and SQLite store (in a temporary directory) as in the application, a clock the test moves (so
 * durable schedules fire without waiting), and every broadcast recorded.
 *
 * <pre class="code">
 * try (ActorTestKit kit = ActorTestKit.of(new ChatRoom())) {
 *     TestActor room = kit.actor("chatRoom", "general");
 *     Message sent = room.call(Message.class, "sendMessage", "alice", "hi");
 *     assertThat(room.events()).extracting(RecordedEvent::name).containsExactly("newMessage");
 *     room.sleep();                                   // state reloaded and @CreateVars run on the next call
 *     kit.advanceTime(Duration.ofMinutes(5));         // runs the schedules due by then
 * }
 * </pre>
 */
public final class ActorTestKit implements AutoCloseable {

	private final ActorRuntime runtime;

	private final DefaultActorClient client;

	private final ActorCodec codec;

	private final MutableClock clock;

	private final ForkJoinPool executor;

	private final ScheduledThreadPoolExecutor timer;

	private final @Nullable Path ownedDataDir;

	private final Map<List<String>, List<RecordedEvent>> events = new ConcurrentHashMap<>();

	private ActorTestKit(Builder builder) {
		this.codec = new ActorCodec(builder.jsonMapper);
		this.clock = new MutableClock(builder.start);
		this.ownedDataDir = (builder.dataDir == null && !builder.inMemory) ? temporaryDirectory() : null;
		StateStore store = builder.inMemory ? new InMemoryStateStore()
				: new SqliteStateStore((builder.dataDir != null) ? builder.dataDir : this.ownedDataDir,
						SQLiteConfig.SynchronousMode.NORMAL, builder.maxOpenFiles,
						SqliteMigrations.scan(Thread.currentThread().getContextClassLoader()));
		this.executor = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
		this.timer = new ScheduledThreadPoolExecutor(1);
		ActorRegistry registry = new ActorRegistry();
		ActorDefinitionFactory definitions = new ActorDefinitionFactory(this.codec);
		builder.actors.forEach((bean) -> registry.register(definitions.create(bean)));
		DefaultActorClient[] client = new DefaultActorClient[1];
		this.runtime = ActorRuntime.builder()
			.registry(registry)
			.codec(this.codec)
			.store(store)
			.executor(this.executor)
			.timer(this.timer)
			.sleepTimeout(Duration.ofDays(365))
			.client(() -> client[0])
			.scheduleRetries(builder.maxAttempts, builder.retryBackoff)
			.scheduleClock(this.clock, false)
			.eventTap((actorName, key, eventName, argsJson) -> this.events
				.computeIfAbsent(List.of(actorName, key), (id) -> new CopyOnWriteArrayList<>())
				.add(new RecordedEvent(eventName, this.codec.parse(argsJson))))
			.build();
		// callers' continuations run as tasks of their own on the mailbox pool, never inside an actor's turn
		client[0] = new DefaultActorClient(this.runtime, this.executor);
		this.client = client[0];
		this.runtime.start();
	}

	/**
	 * A kit running the given actors on a SQLite store in a temporary directory.
	 * @param actors instances of {@code @Actor} classes, with their dependencies already set
	 * @return the kit
	 */
	public static ActorTestKit of(Object... actors) {
		Builder builder = builder();
		for (Object actor : actors) {
			builder.actor(actor);
		}
		return builder.build();
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * An instance, created on its first call.
	 * @param actorName the actor type name
	 * @param key the key
	 * @return the instance
	 */
	public TestActor actor(String actorName, String key) {
		return new TestActor(this, actorName, key);
	}

	/**
	 * A typed proxy, as {@link ActorClient#proxy(Class, String)}.
	 * @param <T> the interface
	 * @param api the interface, annotated with {@code @ActorProxy}
	 * @param key the key
	 * @return the proxy
	 */
	public <T> T proxy(Class<T> api, String key) {
		return this.client.proxy(api, key);
	}

	public ActorClient client() {
		return this.client;
	}

	/**
	 * The time of the schedule clock.
	 * @return now, as the actors see it
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Moves the clock forward and runs every schedule due by then, waiting until they committed. Schedules
	 * that become due along the way (retries, schedules set by scheduled actions) run in the same call.
	 * @param duration how far to move
	 */
	public void advanceTime(Duration duration) {
		this.clock.advance(duration);
		for (int round = 0; round < 1000; round++) {
			if (wait(this.runtime.fireDueSchedules()) == 0) {
				return;
			}
		}
		throw new IllegalStateException("Schedules keep coming due; is a scheduled action rescheduling itself at once?");
	}

	/**
	 * The runtime underneath, for tests and benchmarks that call it directly (for example with many calls in
	 * flight at once).
	 * @return the runtime
	 */
	public ActorRuntime runtime() {
		return this.runtime;
	}

	ActorCodec codec() {
		return this.codec;
	}

	List<RecordedEvent> events(String actorName, String key) {
		return this.events.getOrDefault(List.of(actorName, key), List.of());
	}

	void clearEvents(String actorName, String key) {
		this.events.remove(List.of(actorName, key));
	}

	static <T> T wait(CompletableFuture<T> future) {
		try {
			return future.get(30, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			throw new IllegalStateException(cause);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("No answer within 30 s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.runtime.stop(Duration.ofSeconds(10));
		this.executor.shutdown();
		this.timer.shutdownNow();
		if (this.ownedDataDir != null) {
			try {
				FileSystemUtils.deleteRecursively(this.ownedDataDir);
			}
			catch (IOException ex) {
				// a temporary directory left behind
			}
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("actor-test-kit");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Builds an {@link ActorTestKit}.
	 */
	public static final class Builder {

		private final List<Object> actors = new ArrayList<>();

		private JsonMapper jsonMapper = JsonMapper.builder().build();

		private @Nullable Path dataDir;

		private boolean inMemory;

		private Instant start = Instant.parse("2026-01-01T00:00:00Z");

		private int maxAttempts = 5;

		private Duration retryBackoff = Duration.ofSeconds(1);

		private int maxOpenFiles;

		private Builder() {
		}

		/** Bounds the SQLite files open at once, as {@code actor.max-open-files} does (0, the default, derives it from the process's file descriptor limit). */
		public Builder maxOpenFiles(int maxOpenFiles) {
			this.maxOpenFiles = maxOpenFiles;
			return this;
		}

		/** Adds an actor (an instance of an {@code @Actor} class). */
		public Builder actor(Object actor) {
			this.actors.add(actor);
			return this;
		}

		/** Uses the application's Jackson configuration. */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/** Keeps the SQLite files in this directory (kept after {@link ActorTestKit#close()}). */
		public Builder dataDir(Path dataDir) {
			this.dataDir = dataDir;
			return this;
		}

		/** Keeps state in memory instead of SQLite. */
		public Builder inMemory() {
			this.inMemory = true;
			return this;
		}

		/** Starts the clock at this time. */
		public Builder startingAt(Instant start) {
			this.start = start;
			return this;
		}

		/** Sets the retry policy of failing scheduled actions. */
		public Builder scheduleRetries(int maxAttempts, Duration backoff) {
			this.maxAttempts = maxAttempts;
			this.retryBackoff = backoff;
			return this;
		}

		public ActorTestKit build() {
			return new ActorTestKit(this);
		}

	}

	/** A clock the test moves. */
	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant start) {
			this.now = start;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
