package dev.actorspring.cluster.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.actorspring.cluster.replication.CopyCatalog.Role;
import dev.actorspring.cluster.replication.CopyCatalog.Version;
import dev.actorspring.cluster.replication.FileProtocol.Ack;
import dev.actorspring.cluster.replication.FileProtocol.Command;
import dev.actorspring.cluster.serialization.ClusterMessage;
import dev.actorspring.cluster.serialization.ClusterMessageSerializer;
import dev.actorspring.cluster.view.ClusterStats;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.sqlite.SqliteFileLayout;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Taking an actor over when a member that may hold its newest copy does not answer: two nodes of one cluster in
 * this JVM; the second holds the newest copy (a replica) behind a file service that can be made silent, as a node
 * in a long pause or with a flooded file service would be.
 */
class TakeoverTests {

	@TempDir
	Path dir;

	private ActorSystem<Void> owner;

	private ActorSystem<Void> holder;

	@AfterEach
	void stop() {
		if (this.owner != null) {
			this.owner.terminate();
		}
		if (this.holder != null) {
			this.holder.terminate();
		}
	}

	/** The holder's file service, its catalog, and whether it is silent. */
	private record Holder(ActorRef<Command> service, CopyCatalog catalog, AtomicBoolean silent,
			AtomicBoolean fencesSilent, java.util.concurrent.CountDownLatch fenceSeen) {
	}

	@Test
	void aSilentMemberFailsTheTakeOverInsteadOfCountingAsNoCopy() throws Exception {
		ClusterFiles files = ownerFiles(Duration.ofSeconds(1));
		Holder holder = silentHolder();
		CopyCatalog holderCatalog = holder.catalog();
		AtomicBoolean silent = holder.silent();
		byte[] database = "the database".getBytes();
		byte[] log = "the log, five commits".getBytes();

		// silent: refused, retryable, and nothing taken (before, this answered a first version: a fresh actor)
		assertThatThrownBy(() -> files.acquire("counter", "k")).isInstanceOfSatisfying(StateStoreException.class,
				(ex) -> assertThat(ex.code()).isEqualTo("takeover_incomplete"));
		assertThat(Files.exists(files.file("counter", "k", FileProtocol.WAL))).isFalse();

		// answering again: the take-over copies the holder's newest copy and fences above it
		silent.set(false);
		assertThat(files.acquire("counter", "k")).isEqualTo(2);
		assertThat(files.ownerVersion("counter", "k")).isEqualTo(new Version(2, 5));
		assertThat(Files.readAllBytes(files.file("counter", "k", FileProtocol.DB))).isEqualTo(database);
		assertThat(Files.readAllBytes(files.file("counter", "k", FileProtocol.WAL))).isEqualTo(log);
		assertThat(holderCatalog.fencedAbove("counter", "k", 1)).isTrue();

		// a destroy that no other node records is refused, and nothing of it is recorded here either: answered as
		// done, it would be undone by a take-over from the holder's copy if this node were lost
		silent.set(true);
		assertThatThrownBy(() -> files.drop("counter", "k", new Version(2, 5)))
			.isInstanceOfSatisfying(StateStoreException.class,
					(ex) -> assertThat(ex.code()).isEqualTo("destroy_unconfirmed"));
		assertThat(files.ownerVersion("counter", "k"))
			.as("still owned here, one step past a tombstone that the silent node might record late")
			.isEqualTo(new Version(2, 6));
		silent.set(false);
		files.drop("counter", "k", files.ownerVersion("counter", "k"));
		assertThat(holderCatalog.dropped("counter", "k")).as("the holder's tombstone").isEqualTo(new Version(2, 6));
		files.close();
		holderCatalog.close();
	}

