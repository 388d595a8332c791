package dev.actorspring.it.websocket;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.RawWebSocketClient;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.WebSocketTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber that stops reading (a frozen tab, a dead network) must cost neither the actor nor the other
 * subscribers anything: the server buffers up to {@code actor.websocket.send-buffer-size} for it, then closes it.
 * Before, the send blocked the actor's thread for up to the send time limit, and the actions timed out.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "actor.websocket.send-buffer-size=256KB", "actor.websocket.send-time-limit=60s",
				"actor.action-timeout=5s" })
class SlowSubscriberTests {

	private static final int MESSAGES = 300;

	/** How many events the fast subscriber may be behind: 3 x 40,000 characters, under the 256 KB send buffer. */
	private static final int LAG = 3;

	/** 300 events of 40,000 characters: 12 MB, more than the loopback socket buffers and the send buffer hold. */
	private static final String TEXT = "x".repeat(40_000);

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Test
	void aSubscriberThatStopsReadingIsClosedWhileTheActorAndTheOthersGoOn() throws Exception {
		HttpActorClient rest = new HttpActorClient(this.port);
		try (RawWebSocketClient slow = RawWebSocketClient.connect(this.port, "room", "busy", user("slow"));
				WebSocketTestClient fast = WebSocketTestClient.connect(this.port, "room", "busy", user("fast"))) {
			// the slow one subscribes, waits for the answer to a request sent after it, and then reads nothing more
			slow.send("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"said\",\"subscribe\":true}}}");
			slow.send("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"\",\"subscribe\":true}}}");
			slow.awaitText("needs an eventName");
			fast.subscribe("said");

			ExecutorService reader = Executors.newSingleThreadExecutor();
			AtomicInteger seen = new AtomicInteger();
			Future<List<String>> received = reader.submit(() -> saidEvents(fast, seen));
			for (int i = 0; i < MESSAGES; i++) {
				// the fast subscriber keeps up: it is never more than a few events (far less than the send buffer)
				// behind, however slowly the machine runs its reading thread
				int behind = i - LAG;
				await("the fast subscriber to read event " + behind).atMost(Duration.ofSeconds(10))
					.until(() -> seen.get() >= behind);
				rest.call("room", "busy", "announce", i + TEXT);
			}
			assertThat(received.get()).hasSize(MESSAGES).allSatisfy((text) -> assertThat(text).endsWith(TEXT));
			assertThat(received.get().get(MESSAGES - 1)).startsWith(String.valueOf(MESSAGES - 1));
			reader.shutdown();

			await("the server to drop the slow subscriber").atMost(Duration.ofSeconds(30))
				.until(() -> members(rest).equals("[\"fast\"]"));
			// the slow client, reading again, gets what was sent before the close and then the end of the connection: a
			// close frame cannot follow a half-written frame, so it is 1008 or, mid-frame, a cut stream (which browsers
			// report as 1006)
			assertThat(slow.readUntilEnd(Duration.ofSeconds(30))).isIn("close 1008 actor.slow_consumer", "cut");
		}
	}

	private static List<String> saidEvents(WebSocketTestClient client, AtomicInteger seen) {
		List<String> texts = new ArrayList<>();
		while (texts.size() < MESSAGES) {
			JsonNode frame = client.next();
			if (frame.at("/body/val/name").asString().equals("said")) {
				texts.add(frame.at("/body/val/args/1").asString());
				seen.set(texts.size());
			}
		}
		return texts;
	}

	private static String members(HttpActorClient rest) {
		return rest.call("room", "busy", "state").get("members").toString();
	}

	private static String user(String name) {
		return "{\"user\":\"" + name + "\",\"password\":\"pw\"}";
	}

}
