package dev.actorspring.cluster.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.actorspring.cluster.replication.FileProtocol.Ack;
import dev.actorspring.cluster.replication.FileProtocol.CopyInfo;
import dev.actorspring.cluster.view.ClusterStats;
import dev.actorspring.persistence.sqlite.SqliteFileLayout;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's file service, as {@link ClusterFiles} starts it: a take-over's questions are answered before the
 * replicated writes that were queued when they arrived (a node's service may have thousands queued: every owner's
 * commits), so that the take-over is not refused for want of an answer in time.
 */
class FileServiceTests {

	@TempDir
	Path dir;

	private ActorSystem<Void> system;

	@AfterEach
	void stop() {
		if (this.system != null) {
			this.system.terminate();
		}
	}

	@Test
	void aTakeOversQuestionsGoBeforeTheReplicatedWritesQueuedAhead() throws Exception {
		this.system = ActorSystem.create(Behaviors.empty(), "files", TakeoverTests.config());
		ClusterFiles files = new ClusterFiles(this.system,
				new SqliteFileLayout(Files.createDirectories(this.dir.resolve("node"))), Duration.ofSeconds(30),
				new ClusterStats(), 2);
		// every answer, in the order the service sent them (one receiver: the order they arrive in)
		List<Object> answers = new CopyOnWriteArrayList<>();
		ActorRef<Object> receiver = this.system.systemActorOf(Behaviors.receiveMessage((answer) -> {
			answers.add(answer);
			return Behaviors.same();
		}), "receiver", Props.empty());
		ActorRef<Ack> acks = receiver.narrow();
		ActorRef<CopyInfo> copies = receiver.narrow();
		int writes = 2_000;
		byte[] bytes = new byte[4096];
		for (int i = 0; i < writes / 2; i++) {
			// a full copy of a new actor each (its database, then its log): written to disk and recorded in the catalog
			files.service().tell(new FileProtocol.ReplicaWrite("counter", "k" + i, 1, 1, FileProtocol.DB, true, 0,
					bytes, false, acks));
			files.service().tell(new FileProtocol.ReplicaWrite("counter", "k" + i, 1, 1, FileProtocol.WAL, true, 0,
					bytes, true, acks));
		}
		files.service().tell(new FileProtocol.Inquire("counter", "k0", copies));
		files.service().tell(new FileProtocol.Fence("counter", "elsewhere", 2, "another node", copies));
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (answers.size() < writes + 2 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(answers).hasSize(writes + 2);
		int inquired = -1;
		int fenced = -1;
		for (int i = 0; i < answers.size(); i++) {
			if (answers.get(i) instanceof CopyInfo) {
				if (inquired < 0) {
					inquired = i;
				}
				else {
					fenced = i;
				}
			}
			else {
				assertThat(((Ack) answers.get(i)).ok()).as("write %d: %s", i, answers.get(i)).isTrue();
			}
		}
		// before (one mailbox in arrival order) both came last, after every write
		assertThat(inquired).as("writes answered before the inquiry").isLessThan(writes / 2);
		assertThat(fenced).as("answers before the fence's").isEqualTo(inquired + 1);
		files.close();
	}

}