	/**
	 * A catalog row whose file is gone (a creation whose first copy failed used to leave one on its owner) is no copy:
	 * here this node's own row claims a newer version than the holder's replica, and the take-over must copy the
	 * replica rather than count the missing file as the newest copy (the actor would then not be found).
	 */
	@Test
	void aRowWithoutItsFileOnThisNodeIsNoCopy() throws Exception {
		ClusterFiles files = ownerFiles(Duration.ofSeconds(10));
		Holder holder = silentHolder();
		holder.silent().set(false);
		files.recordOwner("counter", "k", new Version(1, 6));
		assertThat(files.acquire("counter", "k")).isEqualTo(2);
		assertThat(Files.readAllBytes(files.file("counter", "k", FileProtocol.DB))).isEqualTo("the database".getBytes());
		assertThat(files.ownerVersion("counter", "k")).isEqualTo(new Version(2, 5));
		files.close();
		holder.catalog().close();
	}

	/**
	 * The same on another node: the holder's row claims the newest version but its file is gone. The take-over keeps
	 * this node's own copy instead of replacing it with the empty file the holder would send.
	 */
	@Test
	void aRowWithoutItsFileOnAnotherNodeDoesNotReplaceThisNodesCopy() throws Exception {
		ClusterFiles files = ownerFiles(Duration.ofSeconds(10));
		Holder holder = silentHolder();
		holder.silent().set(false);
		holder.catalog().record("counter", "k", Role.OWNER, new Version(1, 9));
		Files.createDirectories(files.file("counter", "k", FileProtocol.DB).getParent());
		Files.write(files.file("counter", "k", FileProtocol.DB), "this node's database".getBytes());
		Files.write(files.file("counter", "k", FileProtocol.WAL), "this node's log".getBytes());
		files.recordOwner("counter", "k", new Version(1, 7));
		assertThat(files.acquire("counter", "k")).isEqualTo(2);
		assertThat(Files.readAllBytes(files.file("counter", "k", FileProtocol.DB)))
			.isEqualTo("this node's database".getBytes());
		assertThat(files.ownerVersion("counter", "k")).isEqualTo(new Version(2, 7));
		files.close();
		holder.catalog().close();
	}

