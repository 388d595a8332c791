package dev.actorspring.sample.chat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once over crashes, as a client that retries would get it: writers post chat messages, each with an
 * {@code Idempotency-Key} of its own, and retry every call that got no answer (the server was killed) or a
 * retryable one, with the same key, until it is acknowledged. The sample runs as a child JVM that is killed with
 * SIGKILL at random moments and restarted, three times. Afterwards every message is in its room exactly once (no
 * retry applied twice, nothing acknowledged lost), and so is every one of the last messages sent again after the
 * last restart, as a client that never saw their answers would.
 */
class ChatExactlyOnceTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int WRITERS = 4;

	private static final String[] ROOMS = { "lobby", "ops" };

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private volatile int port;

	@Test
	void everyMessageIsAppliedExactlyOnceThroughKillDashNineAndRetries() throws Exception {
		Map<String, String> sent = new ConcurrentHashMap<>(); // idempotency key -> room
		AtomicInteger retries = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		Random random = new Random(7);
		this.port = freePort();
		Process app = start(this.port);
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		List<Future<?>> running = new ArrayList<>();
		try {
			awaitUp(app);
			for (int w = 0; w < WRITERS; w++) {
				int writer = w;
				running.add(writers.submit(() -> write(writer, sent, retries, stop)));
			}
			for (int round = 0; round < 3; round++) {
				Thread.sleep(400 + random.nextInt(1200));
				app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
				this.port = freePort();
				app = start(this.port);
				awaitUp(app);
			}
			Thread.sleep(500);
			stop.set(true);
			for (Future<?> writer : running) {
				writer.get(120, TimeUnit.SECONDS);
			}

			// a client that never saw the answers of its last calls sends them again, after the restart
			List<String> keys = new ArrayList<>(sent.keySet());
			for (String key : keys.subList(Math.max(0, keys.size() - 20), keys.size())) {
				assertThat(post(sent.get(key), key).statusCode()).isEqualTo(200);
			}

			Map<String, Integer> copies = new HashMap<>();
			for (String room : ROOMS) {
				List<JsonNode> messages = history(room);
				for (JsonNode message : messages) {
					copies.merge(message.get("text").asString(), 1, Integer::sum);
				}
				JsonNode count = JSON.readTree(call(room, "messageCount").body()).get("output");
				assertThat(count.asLong()).as("messageCount of %s, committed with its rows", room)
					.isEqualTo(messages.size());
			}
			assertThat(sent).as("messages sent").hasSizeGreaterThan(50);
			assertThat(retries.get()).as("calls sent again after a crash").isPositive();
			assertThat(copies.keySet()).isEqualTo(sent.keySet());
			assertThat(copies).allSatisfy((text, n) -> assertThat(n).as("copies of %s", text).isEqualTo(1));
			System.out.println("Exactly once: " + sent.size() + " messages, " + retries.get()
					+ " calls sent again after a crash or a retryable answer, 20 sent again after the last restart");
		}
		finally {
			stop.set(true);
			writers.shutdownNow();
			app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	/** Sends messages one after another, each until it is acknowledged; the text is the idempotency key. */
	private void write(int writer, Map<String, String> sent, AtomicInteger retries, AtomicBoolean stop) {
		for (int i = 0; !stop.get(); i++) {
			String key = "w" + writer + "-" + i;
			String room = ROOMS[i % ROOMS.length];
			sent.put(key, room);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
			for (int attempt = 0;; attempt++) {
				if (attempt > 0) {
					retries.incrementAndGet();
				}
				try {
					int status = post(room, key).statusCode();
					if (status == 200) {
						break;
					}
					assertThat(status).as("a retryable answer").isIn(408, 429, 503);
				}
				catch (IOException ex) {
					// the server is down: retry once it is back
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				assertThat(System.nanoTime()).as("acknowledged within 90 s: " + key).isLessThan(deadline);
				sleep(50);
			}
		}
	}

	private HttpResponse<String> post(String room, String key) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url("/actors/chatRoom/" + room + "/actions/sendMessage")))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", basic("alice"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString("{\"args\":[\"" + key + "\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> call(String room, String action, Object... args) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url("/actors/chatRoom/" + room + "/actions/" + action)))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", basic("alice"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("args", List.of(args)))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Every message of a room, page by page from the newest. */
	private List<JsonNode> history(String room) throws Exception {
		List<JsonNode> all = new ArrayList<>();
		long before = Long.MAX_VALUE;
		while (true) {
			HttpResponse<String> page = call(room, "getHistory", before, 200);
			assertThat(page.statusCode()).isEqualTo(200);
			JsonNode messages = JSON.readTree(page.body()).get("output");
			if (messages.isEmpty()) {
				return all;
			}
			messages.forEach(all::add);
			before = messages.get(0).get("id").asLong();
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private Process start(int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				ChatApplication.class.getName(), "--server.port=" + port, "--actor.data-dir=" + this.dataDir));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(this.dataDir.toFile(), "app-" + port + ".log"))
			.start();
	}

	private void awaitUp(Process app) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			assertThat(app.isAlive()).as("the application exited; see its log in the data directory").isTrue();
			try {
				HttpResponse<String> health = this.http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
					.timeout(Duration.ofSeconds(10))
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
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

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
