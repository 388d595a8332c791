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
		Started started = start();
		ClusterFiles files = started.files();
		// every answer, in the order the service sent them (one receiver: the order they arrive in)
		List<Object> answers = started.answers();
		ActorRef<CopyInfo> copies = started.receiver().narrow();
		int writes = 2_000;
		queueWrites(files, started.receiver().narrow(), writes);
		files.service().tell(new FileProtocol.Inquire("counter", "k0", copies));
		files.service().tell(new FileProtocol.Fence("counter", "elsewhere", 2, "another node", copies));
		awaitAnswers(answers, writes + 2);
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

	/**
	 * A destroy's {@code Drop} goes before a full copy its owner sent earlier (an ask that timed out while the
	 * replica was busy): the copy is refused as below the tombstone instead of bringing the destroyed actor's file
	 * and catalog row back.
	 */
	@Test
	void aFullCopyOvertakenByTheDropOfItsActorIsRefused() throws Exception {
		Started started = start();
		List<Object> answers = started.answers();
		ActorRef<Ack> acks = started.receiver().narrow();
		queueWrites(started.files(), acks, 2_000);
		started.files().service().tell(new FileProtocol.ReplicaWrite("counter", "gone", 1, 1, FileProtocol.DB, true, 0,
				new byte[16], false, acks));
		started.files().service().tell(new FileProtocol.ReplicaWrite("counter", "gone", 1, 1, FileProtocol.WAL, true, 0,
				new byte[16], true, acks));
		started.files().service().tell(new FileProtocol.Drop("counter", "gone", 1, 1, acks));
		awaitAnswers(answers, 2_003);
		assertThat(((Ack) answers.get(0)).ok()).as("the drop, answered first").isTrue();
		for (Object late : answers.subList(2_001, 2_003)) {
			assertThat(((Ack) late).ok()).as("the destroyed actor's copy: %s", late).isFalse();
			assertThat(((Ack) late).reason()).startsWith("destroyed");
		}
		started.files().close();
	}

	/** Fetched chunks and replicated writes are answered in arrival order: a mass take-over starves no commit. */
	@Test
	void fetchesAndWritesAreAnsweredInArrivalOrder() throws Exception {
		Started started = start();
		List<Object> answers = started.answers();
		ActorRef<Object> receiver = started.receiver();
		queueWrites(started.files(), receiver.narrow(), 1_000);
		for (int i = 0; i < 500; i++) {
			started.files().service().tell(new FileProtocol.Fetch("counter", "none", 0, FileProtocol.DB, 0,
					receiver.narrow()));
		}
		// a delta that follows nothing: refused at once, recognisable by its reason
		started.files().service().tell(new FileProtocol.ReplicaWrite("counter", "marker", 1, 2, FileProtocol.WAL,
				false, 10, new byte[16], true, receiver.narrow()));
		for (int i = 0; i < 500; i++) {
			started.files().service().tell(new FileProtocol.Fetch("counter", "none", 0, FileProtocol.DB, 0,
					receiver.narrow()));
		}
		awaitAnswers(answers, 2_001);
		int marker = -1;
		for (int i = 0; i < answers.size(); i++) {
			if (answers.get(i) instanceof Ack ack && ack.reason().startsWith("out of sequence")) {
				marker = i;
			}
		}
		long chunksAfter = answers.subList(marker + 1, answers.size()).stream()
			.filter(FileProtocol.Chunk.class::isInstance)
			.count();
		assertThat(chunksAfter).as("chunks fetched after the write that arrived before them").isEqualTo(500);
		started.files().close();
	}

	private record Started(ClusterFiles files, ActorRef<Object> receiver, List<Object> answers) {
	}

	private Started start() throws Exception {
		this.system = ActorSystem.create(Behaviors.empty(), "files", TakeoverTests.config());
		ClusterFiles files = new ClusterFiles(this.system,
				new SqliteFileLayout(Files.createDirectories(this.dir.resolve("node"))), Duration.ofSeconds(30),
				new ClusterStats(), 2);
		List<Object> answers = new CopyOnWriteArrayList<>();
		ActorRef<Object> receiver = this.system.systemActorOf(Behaviors.receiveMessage((answer) -> {
			answers.add(answer);
			return Behaviors.same();
		}), "receiver", Props.empty());
		return new Started(files, receiver, answers);
	}

	/** Full copies of new actors (database, then log), two writes each. */
	private static void queueWrites(ClusterFiles files, ActorRef<Ack> acks, int writes) {
		byte[] bytes = new byte[4096];
		for (int i = 0; i < writes / 2; i++) {
			files.service().tell(new FileProtocol.ReplicaWrite("counter", "k" + i, 1, 1, FileProtocol.DB, true, 0,
					bytes, false, acks));
			files.service().tell(new FileProtocol.ReplicaWrite("counter", "k" + i, 1, 1, FileProtocol.WAL, true, 0,
					bytes, true, acks));
		}
	}

	private static void awaitAnswers(List<Object> answers, int count) throws InterruptedException {
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (answers.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(answers).hasSize(count);
	}

}
