package dev.actorspring.cluster;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.fail;

/**
 * What the multi-JVM cluster tests share: a directory under {@code target/cluster-tests} kept after the run (each
 * node's data directory and its {@code node.log}), the nodes a test started (killed after it), and waiting for a
 * node to serve.
 */
abstract class ClusterTestSupport {

	final Path dir;

	final List<ClusterNode> nodes = new ArrayList<>();

	ClusterTestSupport(String name) {
		this.dir = Path.of("target", "cluster-tests", name + "-" + System.currentTimeMillis()).toAbsolutePath();
	}

	@AfterEach
	void stopNodes() throws InterruptedException {
		for (ClusterNode node : this.nodes) {
			if (node.alive()) {
				node.kill();
			}
		}
	}

	/** A node of this test, in its own directory under {@link #dir}, killed after the test; not started yet. */
	ClusterNode node(String name, int clusterPort, List<String> seeds) throws IOException {
		ClusterNode node = new ClusterNode(name, this.dir.resolve(name), clusterPort, seeds);
		this.nodes.add(node);
		return node;
	}

	/**
	 * Starts three nodes (the first two are the seeds), each set up by {@code setUp} before it starts, and waits
	 * until every one acknowledges writes.
	 * @return the nodes, in order
	 */
	List<ClusterNode> startThreeNodes(UnaryOperator<ClusterNode> setUp) throws Exception {
		int[] ports = { ClusterNode.freePort(), ClusterNode.freePort(), ClusterNode.freePort() };
		List<String> seeds = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
		List<ClusterNode> started = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			started.add(setUp.apply(node("node" + (i + 1), ports[i], seeds)).start());
		}
		for (ClusterNode node : started) {
			awaitAcknowledging(node);
		}
		return started;
	}

	/** Waits until the node answers over HTTP at all (its actors may still refuse). */
	static void awaitUp(ClusterNode node) throws Exception {
		long deadline = System.nanoTime() + 90_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (!node.alive()) {
				fail(node.name + " exited:\n" + node.log());
			}
			try {
				if (node.get("/actuator/health").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		fail(node.name + " did not start within 90 s:\n" + node.log());
	}

	/** Waits until the node acknowledges a write (its cluster formed, and another node can hold the copy). */
	static void awaitAcknowledging(ClusterNode node) throws Exception {
		long deadline = System.nanoTime() + 120_000_000_000L;
		String last = "";
		while (System.nanoTime() < deadline) {
			if (!node.alive()) {
				fail(node.name + " exited:\n" + node.log());
			}
			try {
				HttpResponse<String> response = node.post("/actors/counter/probe-" + node.name + "/actions/increment",
						"{\"args\":[1]}");
				if (response.statusCode() == 200) {
					return;
				}
				last = response.statusCode() + " " + response.body();
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			Thread.sleep(250);
		}
		fail(node.name + " did not acknowledge within 120 s (last: " + last + "):\n" + node.log());
	}

	/** Waits until the node counts {@code count} members up (at most 60 s). */
	static void awaitMembersUp(ClusterNode node, int count) throws Exception {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (node.get("/actuator/metrics/actor.cluster.members?tag=status:up").body()
				.contains("\"value\":" + count + ".0")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError(node.name + " did not see " + count + " members up within 60 s");
	}

}
