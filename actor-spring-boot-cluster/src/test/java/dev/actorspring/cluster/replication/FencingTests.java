package dev.actorspring.cluster.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import com.typesafe.config.ConfigFactory;
import dev.actorspring.cluster.replication.CopyCatalog.Role;
import dev.actorspring.cluster.replication.CopyCatalog.Version;
import dev.actorspring.cluster.replication.FileProtocol.Ack;
import dev.actorspring.cluster.replication.FileProtocol.Command;
import dev.actorspring.cluster.replication.FileProtocol.CopyInfo;
import dev.actorspring.persistence.sqlite.SqliteFileLayout;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's file service as a replica: it applies the writes of the current owner, and once a newer owner
 * announced its generation it refuses the former owner's writes, so that they can never be acknowledged.
 */
class FencingTests {

	@TempDir
	Path dataDir;

	private ActorSystem<Void> system;

	/** A node's file service over a catalog and the copies of a data directory, in an actor system of its own. */
	private ActorRef<Command> fileService(CopyCatalog catalog, SqliteFileLayout layout) {
		this.system = ActorSystem.create(Behaviors.empty(), "fencing", ConfigFactory.parseMap(Map.of("pekko.loglevel",
				"WARNING")));
		return this.system.systemActorOf(FileService.create(catalog, new CopyFiles(layout)), "files", Props.empty());
	}

	@AfterEach
	void stop() {
		if (this.system != null) {
			this.system.terminate();
		}
	}

