package dev.actorspring.cluster;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests for keys that do not exist leave nothing behind in the nodes' cluster catalogs: each one starts an
 * entity, whose take-over fences every node and records an owner row; once the entity stops, an actor that was
 * never created gets those rows forgotten on every node. Actors that exist keep theirs.
 */
class CatalogGrowthTests extends ClusterTestSupport {

	private static final int GHOSTS = 40;

	CatalogGrowthTests() {
		super("catalog-growth");
	}

	@Test
	void readsOfKeysThatDoNotExistLeaveNoRowsBehind() throws Exception {
		int[] ports = { ClusterNode.freePort(), ClusterNode.freePort() };
		List<String> seeds = List.of("127.0.0.1:" + ports[0]);
		ClusterNode node1 = node("node1", ports[0], seeds).with("--actor.sleep-timeout=2s").start();
		ClusterNode node2 = node("node2", ports[1], seeds).with("--actor.sleep-timeout=2s").start();
		awaitAcknowledging(node1);
		awaitAcknowledging(node2);
		assertThat(node1.call("/actors/counter/real/actions/increment", "{\"args\":[1]}").statusCode()).isEqualTo(200);

		for (int i = 0; i < GHOSTS; i++) {
			ClusterNode via = (i % 2 == 0) ? node1 : node2;
			HttpResponse<String> response = via.get("/actors/counter/ghost-" + i);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
		}
		assertThat(rows(node1, "ghost-%") + rows(node2, "ghost-%")).as("rows while the entities run").isPositive();

		long deadline = System.nanoTime() + 60_000_000_000L;
		long left = rows(node1, "ghost-%") + rows(node2, "ghost-%");
		while (left > 0 && System.nanoTime() < deadline) {
			Thread.sleep(500);
			left = rows(node1, "ghost-%") + rows(node2, "ghost-%");
		}
		assertThat(left).as("catalog rows of keys that never existed, once their entities stopped").isZero();
		assertThat(rows(node1, "real") + rows(node2, "real")).as("rows of the actor that exists").isPositive();
		assertThat(node2.call("/actors/counter/real/actions/get", "").body()).contains("\"count\":1");
	}

	/** Rows of matching keys in a node's {@code _cluster.db} (copies and fences). */
	private static long rows(ClusterNode node, String keys) throws Exception {
		Path catalog = node.dir.resolve("data").resolve("_cluster.db");
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + catalog);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA busy_timeout = 5000");
			long count = 0;
			for (String table : List.of("copies", "fences")) {
				try (ResultSet result = statement
					.executeQuery("SELECT count(*) FROM " + table + " WHERE actor_key LIKE '" + keys + "'")) {
					result.next();
					count += result.getLong(1);
				}
			}
			return count;
		}
	}

}
