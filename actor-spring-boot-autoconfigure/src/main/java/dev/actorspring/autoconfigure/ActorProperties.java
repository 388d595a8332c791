package dev.actorspring.autoconfigure;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the actor runtime.
 */
@ConfigurationProperties("actor")
public class ActorProperties {

	/**
	 * Directory holding one SQLite file per actor instance, in a folder per actor type.
	 */
	private Path dataDir = Path.of("data");

	/**
	 * Most SQLite files open at once, however many actors are awake; the least recently used are closed and
	 * reopened when needed. Each open file uses three file descriptors and about 200 KB of native memory. 0 (the
	 * default) derives it from the process's file descriptor limit and the memory: a third of half the limit (the
	 * other half stays for sockets), no more than a sixteenth of the memory holds, between 64 and 16,384.
	 */
	private int maxOpenFiles;

	/**
	 * How long an actor with no request and no connection stays awake before it goes to sleep (state on disk,
	 * memory released). Actors may override it with @Actor(sleepTimeout = "...").
	 */
	private Duration sleepTimeout = Duration.ofSeconds(30);

	/**
	 * Most requests waiting in one actor's mailbox; more are refused at once with 429 overloaded and a
	 * Retry-After header.
	 */
	private int mailboxCapacity = 1000;

	/**
	 * Largest state of one actor, as JSON; an action that would exceed it fails with 507 state_too_large and
	 * is rolled back.
	 */
	private DataSize maxStateSize = DataSize.ofMegabytes(16);

	/**
	 * Threads that run actor mailboxes. Zero or less means two per available processor.
	 */
	private int threads = 0;

	/**
	 * Most actions run between two commits of one instance (group commit). One means a commit per action.
	 */
	private int maxBatchSize = 256;

	/**
	 * How long a caller (REST, WebSocket, ActorClient) waits for an action's answer before action_timed_out (REST:
	 * 408), unless the action declares its own @Action(timeout); also how long a WebSocket connect waits.
	 */
	private Duration actionTimeout = Duration.ofSeconds(30);

	/**
	 * How long work passed to ActorContext.keepAwake keeps an idle actor from sleeping at most.
	 */
	private Duration keepAwakeTimeout = Duration.ofMinutes(10);

	/**
	 * How long a graceful shutdown waits for actors to run their sleep hooks and close their files.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	private final Sqlite sqlite = new Sqlite();

	private final Schedule schedule = new Schedule();

	private final Idempotency idempotency = new Idempotency();

	private final Health health = new Health();

	private final Observations observations = new Observations();

	private final Http http = new Http();

	private final Websocket websocket = new Websocket();

	private final Rivetkit rivetkit = new Rivetkit();

	public Rivetkit getRivetkit() {
		return this.rivetkit;
	}

	/**
	 * The RivetKit gateway: RivetKit's official client (rivetkit/client, @rivetkit/react) talks to the actors through
	 * it, with createClient("http://host:8080" + base-path).
	 */
	public static class Rivetkit {

		/**
		 * Whether to serve the RivetKit gateway.
		 */
		private boolean enabled = true;

		/**
		 * Where the gateway is served: the path of the client's endpoint.
		 */
		private String basePath = "/rivet";

		/**
		 * Origin patterns allowed to call the gateway from a browser page of another origin (CORS, with credentials:
		 * RivetKit's client sends cookies to /metadata and /actors); empty means same-origin pages only. WebSocket
		 * connects are checked against actor.websocket.allowed-origins.
		 */
		private List<String> corsAllowedOrigins = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getBasePath() {
			return this.basePath;
		}

		public void setBasePath(String basePath) {
			this.basePath = basePath;
		}

		public List<String> getCorsAllowedOrigins() {
			return this.corsAllowedOrigins;
		}

