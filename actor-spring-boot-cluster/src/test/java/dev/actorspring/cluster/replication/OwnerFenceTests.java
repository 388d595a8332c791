package dev.actorspring.cluster.replication;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.actorspring.cluster.replication.FileProtocol.CopyInfo;
import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An owner open on this node stops committing once another node announced a newer generation for its actor, and
 * the node keeps in memory only the fences of the actors it has open: every take-over in the cluster (a wake, a
 * creation, a moving shard) raises the actor's fence on every node. One node, one copy.
 */
class OwnerFenceTests {

	@TempDir
	Path dataDir;

	@Test
	void anOpenOwnerIsFencedAndOnlyTheFencesOfOpenOwnersStayInMemory() throws Exception {
		try (OneNode node = new OneNode("fences", this.dataDir)) {
			ClusterFiles files = node.files();
			ReplicatingStateStore store = node.store();
			ActorStorage storage = store.create("counter", "k",
					new StoredState("id", bytes("created"), Instant.now()));
			storage.save(bytes("one"), new byte[0]);
			storage.commit();
			assertThat(files.fencesInMemory()).as("the open owner's").isEqualTo(1);

			// other nodes take 1,000 other actors over: their fences are recorded here, and kept on disk only
			for (int i = 0; i < 1000; i++) {
				assertThat(fence(node, "other-" + i, 2).fence()).isEqualTo(2);
			}
			assertThat(files.fencesInMemory()).isEqualTo(1);

			// another node takes this one over: the open owner's next commit is refused, and nothing is written
			fence(node, "k", 2);
			assertThatThrownBy(() -> storage.save(bytes("two"), new byte[0]))
				.isInstanceOfSatisfying(StateStoreException.class,
						(ex) -> assertThat(ex.getMessage()).contains("owned by another node"));
			storage.close();
			assertThat(files.fencesInMemory()).as("closed: its fence is forgotten in memory").isZero();
			try (ActorStorage reopened = store.open("counter", "k")) {
				assertThat(new String(reopened.loaded().state(), StandardCharsets.UTF_8)).isEqualTo("one");
				assertThat(files.fencesInMemory()).isEqualTo(1);
				// opened again without a take-over of its own, it is still refused: the fence is read from the catalog
				assertThatThrownBy(reopened::commit).isInstanceOfSatisfying(StateStoreException.class,
						(ex) -> assertThat(ex.getMessage()).contains("owned by another node"));
			}
			assertThat(files.fencesInMemory()).isZero();

			// a creation that fails (its file's name taken by a directory) leaves no watch behind either
			Files.createDirectories(files.file("counter", "taken", FileProtocol.DB));
			assertThatThrownBy(() -> store.create("counter", "taken", new StoredState("id", bytes("x"), Instant.now())))
				.isInstanceOf(StateStoreException.class);
			assertThat(files.fencesInMemory()).isZero();
		}
	}

	private static CopyInfo fence(OneNode node, String key, long generation) throws Exception {
		return AskPattern.<FileProtocol.Command, CopyInfo>ask(node.files().service(),
				(ActorRef<CopyInfo> replyTo) -> new FileProtocol.Fence("counter", key, generation, "node-b", replyTo),
				Duration.ofSeconds(5), node.system().scheduler())
			.toCompletableFuture()
			.get();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
