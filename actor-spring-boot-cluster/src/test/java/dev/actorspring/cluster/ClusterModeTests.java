package dev.actorspring.cluster;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Three nodes in three JVMs on 127.0.0.1, each with its own ports and data directory, driven over REST the way
 * a client would: every key answers from one owner whichever node the request reaches, and every acknowledged
 * increment is in the count.
 */
class ClusterModeTests extends ClusterTestSupport {

	ClusterModeTests() {
		super("three-nodes");
	}

	private static final Pattern INCREMENT = Pattern.compile("\\{\"output\":\\{\"count\":(\\d+),\"node\":\"(\\d+)\"}}");

	private static final int KEYS = 24;


	private final Map<String, Long> acknowledged = new HashMap<>();

	@Test
	void everyKeyRunsOnOneOwnerWhicheverNodeTheRequestReaches() throws Exception {
		int[] clusterPorts = { ClusterNode.freePort(), ClusterNode.freePort(), ClusterNode.freePort() };
		List<String> seeds = List.of("127.0.0.1:" + clusterPorts[0], "127.0.0.1:" + clusterPorts[1]);
		for (int i = 0; i < 3; i++) {
			node("node" + (i + 1), clusterPorts[i], seeds).with("--management.tracing.sampling.probability=1.0");
		}
		for (ClusterNode node : this.nodes) {
			node.start();
		}
		for (ClusterNode node : this.nodes) {
			awaitAcknowledging(node);
		}
		Map<String, String> owners = new HashMap<>();
		long viaOwner = 0;
		long[] routedBefore = null;
		for (int round = 0; round < 3; round++) {
			if (round == 1) { // every actor runs on its owner now
				routedBefore = routedRequests(this.nodes);
			}
			for (int k = 0; k < KEYS; k++) {
				ClusterNode via = this.nodes.get((k + round) % 3);
				Matcher reply = increment(via, "k" + k, k + 1);
				String owner = reply.group(2);
				assertThat(owners.putIfAbsent("k" + k, owner)).as("owner of k%d", k).isIn(null, owner);
				viaOwner += (round > 0 && owner.equals(String.valueOf(via.httpPort))) ? 1 : 0;
			}
		}
		// a call made on the node that runs its actor goes straight to the mailbox, without Pekko's ask
		long[] routedAfter = routedRequests(this.nodes);
		assertThat(viaOwner).as("calls of rounds 2 and 3 made on their actor's node").isPositive();
		// (a call answered 503 "nothing ran" is sent again, and counted again: a few more than the calls)
		long local = routedAfter[0] - routedBefore[0];
		long sharding = routedAfter[1] - routedBefore[1];
		assertThat(local).as("requests of rounds 2 and 3 routed locally").isGreaterThanOrEqualTo(viaOwner);
		assertThat(sharding).as("requests of rounds 2 and 3 routed through sharding")
			.isGreaterThanOrEqualTo(2L * KEYS - viaOwner);
		assertThat(local + sharding - 2L * KEYS).as("requests sent again").isLessThanOrEqualTo(KEYS / 4);
		assertThat(new java.util.HashSet<>(owners.values())).as("the keys spread over the nodes").hasSizeGreaterThanOrEqualTo(2);
		assertCountsAcknowledged(this.nodes);
		ClusterNode node1 = this.nodes.get(0);
		ClusterNode node2 = this.nodes.get(1);
		ClusterNode node3 = this.nodes.get(2);

		// WebSocket clients on each of the three nodes, of an actor that runs on node2
		String watched = owners.entrySet().stream().filter((entry) -> entry.getValue().equals(String.valueOf(node2.httpPort)))
			.map(Map.Entry::getKey).findFirst().orElseThrow();
		assertTraceCrossesNodes(node1, node2, watched);
		// the inspector of a node that does not own an actor never loads it there: its copy there may be stale
		HttpResponse<String> inspected = node1.get("/actuator/actors/counter/" + watched + "?wake=true");
		assertThat(inspected.statusCode()).as(inspected.body()).isEqualTo(200);
		assertThat(inspected.body()).contains("\"awake\":false").contains("stale copy");
		List<WsSubscriber> subscribers = new java.util.ArrayList<>(
				List.of(subscribe(node1, watched), subscribe(node2, watched), subscribe(node3, watched)));
		awaitEvent(subscribers, increment(node3, watched, 7));

		// (1) node3 leaves gracefully: its actors are put to sleep and wake on node1 or node2 with their state;
		// its WebSocket client is closed (the server goes away) and reconnects to node1
		List<String> onNode3 = owners.entrySet().stream()
			.filter((entry) -> entry.getValue().equals(String.valueOf(node3.httpPort)))
			.map(Map.Entry::getKey)
			.toList();
		PauseProbe probe = PauseProbe.start(node1, onNode3);
		node3.stop();
		double pause = probe.awaitMoved(String.valueOf(node3.httpPort));
		System.out.printf("Longest pause of an actor of the leaving node: %.2f s%n", pause);
		assertThat(pause).as("seconds an actor of a gracefully leaving node did not answer").isLessThan(2.0);
		assertThat(subscribers.get(2).closed.get(30, java.util.concurrent.TimeUnit.SECONDS)).isIn(1001, 1006, -1);
		subscribers.set(2, subscribe(node1, watched));
		List<ClusterNode> survivors = List.of(node1, node2);
		assertCountsAcknowledged(survivors);
		Map<String, String> ownersAfterLeave = incrementAll(survivors, 10);
		assertThat(ownersAfterLeave.values()).doesNotContain(String.valueOf(node3.httpPort));
		awaitEvent(subscribers, increment(node1, watched, 3));

		// node3 comes back (a rolling restart), then (2) node2 is killed: its actors start on another node from
		// their replicas
		node3.start();
		awaitAcknowledging(node3);
		incrementAll(List.of(node1, node2, node3), 100);
		// the shards moving to node3 settle first: a crash during a rebalance's hand-off waits for hand-off-timeout,
		// the longer case docs/cluster.md describes apart; this measures the fail-over of a settled cluster
		Map<String, String> settled = awaitSettled(List.of(node1, node2, node3));
		assertThat(settled.values()).as("node2 runs some of the actors it is about to lose")
			.contains(String.valueOf(node2.httpPort));
		node2.kill();
		long killedAt = System.nanoTime();
		survivors = List.of(node1, node3);
		long resumedAfter = awaitResumed(survivors, killedAt);
		System.out.printf("Calls resumed %.1f s after kill -9 of a node%n", resumedAfter / 1e9);
		// the availability target with the default settings (failure detection, resolver, removal margin, hand-off)
		assertThat(resumedAfter / 1e9).as("seconds until every actor of the killed node answered again").isLessThan(10.0);
		// the watched actor ran on node2: every client's connection is closed (1012 from node1, the socket itself
		// for the client of node2), so that they reconnect; reconnected, they receive events again
		for (WsSubscriber subscriber : subscribers) {
			assertThat(subscriber.closed.get(60, java.util.concurrent.TimeUnit.SECONDS)).isIn(1001, 1006, 1011, 1012, -1);
			subscriber.close();
		}
		subscribers = List.of(subscribe(node1, watched), subscribe(node3, watched), subscribe(node1, watched));
		awaitEvent(subscribers, increment(node3, watched, 5));
		subscribers.forEach(WsSubscriber::close);
		assertCountsAcknowledged(survivors);

		// what the survivors show of it: two members up, the take-overs from replicas, replicated groups
		long fromReplicas = 0;
		for (ClusterNode node : survivors) {
			HttpResponse<String> actors = node.get("/actuator/actors");
			assertThat(actors.statusCode()).isEqualTo(200);
			assertThat(actors.body()).contains("\"cluster\":{\"self\":\"pekko://actors@127.0.0.1:" + node.clusterPort)
				.contains("\"replication\":{").contains("\"hostedHere\":{\"counter\":");
			HttpResponse<String> members = node.get("/actuator/metrics/actor.cluster.members?tag=status:up");
			assertThat(members.body()).contains("\"value\":2.0");
			HttpResponse<String> takeovers = node.get("/actuator/metrics/actor.cluster.takeovers?tag=source:replica");
			Matcher value = Pattern.compile("\"value\":([0-9.]+)").matcher(takeovers.body());
			assertThat(value.find()).as(takeovers.body()).isTrue();
			fromReplicas += (long) Double.parseDouble(value.group(1));
			assertThat(node.get("/actuator/metrics/actor.cluster.replication").body()).contains("\"statistic\":\"COUNT\"");
		}
		assertThat(fromReplicas).as("actors taken over from replicas after the crash").isPositive();
		Map<String, String> ownersAfterCrash = incrementAll(survivors, 1000);
		assertThat(ownersAfterCrash.values()).doesNotContain(String.valueOf(node2.httpPort));
		assertCountsAcknowledged(survivors);
	}

