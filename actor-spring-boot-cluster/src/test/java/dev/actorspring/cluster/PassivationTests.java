package dev.actorspring.cluster;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The runtime's sleep rules, not Pekko's idle passivation, decide when an entity stops: a WebSocket client that
 * stays quiet longer than Pekko's idle timeout (3 s here instead of 120 s, so that the test is short) keeps its
 * connection and gets the next event; an actor without connections stops on its node once it slept, and wakes
 * with its state and rows.
 */
class PassivationTests extends ClusterTestSupport {

	PassivationTests() {
		super("passivation");
	}

	private static final Pattern VALUE = Pattern.compile("\"value\":([0-9.]+)");

	@Test
	void quietClientsStayConnectedAndSleepingActorsStop() throws Exception {
		int port1 = ClusterNode.freePort();
		List<String> seeds = List.of("127.0.0.1:" + port1);
		for (int i = 0; i < 2; i++) {
			node("node" + (i + 1), (i == 0) ? port1 : ClusterNode.freePort(), seeds)
				.withJvm("-Dpekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout=3s")
				.with("--actor.sleep-timeout=2s")
				.start();
		}
		ClusterNode node1 = this.nodes.get(0);
		ClusterNode node2 = this.nodes.get(1);
		for (ClusterNode node : this.nodes) {
			awaitAcknowledging(node);
		}

		try (WsSubscriber quiet = WsSubscriber.connect(node1, "counter", "quiet")) {
			quiet.await("\"Init\"", 30);
			quiet.subscribe("changed");
			assertThat(quiet.call("get", "[]")).contains("\"ActionResponse\"");
			Thread.sleep(8_000); // quiet for longer than Pekko's idle timeout and the runtime's sleep timeout
			assertThat(quiet.closed).as("the quiet client's connection").isNotDone();
			HttpResponse<String> incremented = node2.call("/actors/counter/quiet/actions/increment", "{\"args\":[4]}");
			assertThat(incremented.statusCode()).as(incremented.body()).isEqualTo(200);
			quiet.await("\"name\":\"changed\",\"args\":[4]", 30);
		}

		// an actor nobody is connected to sleeps after 2 s, and then its entity stops
		double before = handOffs(node1) + handOffs(node2);
		HttpResponse<String> idle = node2.call("/actors/counter/idle/actions/increment", "{\"args\":[1]}");
		assertThat(idle.statusCode()).as(idle.body()).isEqualTo(200);
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (handOffs(node1) + handOffs(node2) <= before) {
			if (System.nanoTime() > deadline) {
				fail("no entity stopped within 30 s of its actor's sleep\n" + node1.log());
			}
			Thread.sleep(250);
		}
		// and wakes again, with its state, at the next request
		HttpResponse<String> again = node1.call("/actors/counter/idle/actions/increment", "{\"args\":[1]}");
		assertThat(again.body()).contains("\"count\":2");

		// an actor whose data is rows: after its wake, an action that only reads them is answered (its commit has
		// no log to copy)
		HttpResponse<String> added = node2.call("/actors/notes/n1/actions/add", "{\"args\":[\"first\"]}");
		assertThat(added.body()).as(added.body()).isEqualTo("{\"output\":1}");
		deadline = System.nanoTime() + 30_000_000_000L;
		while (!asleep(node1, "notes", "n1") || !asleep(node2, "notes", "n1")) {
			if (System.nanoTime() > deadline) {
				fail("notes/n1 did not sleep within 30 s: " + node1.get("/actuator/actors/notes").body() + " / "
						+ node2.get("/actuator/actors/notes").body());
			}
			Thread.sleep(250);
		}
		HttpResponse<String> read = node1.call("/actors/notes/n1/actions/count", "");
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(read.body()).isEqualTo("{\"output\":1}");
	}

	/**
	 * Whether a node's listing of a type's loaded instances leaves the key out (the listing reads the instance
	 * table; inspecting the instance itself would go through its mailbox and keep it awake).
	 */
	private static boolean asleep(ClusterNode node, String type, String key) throws Exception {
		HttpResponse<String> response = node.get("/actuator/actors/" + type);
		return response.statusCode() == 200 && !response.body().contains("\"key\":\"" + key + "\"");
	}

	private static double handOffs(ClusterNode node) throws Exception {
		HttpResponse<String> response = node.get("/actuator/metrics/actor.cluster.handoffs");
		Matcher value = VALUE.matcher(response.body());
		assertThat(value.find()).as(response.body()).isTrue();
		return Double.parseDouble(value.group(1));
	}

}
