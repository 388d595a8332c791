package dev.actorspring.sample.chat;

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
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the chat sample as a child JVM, sends messages to several rooms from several threads, kills the JVM
 * with SIGKILL at a random moment, restarts it and checks that every acknowledged message is there and every
 * SQLite file is intact. Repeated three times.
 */
class ChatCrashRecoveryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int ROOMS = 6;

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void everyAcknowledgedMessageSurvivesKillDashNine() throws Exception {
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		Random random = new Random(42);
		for (int round = 0; round < 3; round++) {
			int port = freePort();
			Process app = start(port);
			try {
				awaitUp(port, app);
				assertAllPresent(port, acknowledged);
				load(port, round, acknowledged, 300 + random.nextInt(1200));
			}
			finally {
				app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		int port = freePort();
		Process app = start(port);
		try {
			awaitUp(port, app);
			assertAllPresent(port, acknowledged);
		}
		finally {
			app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		assertThat(acknowledged).hasSizeGreaterThan(50);
		assertIntegrity();
	}

	private void load(int port, int round, Set<String> acknowledged, long killAfterMillis) throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService senders = Executors.newFixedThreadPool(4);
		for (int t = 0; t < 4; t++) {
			int thread = t;
			senders.submit(() -> {
				for (int i = 0; !stop.get(); i++) {
					String text = "r" + round + "-t" + thread + "-" + i;
					String room = "room" + (i % ROOMS);
					try {
						HttpResponse<String> response = post(port, "/actors/chatRoom/" + room + "/actions/sendMessage",
								"{\"args\":[\"t" + thread + "\",\"" + text + "\"]}");
						if (response.statusCode() == 200) {
							acknowledged.add(room + "|" + text);
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

	private void assertAllPresent(int port, Set<String> acknowledged) throws Exception {
		Set<String> stored = new HashSet<>();
		for (int r = 0; r < ROOMS; r++) {
			String room = "room" + r;
			JsonNode history = JSON.readTree(post(port, "/actors/chatRoom/" + room + "/actions/getHistory", "").body())
				.get("output");
			history.forEach((message) -> stored.add(room + "|" + message.get("text").asString()));
		}
		assertThat(stored).containsAll(acknowledged);
	}

	private void assertIntegrity() throws Exception {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(this.dataDir)) {
			files = walk.filter((path) -> path.toString().endsWith(".db")).toList();
		}
		// the rooms, the "probe" room used to wait for startup, and the runtime's schedule index
		assertThat(files.stream().filter((file) -> file.getParent().endsWith("chatRoom"))).hasSize(ROOMS + 1);
		assertThat(files).anyMatch((file) -> file.endsWith("_schedules.db"));
		for (Path file : files) {
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
					ResultSet rows = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
				rows.next();
				assertThat(rows.getString(1)).as(file.toString()).isEqualTo("ok");
			}
		}
	}

	private Process start(int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				ChatApplication.class.getName(), "--server.port=" + port, "--actor.data-dir=" + this.dataDir));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(this.dataDir.toFile(), "app-" + port + ".log"))
			.start();
	}

	private void awaitUp(int port, Process app) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			assertThat(app.isAlive()).as("the application exited; see its log in the data directory").isTrue();
			try {
				if (post(port, "/actors/chatRoom/probe/actions/getHistory", "").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				Thread.sleep(200);
			}
		}
		throw new AssertionError("The application did not start within 60 s");
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
