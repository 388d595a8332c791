package dev.actorspring.cluster;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client on one node of an actor that runs on another gets its frames in the order it would on one
 * node: each action's events before its ActionResponse, and the responses in the order of the requests, however
 * many requests are in flight.
 */
class WebSocketOrderTests extends ClusterTestSupport {

	private static final Pattern RESPONSE = Pattern
		.compile("\"ActionResponse\",\"val\":\\{\"id\":(\\d+),\"output\":\\{\"count\":(\\d+)");

	private static final Pattern EVENT = Pattern.compile("\"name\":\"changed\",\"args\":\\[(\\d+)]");

	private static final int CALLS = 500;

	WebSocketOrderTests() {
		super("websocket-order");
	}

	@Test
	void eventsComeBeforeTheirResponseAndResponsesInTheOrderOfTheRequests() throws Exception {
		int[] ports = { ClusterNode.freePort(), ClusterNode.freePort() };
		List<String> seeds = List.of("127.0.0.1:" + ports[0]);
		ClusterNode node1 = node("node1", ports[0], seeds).start();
		ClusterNode node2 = node("node2", ports[1], seeds).start();
		awaitAcknowledging(node1);
		awaitAcknowledging(node2);
		String key = null;
		for (int k = 0; key == null; k++) {
			HttpResponse<String> response = node1.call("/actors/counter/o" + k + "/actions/get", "");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			if (response.body().contains("\"node\":\"" + node2.httpPort + "\"")) {
				key = "o" + k;
			}
		}

		try (WsSubscriber client = WsSubscriber.connect(node1, "counter", key)) {
			client.await("\"Init\"", 30);
			client.subscribe("changed");
			assertThat(client.call("get", "[]")).contains("\"ActionResponse\"");
			int first = client.send("increment", "[1]");
			for (int i = 1; i < CALLS; i++) {
				client.send("increment", "[1]");
			}
			Set<Long> events = new HashSet<>();
			List<String> disorder = new ArrayList<>();
			int expectedId = first;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (expectedId < first + CALLS && System.nanoTime() < deadline) {
				String frame = client.frames.poll(100, TimeUnit.MILLISECONDS);
				if (frame == null) {
					continue;
				}
				Matcher event = EVENT.matcher(frame);
				if (event.find()) {
					events.add(Long.parseLong(event.group(1)));
					continue;
				}
				Matcher response = RESPONSE.matcher(frame);
				assertThat(response.find()).as(frame).isTrue();
				int id = Integer.parseInt(response.group(1));
				long count = Long.parseLong(response.group(2));
				if (id != expectedId) {
					disorder.add("response " + id + " where " + expectedId + " was due");
				}
				if (!events.contains(count)) {
					disorder.add("response " + id + " (count " + count + ") before its event");
				}
				expectedId = id + 1;
			}
			assertThat(expectedId).as("responses received").isEqualTo(first + CALLS);
			assertThat(disorder).as("frames out of order").isEmpty();
		}
	}

}
