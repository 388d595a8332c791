package dev.actorspring.cluster;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * No acknowledgement with one copy: a node that reaches no other member (alone, or after the others left) refuses
 * every commit with {@code 503 actor/no_replica} and changes nothing, until another node can hold the copy; a
 * cluster meant to run on one node says so with {@code actor.cluster.copies=1}, and then what a node acknowledged
 * alone is not undone by an older replica once it crashed.
 */
class CopiesTests extends ClusterTestSupport {

	CopiesTests() {
		super("copies");
	}

	@Test
	void aNodeThatReachesNoOtherAcknowledgesNothing() throws Exception {
		int port1 = ClusterNode.freePort();
		int port2 = ClusterNode.freePort();
		List<String> seeds = List.of("127.0.0.1:" + port1);
		ClusterNode node1 = node("node1", port1, seeds).start();
		awaitUp(node1);

		// alone: nothing is acknowledged, nothing written
		assertNoReplica(awaitRefusal(node1, "c1"));
		assertNoReplica(node1.post("/actors/counter/c1/actions/increment", "{\"args\":[5]}"));

		// a second node joins: commits get their copy and are acknowledged
		ClusterNode node2 = node("node2", port2, seeds).start();
		awaitCount(node1, "c1", 5, 5);
		awaitUp(node2); // its cluster side can be up before its web server
		assertThat(count(node2.call("/actors/counter/c1/actions/increment", "{\"args\":[2]}"))).isEqualTo(7);

		// the second node leaves: node1 is alone again and refuses, the count stays what was acknowledged
		node2.stop();
		assertNoReplica(awaitRefusal(node1, "c2"));
		assertNoReplica(node1.post("/actors/counter/c1/actions/increment", "{\"args\":[100]}"));
		// a destroy is refused too (no other node could record it), and the actor stays
		HttpResponse<String> destroy = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node1.base() + "/actors/counter/c1"))
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertNoReplica(destroy);
		HttpResponse<String> read = node1.post("/actors/counter/c1/actions/get", "");
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(count(read)).as("what was acknowledged, and nothing refused").isEqualTo(7);
		node1.stop();

		// a cluster meant to run on one node
		ClusterNode single = node("single", ClusterNode.freePort(), List.of()).with("--actor.cluster.copies=1").start();
		awaitCount(single, "s1", 3, 3);
	}

	/**
	 * With {@code copies=1}, the commits a node acknowledged alone, while the node holding its replicas was down,
	 * survive that node's own crash: it recorded its version before it confirmed the first of them, so the take-over
	 * once both nodes are back keeps its file instead of copying the older replica over it.
	 */
	@Test
	void commitsAcknowledgedWithOneCopyOutrankTheOlderReplicaAfterTheOwnerCrashes() throws Exception {
		int port1 = ClusterNode.freePort();
		int port2 = ClusterNode.freePort();
		// the owner has the lower address: the side that a split of two nodes keeps
		List<String> seeds = List.of("127.0.0.1:" + Math.min(port1, port2));
		// the actor stays awake however long the replica's removal takes: a sleep would record the owner's version
		ClusterNode owner = node("owner", Math.min(port1, port2), seeds)
			.with("--actor.cluster.copies=1", "--actor.sleep-timeout=10m")
			.start();
		awaitUp(owner);
		ClusterNode replica = node("replica", Math.max(port1, port2), seeds)
			.with("--actor.cluster.copies=1", "--actor.sleep-timeout=10m")
			.start();
		awaitUp(replica);
		awaitMembersUp(owner, 2);
		String key = keyRunningOn(owner);
		for (int i = 2; i <= 4; i++) {
			assertThat(count(owner.call("/actors/counter/" + key + "/actions/increment", "{\"args\":[1]}")))
				.as("shipped to the replica").isEqualTo(i);
		}

		// the replica's node crashes and is removed: the owner acknowledges with its copy alone
		replica.kill();
		awaitMembersUp(owner, 1);
		assertThat(count(owner.call("/actors/counter/" + key + "/actions/increment", "{\"args\":[100]}"))).isEqualTo(104);
		assertThat(count(owner.call("/actors/counter/" + key + "/actions/increment", "{\"args\":[1000]}")))
			.isEqualTo(1104);

		// then the owner crashes while the actor is awake; both come back, the replica with its copy of count 4
		owner.kill();
		owner.start();
		awaitUp(owner);
		replica.start();
		awaitUp(replica);
		awaitMembersUp(owner, 2);
		awaitMembersUp(replica, 2);
		assertThat(count(replica.call("/actors/counter/" + key + "/actions/get", "")))
			.as("what was acknowledged with one copy, read after the owner's crash").isEqualTo(1104);
	}

	/** A key whose actor runs on the node (created by an increment of 1 there). */
	private static String keyRunningOn(ClusterNode node) throws Exception {
		for (int i = 0; i < 200; i++) {
			HttpResponse<String> response = node.call("/actors/counter/one-" + i + "/actions/increment", "{\"args\":[1]}");
			assertThat(count(response)).isEqualTo(1);
			if (response.body().contains("\"node\":\"" + node.httpPort + "\"")) {
				return "one-" + i;
			}
		}
		throw new AssertionError("No key of 200 ran on " + node.name);
	}

	/**
	 * Increments {@code key} by 1 until the node refuses with {@code no_replica} (while the cluster forms or a node
	 * leaves, other answers may come first); returns that refusal.
	 */
	private static HttpResponse<String> awaitRefusal(ClusterNode node, String key) throws Exception {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (true) {
			HttpResponse<String> response = node.post("/actors/counter/" + key + "/actions/increment", "{\"args\":[1]}");
			if (response.body().contains("\"no_replica\"")) {
				return response;
			}
			if (System.nanoTime() > deadline) {
				fail(node.name + " did not refuse within 60 s: " + response.statusCode() + " " + response.body() + "\n"
						+ node.log());
			}
			Thread.sleep(250);
		}
	}

	private static void assertNoReplica(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.body()).contains("\"group\":\"actor\"").contains("\"code\":\"no_replica\"");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
	}

	private static long count(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"count\":(\\d+)").matcher(response.body());
		assertThat(matcher.find()).as(response.body()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	/** Increments until acknowledged (the cluster may still be forming), then checks the count. */
	private static void awaitCount(ClusterNode via, String key, int by, long expected) throws Exception {
		long deadline = System.nanoTime() + 90_000_000_000L;
		while (true) {
			HttpResponse<String> response;
			try {
				response = via.post("/actors/counter/" + key + "/actions/increment", "{\"args\":[" + by + "]}");
			}
			catch (java.io.IOException ex) {
				response = null;
			}
			if (response != null && response.statusCode() == 200) {
				assertThat(count(response)).isEqualTo(expected);
				return;
			}
			if (response != null && response.statusCode() != 503) {
				fail(response.statusCode() + " " + response.body());
			}
			if (System.nanoTime() > deadline) {
				fail(via.name + " did not acknowledge within 90 s: " + ((response != null) ? response.body() : "no answer")
						+ "\n" + via.log());
			}
			Thread.sleep(250);
		}
	}

}
