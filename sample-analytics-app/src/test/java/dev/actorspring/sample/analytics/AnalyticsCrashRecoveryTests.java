package dev.actorspring.sample.analytics;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the analytics sample as a child JVM, sends page views to several hour shards from several threads (as
 * actions, and through each shard's durable queue), kills the JVM with SIGKILL at a random moment, restarts it,
 * three times over. Then checks that every acknowledged page view is counted on disk (a queued one once the
 * restarted shard consumed it), that no shard lost its durable close schedule (in its own file
 * and in the schedule index), and that every SQLite file passes {@code PRAGMA integrity_check}.
 */
class AnalyticsCrashRecoveryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int SHARDS = 6;

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void everyAcknowledgedIncrementAndEverySchedulesSurvivesKillDashNine() throws Exception {
		AtomicLongArray acknowledged = new AtomicLongArray(SHARDS);
		AtomicLongArray attempted = new AtomicLongArray(SHARDS);
		Random random = new Random(42);
		for (int round = 0; round < 3; round++) {
			int port = freePort();
			Process app = start(port);
			try {
				awaitUp(port, app);
				load(port, acknowledged, attempted, 300 + random.nextInt(1200));
			}
			finally {
				app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		int port = freePort();
		Process app = start(port);
		try {
			awaitUp(port, app);
			for (int shard = 0; shard < SHARDS; shard++) {
				String path = "/actors/hourlyAnalytics/" + hour(shard) + "/actions/getStats";
				long expected = acknowledged.get(shard);
				// the queued views acknowledged before a kill are counted once the restarted shard consumed them
				org.awaitility.Awaitility.await("shard " + shard + " to count its queued views")
					.atMost(Duration.ofSeconds(30))
					.until(() -> JSON.readTree(post(port, path, "").body()).get("output").get("total").asLong() >= expected);
				JsonNode stats = JSON.readTree(post(port, "/actors/hourlyAnalytics/" + hour(shard) + "/actions/getStats", "")
					.body()).get("output");
				assertThat(stats.get("total").asLong()).as("shard %d", shard)
					.isBetween(acknowledged.get(shard), attempted.get(shard));
				long rows = 0;
				for (JsonNode views : stats.get("viewsByUrl")) {
					rows += views.asLong();
				}
				assertThat(rows).as("event rows of shard %d, committed with its total", shard)
					.isEqualTo(stats.get("total").asLong());
			}
		}
		finally {
			app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		long total = 0;
		for (int shard = 0; shard < SHARDS; shard++) {
			total += acknowledged.get(shard);
		}
		assertThat(total).as("acknowledged page views").isGreaterThan(50);
		assertSchedulesAndIntegrity();
	}

	private void load(int port, AtomicLongArray acknowledged, AtomicLongArray attempted, long killAfterMillis)
			throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService senders = Executors.newFixedThreadPool(4);
		for (int t = 0; t < 4; t++) {
			int thread = t;
			senders.submit(() -> {
				for (int i = 0; !stop.get(); i++) {
					int shard = (thread + i) % SHARDS;
					attempted.incrementAndGet(shard);
					try {
						String view = "{\"type\":\"page_view\",\"url\":\"/p" + (i % 7) + "\"}";
						// half as actions (acknowledged when counted), half through the shard's durable queue
						// (acknowledged when the message is in the shard's file, counted right after)
						HttpResponse<String> response = (i % 2 == 0)
								? post(port, "/actors/hourlyAnalytics/" + hour(shard) + "/actions/trackEvent",
										"{\"args\":[" + view + "]}")
								: post(port, "/actors/hourlyAnalytics/" + hour(shard) + "/queues/ingest",
										"{\"body\":" + view + "}");
						if (response.statusCode() == 200 || response.statusCode() == 202) {
							acknowledged.incrementAndGet(shard);
						}
					}
					catch (IOException ex) {
						return;
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			});
		}
		Thread.sleep(killAfterMillis);
		stop.set(true);
		senders.shutdown();
	}

	private void assertSchedulesAndIntegrity() throws Exception {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(this.dataDir)) {
			files = walk.filter((path) -> path.toString().endsWith(".db")).toList();
		}
		Map<String, Integer> schedulesByShard = new HashMap<>();
		for (Path file : files) {
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
				try (ResultSet rows = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
					rows.next();
					assertThat(rows.getString(1)).as(file.toString()).isEqualTo("ok");
				}
				if (file.getParent().endsWith("hourlyAnalytics")) {
					try (ResultSet rows = connection.createStatement()
						.executeQuery("SELECT actor_key, schedules FROM _actor")) {
						rows.next();
						JsonNode schedules = JSON.readTree(rows.getString(2));
						schedulesByShard.put(rows.getString(1), schedules.size());
						assertThat(schedules.get(0).get("action").asString()).isEqualTo("close");
					}
				}
			}
		}
		List<String> indexed = new ArrayList<>();
		try (Connection index = DriverManager.getConnection("jdbc:sqlite:" + this.dataDir.resolve("_schedules.db"));
				ResultSet rows = index.createStatement().executeQuery("SELECT actor_key FROM schedule_index")) {
			while (rows.next()) {
				indexed.add(rows.getString(1));
			}
		}
		for (int shard = 0; shard < SHARDS; shard++) {
			assertThat(schedulesByShard).as("close schedule of %s", hour(shard)).containsEntry(hour(shard), 1);
			assertThat(indexed).as("schedule index").contains(hour(shard));
		}
	}

	private static String hour(int shard) {
		return "2030-01-01T0" + shard;
	}

	private Process start(int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				AnalyticsApplication.class.getName(), "--server.port=" + port, "--actor.data-dir=" + this.dataDir));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(this.dataDir.toFile(), "app-" + port + ".log"))
			.start();
	}

	private void awaitUp(int port, Process app) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			assertThat(app.isAlive()).as("the application exited; see its log in the data directory").isTrue();
			try {
				if (http("/actuator/health", port).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("The application did not start within 60 s");
	}

	private HttpResponse<String> http(String path, int port) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