	@Test
	void aReplicaRefusesTheWritesOfAFormerOwnerOnceANewerGenerationWasAnnounced() throws Exception {
		SqliteFileLayout layout = new SqliteFileLayout(this.dataDir);
		CopyCatalog catalog = new CopyCatalog(this.dataDir);
		ActorRef<Command> service = fileService(catalog, layout);
		byte[] frames = "frames of generation 1".getBytes();

		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 1,
				FileProtocol.DB, true, 0, "database of generation 1".getBytes(), false, replyTo)).ok()).isTrue();
		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 1,
				FileProtocol.WAL, true, 0, frames, true, replyTo)).ok()).isTrue();
		assertThat(catalog.find("counter", "k", Role.REPLICA)).isEqualTo(new Version(1, 1));

		CopyInfo fenced = ask(service, (ActorRef<CopyInfo> replyTo) -> new FileProtocol.Fence("counter", "k", 2, "node-b",
				replyTo));
		assertThat(fenced.fence()).isEqualTo(2);
		assertThat(fenced.generation()).isEqualTo(1);
		assertThat(catalog.fencedAbove("counter", "k", 1)).isTrue();
		assertThat(catalog.fencedAbove("counter", "k", 2)).isFalse();

		Ack refused = ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 2,
				FileProtocol.WAL, false, frames.length, "late write".getBytes(), true, replyTo));
		assertThat(refused.ok()).isFalse();
		assertThat(refused.reason()).contains("fenced");
		Path wal = new CopyFiles(layout).file("counter", "k", Role.REPLICA, FileProtocol.WAL);
		assertThat(Files.readAllBytes(wal)).isEqualTo(frames);
		assertThat(catalog.find("counter", "k", Role.REPLICA)).isEqualTo(new Version(1, 1));

		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 2, 2,
				FileProtocol.DB, true, 0, "database of generation 2".getBytes(), false, replyTo)).ok()).isTrue();
		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 2, 2,
				FileProtocol.WAL, true, 0, "log of generation 2".getBytes(), true, replyTo)).ok()).isTrue();
		assertThat(Files.readAllBytes(wal)).isEqualTo("log of generation 2".getBytes());
		assertThat(catalog.find("counter", "k", Role.REPLICA)).isEqualTo(new Version(2, 2));
		catalog.close();
	}

	/**
	 * Shipments are pipelined (the next one leaves before the last is acknowledged), so a delta (the log's new bytes)
	 * must continue exactly the group the replica holds: one that follows a group that never arrived, or a copy
	 * dropped meanwhile, would leave the log with a hole, and is refused (the owner then sends a full copy).
	 */
	@Test
	void aReplicaAppliesADeltaOnlyOnTopOfTheGroupBeforeIt() throws Exception {
		SqliteFileLayout layout = new SqliteFileLayout(this.dataDir);
		CopyCatalog catalog = new CopyCatalog(this.dataDir);
		ActorRef<Command> service = fileService(catalog, layout);
		Path wal = new CopyFiles(layout).file("counter", "k", Role.REPLICA, FileProtocol.WAL);

		Ack noCopy = ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 1,
				FileProtocol.WAL, false, 0, "frames".getBytes(), true, replyTo));
		assertThat(noCopy.ok()).as("a delta with no copy under it").isFalse();
		assertThat(noCopy.reason()).contains("out of sequence");
		assertThat(catalog.find("counter", "k", Role.REPLICA)).isNull();

		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 1,
				FileProtocol.DB, true, 0, "database".getBytes(), false, replyTo)).ok()).isTrue();
		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 1,
				FileProtocol.WAL, true, 0, "header|".getBytes(), true, replyTo)).ok()).isTrue();
		Ack skipped = ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 3,
				FileProtocol.WAL, false, 7, "third|".getBytes(), true, replyTo));
		assertThat(skipped.ok()).as("group 3 after group 1: group 2 never arrived").isFalse();
		assertThat(skipped.reason()).contains("out of sequence");
		assertThat(Files.readAllBytes(wal)).isEqualTo("header|".getBytes());

		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 2,
				FileProtocol.WAL, false, 7, "second|".getBytes(), true, replyTo)).ok()).isTrue();
		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 3,
				FileProtocol.WAL, false, 14, "third|".getBytes(), true, replyTo)).ok()).isTrue();
		assertThat(Files.readAllBytes(wal)).isEqualTo("header|second|third|".getBytes());
		assertThat(catalog.find("counter", "k", Role.REPLICA)).isEqualTo(new Version(1, 3));
		Ack hole = ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 4,
				FileProtocol.WAL, false, 30, "after a lost chunk|".getBytes(), true, replyTo));
		assertThat(hole.ok()).as("bytes past the log's end: a chunk before them was lost").isFalse();
		assertThat(Files.readAllBytes(wal)).isEqualTo("header|second|third|".getBytes());
		catalog.close();
	}

	@Test
	void aFenceOfTheSameGenerationStaysWithTheNodeThatAnnouncedItFirst() throws Exception {
		// two take-overs that read the same highest generation at once both announce 3: before fences named their
		// claimant, each node took both, and both take-overs owned the actor with generation 3
		this.system = ActorSystem.create(Behaviors.empty(), "fencing", ConfigFactory.parseMap(Map.of("pekko.loglevel",
				"WARNING")));
		CopyCatalog catalog = new CopyCatalog(this.dataDir);
		ActorRef<Command> service = this.system.systemActorOf(FileService.create(catalog,
				new CopyFiles(new SqliteFileLayout(this.dataDir))), "files", Props.empty());
		CopyInfo first = ask(service, (ActorRef<CopyInfo> replyTo) -> new FileProtocol.Fence("counter", "k", 3, "node-a",
				replyTo));
		CopyInfo second = ask(service, (ActorRef<CopyInfo> replyTo) -> new FileProtocol.Fence("counter", "k", 3,
				"node-b", replyTo));
		assertThat(first.fence()).isEqualTo(3);
		assertThat(first.fenceClaimant()).isEqualTo("node-a");
		assertThat(second.fence()).isEqualTo(3);
		assertThat(second.fenceClaimant()).as("the fence stays with the first claimant").isEqualTo("node-a");
		assertThat(ClusterFiles.contested(java.util.List.of(second), 3, "node-b")).as("node-b gives up").isTrue();
		assertThat(ClusterFiles.contested(java.util.List.of(first), 3, "node-a")).as("node-a goes on").isFalse();
		CopyInfo again = ask(service, (ActorRef<CopyInfo> replyTo) -> new FileProtocol.Fence("counter", "k", 3, "node-a",
				replyTo));
		assertThat(ClusterFiles.contested(java.util.List.of(again), 3, "node-a")).as("its own fence, asked again").isFalse();
		CopyInfo higher = ask(service, (ActorRef<CopyInfo> replyTo) -> new FileProtocol.Fence("counter", "k", 4,
				"node-b", replyTo));
		assertThat(higher.fence()).isEqualTo(4);
		assertThat(higher.fenceClaimant()).isEqualTo("node-b");
		assertThat(ClusterFiles.contested(java.util.List.of(higher), 3, "node-a")).as("a newer generation wins").isTrue();
		catalog.close();
	}

	@Test
	void aCatalogWrittenBeforeFencesNamedTheirClaimantStillOpens() throws Exception {
		try (java.sql.Connection old = java.sql.DriverManager
			.getConnection("jdbc:sqlite:" + this.dataDir.resolve("_cluster.db"))) {
			old.createStatement().execute("CREATE TABLE fences (actor TEXT NOT NULL, actor_key TEXT NOT NULL, "
					+ "generation INTEGER NOT NULL, PRIMARY KEY (actor, actor_key))");
			old.createStatement().execute("INSERT INTO fences VALUES ('counter', 'k', 5)");
		}
		CopyCatalog catalog = new CopyCatalog(this.dataDir);
		assertThat(catalog.fence("counter", "k")).isEqualTo(5);
		assertThat(catalog.fenceClaimant("counter", "k")).isEmpty();
		assertThat(catalog.raiseFence("counter", "k", 6, "node-a")).isEqualTo(6);
		assertThat(catalog.fenceClaimant("counter", "k")).isEqualTo("node-a");
		catalog.close();
	}

	private <T> T ask(ActorRef<Command> service, Function<ActorRef<T>, Command> message) throws Exception {
		return AskPattern.ask(service, message::apply, Duration.ofSeconds(5), this.system.scheduler())
			.toCompletableFuture()
			.get();
	}

}
