package dev.actorspring.cluster.replication;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A destroy whose tombstone was recorded but whose file this node could not delete (an I/O error) is done: the
 * file left behind never brings the actor back on this node, where the next request would open it. One node, one
 * copy (the store's own code path; with two copies only the tombstone's recording on another node differs).
 */
class DestroyedFileTests {

	@TempDir
	Path dataDir;

	private OneNode node;

	private ClusterFiles files;

	@AfterEach
	void stop() {
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void aFileLeftBehindByADestroyIsDeletedWhenTheActorIsOpenedAgain() throws Exception {
		ReplicatingStateStore store = store();
		Path db = this.files.file("counter", "k", FileProtocol.DB);
		destroyedWithItsFileLeftBehind(store);

		// still failing: the actor is not served from that file, the request fails
		assertThatThrownBy(() -> store.open("counter", "k")).isInstanceOf(StateStoreException.class);

		// the disk recovered: the file goes, and the actor is a new one
		unblock();
		assertThat(store.open("counter", "k")).as("the destroyed actor's file opened").isNull();
		assertThat(db).doesNotExist();

		// an actor created again under the key after that keeps its file
		saved(store, "created again");
		assertThat(this.files.destroyedHere("counter", "k")).isFalse();
		try (ActorStorage again = store.open("counter", "k")) {
			assertThat(again).isNotNull();
			assertThat(new String(again.loaded().state(), StandardCharsets.UTF_8)).isEqualTo("created again");
		}
	}

	@Test
	void aFileLeftBehindByADestroyIsDroppedByTheNextTakeOver() throws Exception {
		ReplicatingStateStore store = store();
		Path db = this.files.file("counter", "k", FileProtocol.DB);
		destroyedWithItsFileLeftBehind(store);

		// the actor's entity stopped and starts again (a shard move, a restart): the take-over comes first
		assertThatThrownBy(() -> this.files.acquire("counter", "k")).as("the stale copy could not be dropped")
			.isInstanceOf(StateStoreException.class)
			.satisfies((ex) -> assertThat(((StateStoreException) ex).code()).isEqualTo("takeover_incomplete"));
		unblock();
		this.files.acquire("counter", "k");
		assertThat(db).as("dropped as a copy the tombstone outranks").doesNotExist();
		assertThat(store.open("counter", "k")).isNull();
	}

	/** Creates the actor, destroys it, and fails the delete of its file (as an I/O error would). */
	private void destroyedWithItsFileLeftBehind(ReplicatingStateStore store) throws Exception {
		saved(store, "before the destroy");
		// the log's name taken by a directory that cannot be deleted: the delete fails before it reaches the database
		Files.createDirectories(this.files.file("counter", "k", FileProtocol.WAL).resolve("blocker"));
		store.checkCanDelete("counter", "k");
		store.delete("counter", "k");
		assertThat(this.files.file("counter", "k", FileProtocol.DB)).as("left behind by the failed delete").exists();
		assertThat(this.files.destroyedHere("counter", "k")).isTrue();
	}

	private void unblock() throws Exception {
		Path wal = this.files.file("counter", "k", FileProtocol.WAL);
		Files.delete(wal.resolve("blocker"));
		Files.delete(wal);
	}

	/** Creates the actor with the state, commits it, and closes its storage (as when it goes to sleep). */
	private static void saved(ReplicatingStateStore store, String state) {
		try (ActorStorage storage = store.create("counter", "k",
				new StoredState("id", state.getBytes(StandardCharsets.UTF_8), Instant.now()))) {
			storage.save(state.getBytes(StandardCharsets.UTF_8), new byte[0]);
			storage.commit();
		}
	}

	private ReplicatingStateStore store() throws Exception {
		this.node = new OneNode("destroyed", this.dataDir);
		this.files = this.node.files();
		return this.node.store();
	}

}