	/**
	 * A call through node1 for an actor that runs on node2 continues the caller's trace there (the trace context
	 * travels in the request between the nodes): over REST and over a WebSocket connection.
	 */
	private static void assertTraceCrossesNodes(ClusterNode via, ClusterNode owner, String key) throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		HttpResponse<String> traced = via.call("/actors/counter/" + key + "/actions/trace", "{}", "traceparent",
				"00-" + traceId + "-00f067aa0ba902b7-01");
		assertThat(traced.body()).as("REST through another node")
			.contains("\"traceId\":\"" + traceId + "\"", "\"actorType\":\"counter\"", "\"node\":\"" + owner.httpPort + "\"");
		String wsTraceId = "0af7651916cd43dd8448eb211c80319c";
		try (WsSubscriber client = WsSubscriber.connect(via, "counter", key)) {
			client.sendFrame("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":900,\"name\":\"trace\",\"args\":[],"
					+ "\"trace\":{\"traceparent\":\"00-" + wsTraceId + "-b7ad6b7169203331-01\"}}}}");
			assertThat(client.await("\"id\":900,", 30)).as("WebSocket through another node")
				.contains("\"traceId\":\"" + wsTraceId + "\"", "\"node\":\"" + owner.httpPort + "\"");
		}
	}

	/** Every subscriber receives the {@code changed} event with the count an increment answered. */
	private static void awaitEvent(List<WsSubscriber> subscribers, Matcher incremented) throws Exception {
		for (WsSubscriber subscriber : subscribers) {
			subscriber.await("\"name\":\"changed\",\"args\":[" + incremented.group(1) + "]", 30);
		}
	}

	/** Connects over WebSocket, subscribes to {@code changed}, and waits until the subscription is in place. */
	private static WsSubscriber subscribe(ClusterNode via, String key) throws Exception {
		WsSubscriber subscriber = WsSubscriber.connect(via, "counter", key);
		subscriber.await("\"Init\"", 30);
		subscriber.subscribe("changed");
		// frames of a connection are handled in order: once this answers, the subscription is in place
		assertThat(subscriber.call("get", "[]")).contains("\"ActionResponse\"");
		return subscriber;
	}

	/**
	 * Waits until no actor moved for longer than Pekko's rebalance interval (10 s), at most 90 s.
	 * @return each key's owner
	 */
	private Map<String, String> awaitSettled(List<ClusterNode> via) throws Exception {
		Map<String, String> before = owners(via);
		long deadline = System.nanoTime() + 90_000_000_000L;
		while (System.nanoTime() < deadline) {
			Thread.sleep(11_000);
			Map<String, String> after = owners(via);
			if (after.equals(before)) {
				return after;
			}
			before = after;
		}
		return fail("the actors still moved between nodes 90 s after node3 came back: " + before);
	}

	/** Each key's owner, read (nothing changes). */
	private Map<String, String> owners(List<ClusterNode> via) throws Exception {
		Map<String, String> owners = new HashMap<>();
		for (int k = 0; k < KEYS; k++) {
			HttpResponse<String> response = via.get(k % via.size()).call("/actors/counter/k" + k + "/actions/get", "");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			Matcher matcher = INCREMENT.matcher(response.body());
			assertThat(matcher.matches()).as(response.body()).isTrue();
			owners.put("k" + k, matcher.group(2));
		}
		return owners;
	}

	/** Increments every key once through the given nodes in turn; returns each key's owner. */
	private Map<String, String> incrementAll(List<ClusterNode> via, int by) throws Exception {
		Map<String, String> owners = new HashMap<>();
		for (int k = 0; k < KEYS; k++) {
			Matcher reply = increment(via.get(k % via.size()), "k" + k, by);
			owners.put("k" + k, reply.group(2));
		}
		return owners;
	}

	/**
	 * After a crash, reads every key until all answer, as a client that gives up on a call after a second and tries
	 * again would (reads change nothing, so retrying them is safe; a call sent to the dead node just before it was
	 * noticed waits for its request timeout, 408). Returns how long after the crash the last one answered.
	 */
	private long awaitResumed(List<ClusterNode> via, long started) throws Exception {
		long deadline = started + 120_000_000_000L;
		for (int k = 0; k < KEYS; k++) {
			String last = "";
			while (true) {
				try {
					HttpResponse<String> response = via.get(k % via.size()).post("/actors/counter/k" + k + "/actions/get",
							"", Duration.ofSeconds(1));
					if (response.statusCode() == 200) {
						break;
					}
					last = response.statusCode() + " " + response.body();
				}
				catch (HttpTimeoutException ex) {
					last = "no answer within 1 s";
				}
				if (System.nanoTime() > deadline) {
					fail("k" + k + " did not answer within 120 s of the crash: " + last + "\n" + via.get(0).log());
				}
				Thread.sleep(100);
			}
		}
		return System.nanoTime() - started;
	}

	/** Increments a counter through a node (as a client would: {@link ClusterNode#call}) and checks the count. */
	private Matcher increment(ClusterNode via, String key, int by) throws Exception {
		HttpResponse<String> response = via.call("/actors/counter/" + key + "/actions/increment", "{\"args\":[" + by + "]}");
		assertThat(response.statusCode()).as("%s via %s: %s", key, via.name, response.body()).isEqualTo(200);
		Matcher matcher = INCREMENT.matcher(response.body());
		assertThat(matcher.matches()).as(response.body()).isTrue();
		long expected = this.acknowledged.merge(key, (long) by, Long::sum);
		assertThat(Long.parseLong(matcher.group(1))).as("count of %s after an acknowledged increment", key)
			.isEqualTo(expected);
		return matcher;
	}

	private void assertCountsAcknowledged(List<ClusterNode> via) throws Exception {
		int i = 0;
		for (Map.Entry<String, Long> entry : this.acknowledged.entrySet()) {
			ClusterNode node = via.get(i++ % via.size());
			HttpResponse<String> response = node.call("/actors/counter/" + entry.getKey() + "/actions/get", "");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			Matcher matcher = INCREMENT.matcher(response.body());
			assertThat(matcher.matches()).as(response.body()).isTrue();
			assertThat(Long.parseLong(matcher.group(1))).as("count of %s", entry.getKey()).isEqualTo(entry.getValue());
		}
	}

	/** The requests the nodes routed so far, summed over them: locally, then through sharding. */
	private static long[] routedRequests(List<ClusterNode> nodes) throws Exception {
		long[] routed = new long[2];
		String[] routes = { "local", "sharding" };
		for (ClusterNode node : nodes) {
			for (int i = 0; i < 2; i++) {
				HttpResponse<String> metric = node.get("/actuator/metrics/actor.cluster.requests?tag=route:" + routes[i]);
				Matcher value = Pattern.compile("\"value\":([0-9.E]+)").matcher(metric.body());
				assertThat(value.find()).as(metric.body()).isTrue();
				routed[i] += (long) Double.parseDouble(value.group(1));
			}
		}
		return routed;
	}

}