		public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
			this.corsAllowedOrigins = corsAllowedOrigins;
		}

	}

	public Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(Path dataDir) {
		this.dataDir = dataDir;
	}

	public int getMaxOpenFiles() {
		return this.maxOpenFiles;
	}

	public void setMaxOpenFiles(int maxOpenFiles) {
		this.maxOpenFiles = maxOpenFiles;
	}

	public Duration getSleepTimeout() {
		return this.sleepTimeout;
	}

	public void setSleepTimeout(Duration sleepTimeout) {
		this.sleepTimeout = sleepTimeout;
	}

	public int getMailboxCapacity() {
		return this.mailboxCapacity;
	}

	public void setMailboxCapacity(int mailboxCapacity) {
		this.mailboxCapacity = mailboxCapacity;
	}

	public DataSize getMaxStateSize() {
		return this.maxStateSize;
	}

	public void setMaxStateSize(DataSize maxStateSize) {
		this.maxStateSize = maxStateSize;
	}

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	public int getMaxBatchSize() {
		return this.maxBatchSize;
	}

	public void setMaxBatchSize(int maxBatchSize) {
		this.maxBatchSize = maxBatchSize;
	}

	public Duration getActionTimeout() {
		return this.actionTimeout;
	}

	public void setActionTimeout(Duration actionTimeout) {
		this.actionTimeout = actionTimeout;
	}

	public Duration getKeepAwakeTimeout() {
		return this.keepAwakeTimeout;
	}

	public void setKeepAwakeTimeout(Duration keepAwakeTimeout) {
		this.keepAwakeTimeout = keepAwakeTimeout;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Sqlite getSqlite() {
		return this.sqlite;
	}

	public Schedule getSchedule() {
		return this.schedule;
	}

	public Health getHealth() {
		return this.health;
	}

	public Observations getObservations() {
		return this.observations;
	}

	/**
	 * Observation settings.
	 */
	public static class Observations {

		/**
		 * Whether to wrap each action in an "actor.turn" Micrometer Observation (tracing, log correlation). Unset:
		 * only when Micrometer Tracing is on the class path (without a tracer, the observation would only duplicate
		 * the actor.action timer, at a cost on every action).
		 */
		private @Nullable Boolean enabled;

		/**
		 * Whether to put the actor type and the action in the SLF4J MDC ("actorType", "actorAction") while an
		 * action runs. Unset: only when Micrometer Tracing is on the class path.
		 */
		private @Nullable Boolean logContext;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Boolean getLogContext() {
			return this.logContext;
		}

		public void setLogContext(@Nullable Boolean logContext) {
			this.logContext = logContext;
		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		/**
		 * Free disk space under the data directory below which the actors health indicator reports DOWN.
		 */
		private DataSize minFreeDisk = DataSize.ofMegabytes(64);

		public DataSize getMinFreeDisk() {
			return this.minFreeDisk;
		}

		public void setMinFreeDisk(DataSize minFreeDisk) {
			this.minFreeDisk = minFreeDisk;
		}

	}

	public Idempotency getIdempotency() {
		return this.idempotency;
	}

	/**
	 * How long the outcomes of calls made with an idempotency key are kept.
	 */
	public static class Idempotency {

		/**
		 * How long each actor instance keeps the outcome of a call made with an idempotency key: a retry with the same
		 * key within this time gets the kept outcome instead of running the action again.
		 */
		private Duration retention = Duration.ofHours(24);

		/**
		 * The most idempotency keys one actor instance keeps; the oldest are removed first.
		 */
		private int maxKeys = 10_000;

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public int getMaxKeys() {
			return this.maxKeys;
		}

		public void setMaxKeys(int maxKeys) {
			this.maxKeys = maxKeys;
		}

	}

	/**
	 * Durable schedule settings.
	 */
	public static class Schedule {

		/**
		 * How many times a failing scheduled action runs before it is dropped (and logged).
		 */
		private int maxAttempts = 5;

		/**
		 * Delay before the first retry of a failed scheduled action; doubled for each next retry.
		 */
		private Duration retryBackoff = Duration.ofSeconds(1);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

	}

	public Http getHttp() {
		return this.http;
	}

	public Websocket getWebsocket() {
		return this.websocket;
	}

	/**
	 * SQLite settings.
	 */
	public static class Sqlite {

		/**
		 * SQLite synchronous mode. NORMAL survives a crash of the process (kill -9); FULL also survives power
		 * loss, at the cost of an fsync per commit.
		 */
		private Synchronous synchronous = Synchronous.NORMAL;

		public Synchronous getSynchronous() {
			return this.synchronous;
		}

		public void setSynchronous(Synchronous synchronous) {
			this.synchronous = synchronous;
		}

	}

	/**
	 * SQLite synchronous modes offered.
	 */
	public enum Synchronous {

		/** Durable across process crashes; a power loss may lose the last commits. */
		NORMAL,

		/** Durable across power loss. */
		FULL

	}

	/**
	 * REST endpoint settings.
	 */
	public static class Http {

		/**
		 * Whether to serve actions over REST under /actors.
		 */
		private boolean enabled = true;

		/**
		 * Largest accepted request body; larger ones get 413 incoming_too_long.
		 */
		private DataSize maxBodySize = DataSize.ofMegabytes(1);

		/**
		 * Whether keys may contain '/' and backslashes sent as %2F and %5C (compound keys need both): lets Tomcat pass
		 * encoded slashes and backslashes through to the actor routes instead of rejecting them.
		 */
		private boolean encodedSlashInKeys = true;

		/**
		 * Origin patterns allowed to call the REST endpoints from a browser (CORS); empty means none.
		 */
		private List<String> corsAllowedOrigins = new ArrayList<>();

		/**
		 * How long browsers may cache a CORS preflight answer.
		 */
		private Duration corsMaxAge = Duration.ofMinutes(30);

		/**
		 * Whether an action called over REST may run on the request's thread, which would otherwise only wait for
		 * the answer: when the actor is awake, idle, and its last turn took one message and under 1 ms (on a single
		 * node). Such a turn answers when it ends, even after the action's timeout.
		 */
		private boolean turnsOnRequestThread = true;

		public boolean isTurnsOnRequestThread() {
			return this.turnsOnRequestThread;
		}

		public void setTurnsOnRequestThread(boolean turnsOnRequestThread) {
			this.turnsOnRequestThread = turnsOnRequestThread;
		}

		public List<String> getCorsAllowedOrigins() {
			return this.corsAllowedOrigins;
		}

		public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
			this.corsAllowedOrigins = corsAllowedOrigins;
		}

		public Duration getCorsMaxAge() {
			return this.corsMaxAge;
		}

		public void setCorsMaxAge(Duration corsMaxAge) {
			this.corsMaxAge = corsMaxAge;
		}

		public boolean isEncodedSlashInKeys() {
			return this.encodedSlashInKeys;
		}

		public void setEncodedSlashInKeys(boolean encodedSlashInKeys) {
			this.encodedSlashInKeys = encodedSlashInKeys;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

	}

	/**
	 * WebSocket endpoint settings.
	 */
	public static class Websocket {

		/**
		 * Whether to serve connections at /actors/{name}/{key}/connect.
		 */
		private boolean enabled = true;

		/**
		 * Origin patterns allowed to open connections (CORS for WebSocket), such as "https://*.example.com". Empty
		 * means same origin only; "*" allows all.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Largest accepted incoming text frame.
		 */
		private DataSize maxFrameSize = DataSize.ofKilobytes(64);

		/**
		 * How long one frame to a slow client may take to send before the connection is closed.
		 */
		private Duration sendTimeLimit = Duration.ofSeconds(10);

		/**
		 * Most frames (counted in characters, or bytes for binary frames) waiting for a slow client before the connection is closed.
		 */
		private DataSize sendBufferSize = DataSize.ofMegabytes(1);

		/**
		 * Most WebSocket connections to one actor instance; more are refused with too_many_connections.
		 */
		private int maxConnectionsPerActor = 10_000;

		/**
		 * Largest connection params (the URL-encoded "params" query parameter).
		 */
		private DataSize maxParamsSize = DataSize.ofKilobytes(4);

		public int getMaxConnectionsPerActor() {
			return this.maxConnectionsPerActor;
		}

		public void setMaxConnectionsPerActor(int maxConnectionsPerActor) {
			this.maxConnectionsPerActor = maxConnectionsPerActor;
		}

		public DataSize getMaxParamsSize() {
			return this.maxParamsSize;
		}

		public void setMaxParamsSize(DataSize maxParamsSize) {
			this.maxParamsSize = maxParamsSize;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public Duration getSendTimeLimit() {
			return this.sendTimeLimit;
		}

		public void setSendTimeLimit(Duration sendTimeLimit) {
			this.sendTimeLimit = sendTimeLimit;
		}

		public DataSize getSendBufferSize() {
			return this.sendBufferSize;
		}

		public void setSendBufferSize(DataSize sendBufferSize) {
			this.sendBufferSize = sendBufferSize;
		}

	}

}
