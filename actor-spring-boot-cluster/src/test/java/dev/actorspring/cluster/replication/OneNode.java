package dev.actorspring.cluster.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.actorspring.cluster.view.ClusterStats;
import dev.actorspring.persistence.sqlite.SqliteFileLayout;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.sqlite.SQLiteConfig;

/**
 * One cluster node in this JVM that keeps one copy of each actor: its actor system, its side of the actor files,
 * and the store over them (the store's own code path; with two copies only the recording on another node differs).
 */
final class OneNode implements AutoCloseable {

	private final ActorSystem<Void> system;

	private final ClusterFiles files;

	private final ReplicatingStateStore store;

	OneNode(String name, Path dataDir) throws Exception {
		this.system = ActorSystem.create(Behaviors.empty(), name, TakeoverTests.config());
		this.files = new ClusterFiles(this.system, new SqliteFileLayout(Files.createDirectories(dataDir)),
				Duration.ofSeconds(10), new ClusterStats(), 1);
		this.store = new ReplicatingStateStore(new SqliteStateStore(dataDir, SQLiteConfig.SynchronousMode.NORMAL, 100),
				this.files);
	}

	ActorSystem<Void> system() {
		return this.system;
	}

	ClusterFiles files() {
		return this.files;
	}

	ReplicatingStateStore store() {
		return this.store;
	}

	@Override
	public void close() {
		try {
			this.files.close();
		}
		finally {
			this.system.terminate();
		}
	}

}