	/**
	 * Starts the second node, whose file service holds the newest copy of counter/k (a replica of generation 1 at
	 * commit 5) behind a front that stays silent while asked to, and waits until the owner knows only that front.
	 */
	private Holder silentHolder() throws Exception {
		this.holder = ActorSystem.create(Behaviors.empty(), "files", config());
		Cluster.get(this.owner).manager().tell(Join.create(Cluster.get(this.owner).selfMember().address()));
		Cluster.get(this.holder).manager().tell(Join.create(Cluster.get(this.owner).selfMember().address()));
		SqliteFileLayout holderLayout = new SqliteFileLayout(Files.createDirectories(this.dir.resolve("holder")));
		CopyCatalog holderCatalog = new CopyCatalog(holderLayout.dataDir());
		ActorRef<Command> service = this.holder.systemActorOf(FileService.create(holderCatalog,
				new CopyFiles(holderLayout)), "actor-files-real", Props.empty());
		AtomicBoolean silent = new AtomicBoolean(true);
		AtomicBoolean fencesSilent = new AtomicBoolean();
		java.util.concurrent.CountDownLatch fenceSeen = new java.util.concurrent.CountDownLatch(1);
		ActorRef<Command> front = this.holder.systemActorOf(silentWhile(silent, fencesSilent, fenceSeen, service),
				"actor-files", Props.empty());
		this.holder.receptionist().tell(Receptionist.register(FileService.KEY, front));
		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 5,
				FileProtocol.DB, true, 0, "the database".getBytes(), false, replyTo)).ok()).isTrue();
		assertThat(ask(service, (ActorRef<Ack> replyTo) -> new FileProtocol.ReplicaWrite("counter", "k", 1, 5,
				FileProtocol.WAL, true, 0, "the log, five commits".getBytes(), true, replyTo)).ok()).isTrue();
		awaitMembersUp();
		// the front stands for the holder's service: the real one (which registers itself) is withdrawn once seen
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (servicesSeenByOwner().size() < 3 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		this.holder.receptionist().tell(Receptionist.deregister(FileService.KEY, service));
		while (!servicesSeenByOwner().equals(Set.of("actor-files@" + addressOf(this.owner), "actor-files@"
				+ addressOf(this.holder))) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(servicesSeenByOwner()).as("the file services the owner knows")
			.containsExactlyInAnyOrder("actor-files@" + addressOf(this.owner), "actor-files@" + addressOf(this.holder));
		Thread.sleep(500); // the owner's ClusterFiles gets the same listing
		return new Holder(service, holderCatalog, silent, fencesSilent, fenceSeen);
	}

	/**
	 * A member that leaves the cluster while a take-over waits for its answer (a node that exits after handing its
	 * shards off never answers what reached it late) stops being waited for: the take-over goes on at once, as it
	 * would have had the member left before it began, instead of being refused when the whole round ran out.
	 */
	@Test
	void aMemberThatLeavesWhileAskedIsNotWaitedFor() throws Exception {
		ClusterFiles files = ownerFiles(Duration.ofSeconds(60));
		Holder holder = silentHolder();
		java.util.concurrent.CompletableFuture<Long> acquired = acquiring(files);
		Cluster.get(this.holder).manager().tell(org.apache.pekko.cluster.typed.Leave.create(Cluster.get(this.holder).selfMember().address()));
		// a round lasts 20 s here (a third of the timeout): without this rule the call times out below. The holder
		// told nothing of its copy (silent from the first round), so, as with a member that left before the
		// take-over, the actor starts afresh: a copy held only by a node that leaves gracefully is one a hand-off
		// already gave up (its owner would have been on another node)
		assertThat(acquired.get(15, java.util.concurrent.TimeUnit.SECONDS)).as("the generation taken").isEqualTo(1);
		files.close();
		holder.catalog().close();
	}

	/**
	 * A member that leaves between the two rounds of a take-over is not waited for, but the tombstone it told the
	 * first round of still counts: a stale copy (here this node's own, older than the destroy) does not bring the
	 * destroyed actor back.
	 */
	@Test
	void aTombstoneToldByAMemberThatLeavesBetweenTheRoundsStillCounts() throws Exception {
		ClusterFiles files = ownerFiles(Duration.ofSeconds(60));
		Holder holder = silentHolder();
		// the holder recorded the destroy of counter/k at generation 1, commit 5 (its replica goes with it)
		assertThat(ask(holder.service(), (ActorRef<Ack> replyTo) -> new FileProtocol.Drop("counter", "k", 1, 5,
				replyTo)).ok()).isTrue();
		// this node still has an older copy of its own, from before the destroy
		Files.createDirectories(files.file("counter", "k", FileProtocol.DB).getParent());
		Files.write(files.file("counter", "k", FileProtocol.DB), "stale database".getBytes());
		Files.write(files.file("counter", "k", FileProtocol.WAL), "stale log".getBytes());
		files.recordOwner("counter", "k", new Version(1, 3));
		holder.fencesSilent().set(true);
		holder.silent().set(false);
		java.util.concurrent.CompletableFuture<Long> acquired = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> files.acquire("counter", "k"));
		assertThat(holder.fenceSeen().await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the holder fenced").isTrue();
		Cluster.get(this.holder).manager().tell(org.apache.pekko.cluster.typed.Leave.create(Cluster.get(this.holder).selfMember().address()));
		assertThat(acquired.get(15, java.util.concurrent.TimeUnit.SECONDS)).as("the generation taken").isEqualTo(2);
		assertThat(Files.exists(files.file("counter", "k", FileProtocol.DB))).as("the stale copy, dropped").isFalse();
		assertThat(files.ownerVersion("counter", "k")).isEqualTo(new Version(2, 0));
		files.close();
		holder.catalog().close();
	}

	/**
	 * A member that only becomes unreachable while a take-over waits for it (a long pause, a flooded network) is
	 * still waited for, as it may hold the newest copy: the take-over is refused when the round runs out rather than
	 * made without it.
	 */
	@Test
	void aMemberThatBecomesUnreachableWhileAskedIsStillWaitedFor() throws Exception {
		ClusterFiles files = ownerFiles(Duration.ofSeconds(30));
		Holder holder = silentHolder();
		java.util.concurrent.CompletableFuture<Long> acquired = acquiring(files);
		blackhole(this.owner, this.holder);
		long deadline = System.nanoTime() + 9_000_000_000L; // within the first round (10 s here)
		while (Cluster.get(this.owner).state().getUnreachable().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(Cluster.get(this.owner).state().getUnreachable()).as("the holder, unreachable while asked")
			.isNotEmpty();
		assertThat(acquired).as("still waiting for it").isNotDone();
		assertThatThrownBy(() -> acquired.get(30, java.util.concurrent.TimeUnit.SECONDS))
			.hasCauseInstanceOf(StateStoreException.class)
			.satisfies((ex) -> assertThat(((StateStoreException) ex.getCause()).code()).isEqualTo("takeover_incomplete"));
		assertThat(Files.exists(files.file("counter", "k", FileProtocol.WAL))).isFalse();
		files.close();
		holder.catalog().close();
	}

	/**
	 * A member that is unreachable when a take-over begins, and not downed (here no downing provider runs: as in the
	 * seconds before the Split Brain Resolver decides, or a node in a long pause), may hold the newest copy: the
	 * take-over is refused, rather than made without it (the actor would then start afresh, or from an older copy,
	 * with a generation that outranks the newest copy for good). Once it is reachable again, its copy is taken.
	 */
	@Test
	void aMemberUnreachableWhenTheTakeOverBeginsIsNotLeftOut() throws Exception {
		ClusterFiles files = ownerFiles(Duration.ofSeconds(30));
		Holder holder = silentHolder();
		holder.silent().set(false);
		blackhole(this.owner, this.holder, true);
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (Cluster.get(this.owner).state().getUnreachable().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(Cluster.get(this.owner).state().getUnreachable()).as("the holder, unreachable").isNotEmpty();
		assertThatThrownBy(() -> files.acquire("counter", "k")).isInstanceOfSatisfying(StateStoreException.class,
				(ex) -> assertThat(ex.code()).isEqualTo("takeover_incomplete"));
		assertThat(Files.exists(files.file("counter", "k", FileProtocol.DB))).as("nothing taken").isFalse();

		blackhole(this.owner, this.holder, false);
		deadline = System.nanoTime() + 20_000_000_000L;
		while (!Cluster.get(this.owner).state().getUnreachable().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		// the receptionist lists the holder's service again a moment later (it leaves out unreachable nodes' services)
		Set<String> both = Set.of("actor-files@" + addressOf(this.owner), "actor-files@" + addressOf(this.holder));
		while (!servicesSeenByOwner().equals(both) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(servicesSeenByOwner()).as("the file services the owner knows again").isEqualTo(both);
		Thread.sleep(500); // the owner's ClusterFiles gets the same listing
		assertThat(files.acquire("counter", "k")).as("the generation taken, above the holder's").isEqualTo(2);
		assertThat(files.ownerVersion("counter", "k")).isEqualTo(new Version(2, 5));
		assertThat(Files.readAllBytes(files.file("counter", "k", FileProtocol.WAL)))
			.isEqualTo("the log, five commits".getBytes());
		files.close();
		holder.catalog().close();
	}

	/** Starts the owner's node, with its side of the actor files. */
	private ClusterFiles ownerFiles(Duration timeout) throws Exception {
		this.owner = ActorSystem.create(Behaviors.empty(), "files", config());
		return new ClusterFiles(this.owner, new SqliteFileLayout(Files.createDirectories(this.dir.resolve("owner"))),
				timeout, new ClusterStats(), 2);
	}

	/** Starts taking counter/k over, and checks that it waits for the silent holder. */
	private static java.util.concurrent.CompletableFuture<Long> acquiring(ClusterFiles files) throws Exception {
		java.util.concurrent.CompletableFuture<Long> acquired = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> files.acquire("counter", "k"));
		Thread.sleep(500);
		assertThat(acquired).as("waiting for the silent member").isNotDone();
		return acquired;
	}

	/** Drops every message between the two systems (Artery's test mode, on in {@link #config()}). */
	private static void blackhole(ActorSystem<?> from, ActorSystem<?> to) throws Exception {
		blackhole(from, to, true);
	}

	/** Drops every message between the two systems, or lets them through again. */
	@SuppressWarnings("deprecation")
	private static void blackhole(ActorSystem<?> from, ActorSystem<?> to, boolean on) throws Exception {
		Object both = Class.forName("org.apache.pekko.remote.transport.ThrottlerTransportAdapter$Direction$Both$")
			.getField("MODULE$")
			.get(null);
		((org.apache.pekko.remote.RARP) org.apache.pekko.remote.RARP
			.get(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(from))).provider()
			.transport()
			.managementCommand(new org.apache.pekko.remote.transport.ThrottlerTransportAdapter.SetThrottle(
					Cluster.get(to).selfMember().address(),
					(org.apache.pekko.remote.transport.ThrottlerTransportAdapter.Direction) both,
					on ? org.apache.pekko.remote.transport.ThrottlerTransportAdapter.Blackhole$.MODULE$
							: org.apache.pekko.remote.transport.ThrottlerTransportAdapter.Unthrottled$.MODULE$));
	}

	private Set<String> servicesSeenByOwner() throws Exception {
		Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
				this.owner.receptionist(), (replyTo) -> Receptionist.find(FileService.KEY, replyTo),
				Duration.ofSeconds(5), this.owner.scheduler())
			.toCompletableFuture()
			.get();
		Set<String> names = new java.util.HashSet<>();
		for (ActorRef<Command> ref : listing.getServiceInstances(FileService.KEY)) {
			String address = ref.path().address().hasLocalScope() ? addressOf(this.owner) : ref.path().address().toString();
			names.add(ref.path().name() + "@" + address);
		}
		return names;
	}

	private static String addressOf(ActorSystem<?> system) {
		return Cluster.get(system).selfMember().address().toString();
	}

	private static Behavior<Command> silentWhile(AtomicBoolean silent, AtomicBoolean fencesSilent,
			java.util.concurrent.CountDownLatch fenceSeen, ActorRef<Command> service) {
		return Behaviors.receiveMessage((command) -> {
			if (command instanceof FileProtocol.Fence) {
				fenceSeen.countDown();
			}
			if (!silent.get() && !(fencesSilent.get() && command instanceof FileProtocol.Fence)) {
				service.tell(command);
			}
			return Behaviors.same();
		});
	}

	private void awaitMembersUp() throws InterruptedException {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < deadline) {
			long up = 0;
			for (org.apache.pekko.cluster.Member member : Cluster.get(this.owner).state().getMembers()) {
				if (member.status() == MemberStatus.up()) {
					up++;
				}
			}
			if (up == 2) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the two nodes did not form a cluster within 30 s");
	}

	/** A cluster node's settings on loopback, with Artery's test mode (also used by {@link DestroyedFileTests}). */
	static Config config() {
		Map<String, Object> settings = new HashMap<>();
		settings.put("pekko.actor.provider", "cluster");
		settings.put("pekko.loglevel", "WARNING");
		settings.put("pekko.remote.artery.canonical.hostname", "127.0.0.1");
		settings.put("pekko.remote.artery.canonical.port", 0);
		settings.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
		settings.put("pekko.remote.artery.advanced.test-mode", "on");
		settings.put("pekko.actor.serializers.actor-spring", ClusterMessageSerializer.class.getName());
		settings.put("pekko.actor.serialization-bindings.\"" + ClusterMessage.class.getName() + "\"", "actor-spring");
		return ConfigFactory.parseMap(settings).withFallback(ConfigFactory.load());
	}

	private <T> T ask(ActorRef<Command> service, Function<ActorRef<T>, Command> message) throws Exception {
		return AskPattern.ask(service, message::apply, Duration.ofSeconds(5), this.holder.scheduler())
			.toCompletableFuture()
			.get();
	}

}
