package dev.actorspring.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A destroy while one node is cut off (and still a member: the resolver waits): the majority answers it, with the
 * tombstone recorded on the reachable other node, long before the request timeout of 40 s. The unreachable node's
 * file service is not waited for (Pekko's receptionist leaves the services of unreachable members out of its
 * listing), so a silent node does not hold every destroy for the whole timeout.
 */
class DestroyDuringPartitionTests extends ClusterTestSupport {

	DestroyDuringPartitionTests() {
		super("destroy-partition");
	}

	@Test
	void aDestroyDoesNotWaitForAnUnreachableNode() throws Exception {
		// the resolver waits long enough that node3 stays a member, unreachable, for the whole test
		List<ClusterNode> nodes = startThreeNodes((node) -> node.withJvm("-Dpekko.remote.artery.advanced.test-mode=on")
			.with("--actor.cluster.split-brain-resolver.stable-after=90s")
			.with("--actor.cluster.request-timeout=40s"));
		ClusterNode node1 = nodes.get(0);
		ClusterNode node2 = nodes.get(1);
		ClusterNode node3 = nodes.get(2);
		String key = null;
		for (int k = 0; key == null; k++) {
			HttpResponse<String> response = node1.call("/actors/counter/d" + k + "/actions/increment", "{\"args\":[1]}");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			if (!response.body().contains("\"node\":\"" + node3.httpPort + "\"")) {
				key = "d" + k;
			}
		}

		assertThat(node3.post("/test/partition", address(node1) + "," + address(node2)).statusCode()).isEqualTo(200);
		assertThat(node1.post("/test/partition", address(node3)).statusCode()).isEqualTo(200);
		assertThat(node2.post("/test/partition", address(node3)).statusCode()).isEqualTo(200);
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (!node1.get("/actuator/actors").body().contains("\"reachable\":false") && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(node1.get("/actuator/actors").body()).as("node1 sees node3 unreachable").contains("\"reachable\":false");

		HttpResponse<String> destroyed = HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create(node1.base() + "/actors/counter/" + key))
			.timeout(Duration.ofSeconds(20)) // half the request timeout, which the destroy waited for node3 before
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(destroyed.statusCode()).as(destroyed.body()).isEqualTo(204);
		HttpResponse<String> gone = node2.get("/actors/counter/" + key);
		assertThat(gone.statusCode()).as(gone.body()).isEqualTo(404);

		node1.post("/test/heal", address(node3));
		node2.post("/test/heal", address(node3));
	}

	private static String address(ClusterNode node) {
		return "127.0.0.1:" + node.clusterPort;
	}

}
