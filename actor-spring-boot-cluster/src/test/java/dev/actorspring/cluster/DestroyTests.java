package dev.actorspring.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A destroyed actor stays destroyed when a node that held a copy of it missed the destroy: the replica's node is
 * down while the owner destroys the actor, comes back with its old copy, and then the owner crashes. The next
 * owner finds the destroy recorded (a tombstone) on the node that took part in it, and starts the actor afresh
 * instead of from the old copy; and the actor created again after the destroy keeps its new life.
 */
class DestroyTests extends ClusterTestSupport {

	DestroyTests() {
		super("destroy");
	}

	@Test
	void aNodeThatMissedTheDestroyCannotBringTheActorBack() throws Exception {
		startThreeNodes((node) -> node);
		HttpResponse<String> incremented = this.nodes.get(0).call("/actors/counter/gone/actions/increment",
				"{\"args\":[5]}");
		assertThat(incremented.body()).contains("\"count\":5");
		ClusterNode owner = this.nodes.stream()
			.filter((node) -> incremented.body().contains("\"node\":\"" + node.httpPort + "\""))
			.findFirst()
			.orElseThrow();
		ClusterNode replica = replicaOf(owner);
		ClusterNode third = this.nodes.stream().filter((node) -> node != owner && node != replica).findFirst().orElseThrow();

		// the replica's node is down (and removed) while the owner destroys the actor
		replica.kill();
		awaitMembersUp(owner, 2);
		HttpResponse<String> destroyed = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(owner.base() + "/actors/counter/gone")).DELETE().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(destroyed.statusCode()).as(destroyed.body()).isEqualTo(204);
		// and the actor is created again, with a count of its own: this new life outranks the destroy
		HttpResponse<String> again = owner.call("/actors/counter/gone/actions/increment", "{\"args\":[2]}");
		assertThat(again.body()).contains("\"count\":2");

		// it comes back with its copy of the destroyed actor, then the owner crashes
		replica.start();
		awaitAcknowledging(replica);
		owner.kill();
		HttpResponse<String> read = third.call("/actors/counter/gone/actions/get", "");
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (read.statusCode() != 200 && System.nanoTime() < deadline) {
			Thread.sleep(200);
			read = third.call("/actors/counter/gone/actions/get", "");
		}
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(read.body()).as("the counter created again after the destroy, read after the owner's crash")
			.contains("\"count\":2");
	}

	/** The node that keeps the owner's replicas: the next member by address, as the cluster module picks it. */
	private ClusterNode replicaOf(ClusterNode owner) {
		Comparator<ClusterNode> byAddress = Comparator.comparing((node) -> "pekko://actors@127.0.0.1:" + node.clusterPort);
		List<ClusterNode> sorted = this.nodes.stream().sorted(byAddress).toList();
		int at = sorted.indexOf(owner);
		return sorted.get((at + 1) % sorted.size());
	}

}
