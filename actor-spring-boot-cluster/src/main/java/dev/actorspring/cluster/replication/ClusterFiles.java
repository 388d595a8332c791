package dev.actorspring.cluster.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.actorspring.cluster.PekkoFutures;
import dev.actorspring.cluster.replication.CopyCatalog.Role;
import dev.actorspring.cluster.replication.CopyCatalog.Version;
import dev.actorspring.cluster.replication.FileProtocol.Ack;
import dev.actorspring.cluster.replication.FileProtocol.Chunk;
import dev.actorspring.cluster.replication.FileProtocol.Command;
import dev.actorspring.cluster.replication.FileProtocol.CopyInfo;
import dev.actorspring.cluster.view.ClusterStats;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.sqlite.SqliteFileLayout;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.jspecify.annotations.Nullable;

/**
 * This node's side of keeping actor files safe across nodes: it runs the {@link FileService}, knows the other
 * nodes' services, picks the replica of this node's actors (the next node up, by address), and acquires an
 * actor's newest copy when this node becomes its owner.
 */
public final class ClusterFiles {

	private static final Log logger = LogFactory.getLog(ClusterFiles.class);

	private final ActorSystem<?> system;

	private final CopyCatalog catalog;

	private final CopyFiles files;

	private final Duration timeout;

	private final Cluster cluster;

	private final ActorRef<Command> self;

	/** This node as a fence names it: its unique cluster address (a restarted node is another claimant). */
	private final String claimant;

	private final ClusterStats stats;

	private final int copies;

	private volatile Set<ActorRef<Command>> services = Set.of();

	/** What {@link #commitView()} last worked out, with what it was worked out from. */
	private volatile @Nullable CommitView commitView;

	/**
	 * Starts this node's file service.
	 * @param system the node's actor system
	 * @param layout where the runtime keeps the actor files
	 * @param timeout how long one message to another node may take
	 * @param stats where take-overs and replication are counted
	 * @param copies how many nodes hold a commit before it is acknowledged: 2 (the owner and its replica), or 1 (a
	 * deliberate single copy)
	 */
	public ClusterFiles(ActorSystem<?> system, SqliteFileLayout layout, Duration timeout, ClusterStats stats,
			int copies) {
		if (copies < 1 || copies > 2) {
			throw new IllegalArgumentException("actor.cluster.copies must be 1 or 2, not " + copies);
		}
		this.copies = copies;
		this.system = system;
		this.stats = stats;
		this.catalog = new CopyCatalog(layout.dataDir());
		this.files = new CopyFiles(layout);
		this.timeout = timeout;
		this.cluster = Cluster.get(system);
		// on the threads of Artery's streams: a write that arrives is handed to a thread of that small pool, which is
		// awake already, rather than to a parked one of the default dispatcher (each hand-off costs a thread switch,
		// the main cost of replication on few cores: 20-25% more replicated calls per second at one connection). Its
		// messages are short (one chunk of at most 192 KiB, a few catalog rows), and cluster heartbeats travel on
		// Artery's control stream, on another dispatcher.
		this.self = system.systemActorOf(FileService.create(this.catalog, this.files), "actor-files",
				org.apache.pekko.actor.typed.DispatcherSelector.fromConfig("pekko.remote.default-remote-dispatcher")
					.withMailboxFromConfig(FileService.MAILBOX));
		this.claimant = org.apache.pekko.cluster.Cluster.get(system).selfUniqueAddress().toString();
		system.systemActorOf(Behaviors.<Receptionist.Listing>setup((context) -> {
			context.getSystem().receptionist().tell(Receptionist.subscribe(FileService.KEY, context.getSelf()));
			return Behaviors.receiveMessage((listing) -> {
				this.services = Set.copyOf(listing.getServiceInstances(FileService.KEY));
				return Behaviors.same();
			});
		}), "actor-files-listing", Props.empty());
	}

	/**
	 * Makes this node's copy of an actor's file the newest one before it opens there: fences every reachable node
	 * with a generation above any known, then fetches the newest copy if this node's own is older. Every member up
	 * and reachable must answer both rounds: one that stays silent may hold the newest copy, so the take-over is
	 * refused (and tried again by the next request) rather than made from an older copy or from none; so is one
	 * while a member that is up or leaving is unreachable and not downed yet. Only a member that exits or is downed
	 * while asked stops being waited for (as the next take-over would leave it out anyway); a tombstone it told the
	 * first round of still counts.
	 * @param actor the actor type name
	 * @param key the key
	 * @return this node's new generation of the actor (the fence it announced)
	 * @throws StateStoreException refused {@code takeover_incomplete} if a reachable member did not answer in time, or
	 * one is unreachable and not downed
	 */
	public long acquire(String actor, String key) {
		List<ActorRef<Command>> nodes = liveServices(actor, key);
		long highest = 0;
		List<CopyInfo> inquired = askEvery(nodes, actor, key,
				(replyTo) -> new FileProtocol.Inquire(actor, key, replyTo), null);
		for (CopyInfo info : inquired) {
			highest = Math.max(highest, Math.max(info.generation(), info.fence()));
		}
		long generation = highest + 1;
		// a node that left between the rounds is not waited for; the tombstone it told of still counts
		List<CopyInfo> fenced = askEvery(nodes, actor, key,
				(replyTo) -> new FileProtocol.Fence(actor, key, generation, this.claimant, replyTo), inquired);
		if (contested(fenced, generation, this.claimant)) {
			// another take-over of this actor announced a newer generation, or the same one first: that one owns it
			throw StateStoreException.refused("takeover_incomplete", "Not taken over: another node is taking "
					+ actor + "/" + key + " over at the same time; try again.");
		}
		List<Candidate> candidates = livingCopies(actor, key, nodes, fenced);
		// newest first; among equals this node's own copies, then replicas (their node is not the one leaving)
		candidates.sort(Comparator.comparing((Candidate candidate) -> version(candidate.info())).reversed()
			.thenComparing((candidate) -> !candidate.node().equals(this.self))
			.thenComparing((candidate) -> candidate.info().role() != Role.REPLICA.ordinal()));
		long seq = 0;
		if (!candidates.isEmpty()) {
			Version newest = version(candidates.get(0).info());
			seq = newest.seq();
			StateStoreException failure = null;
			boolean copied = false;
			for (Candidate candidate : candidates) {
				if (version(candidate.info()).compareTo(newest) < 0) {
					break;
				}
				if (candidate.node().equals(this.self) && candidate.info().role() == Role.OWNER.ordinal()) {
					copied = true;
					this.stats.tookOver(ClusterStats.TakeoverSource.LOCAL);
					break;
				}
				try {
					copyToOwner(actor, key, candidate.node(), Role.values()[candidate.info().role()]);
					copied = true;
					this.stats.tookOver((candidate.info().role() == Role.OWNER.ordinal())
							? ClusterStats.TakeoverSource.OWNER : ClusterStats.TakeoverSource.REPLICA);
					break;
				}
				catch (StateStoreException ex) {
					failure = ex;
				}
			}
			if (!copied) {
				throw (failure != null) ? failure
						: new StateStoreException("No node could give the newest copy of " + actor + "/" + key, null);
			}
		}
		Version mine = new Version(generation, seq);
		this.catalog.record(actor, key, Role.OWNER, mine);
		return generation;
	}

	/**
	 * Whether another take-over holds the actor on some node: a fence above this one's generation, or the same
	 * generation announced there first by another node (two take-overs that picked the same generation at once).
	 * @param fenced what each node answered to this take-over's fence
	 * @param generation this take-over's generation
	 * @param claimant this node
	 * @return whether this take-over must give up
	 */
	static boolean contested(List<CopyInfo> fenced, long generation, String claimant) {
		for (CopyInfo info : fenced) {
			if (info.fence() > generation || (info.fence() == generation && !info.fenceClaimant().isEmpty()
					&& !info.fenceClaimant().equals(claimant))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The copies the fenced nodes hold that are newer than the newest destroy any of them recorded. Copies up to it
	 * are of a destroyed actor: they are dropped (and gone before the actor opens here, this node's own stale file
	 * among them), and the tombstone is recorded here too.
	 * @throws StateStoreException refused {@code takeover_incomplete} if a stale copy could not be dropped
	 */
	private List<Candidate> livingCopies(String actor, String key, List<ActorRef<Command>> nodes,
			List<CopyInfo> fenced) {
		Version destroyed = Version.NONE;
		for (CopyInfo info : fenced) {
			Version dropped = new Version(info.droppedGeneration(), info.droppedSeq());
			destroyed = (dropped.compareTo(destroyed) > 0) ? dropped : destroyed;
		}
		if (destroyed.compareTo(Version.NONE) > 0) {
			this.catalog.recordDrop(actor, key, destroyed);
		}
		List<Candidate> candidates = new ArrayList<>();
		List<ActorRef<Command>> stale = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			CopyInfo info = fenced.get(i);
			if (info.role() != FileProtocol.NO_COPY && version(info).compareTo(destroyed) > 0) {
				candidates.add(new Candidate(nodes.get(i), info));
			}
			else if (info.role() != FileProtocol.NO_COPY) {
				stale.add(nodes.get(i));
			}
		}
		Version tombstone = destroyed;
		List<@Nullable Ack> dropped = askAll(stale, (ActorRef<Ack> replyTo) -> new FileProtocol.Drop(actor, key,
				tombstone.generation(), tombstone.seq(), replyTo), this.timeout, this::gone);
		boolean undropped = false;
		for (int i = 0; i < stale.size(); i++) {
			Ack ack = dropped.get(i);
			// no answer, or no tombstone recorded there; or this node could not delete its own copy (an I/O error),
			// which it would open as the owner. Another node's copy left on its disk is outranked by its tombstone
			boolean ownCopyLeft = ack != null && stale.get(i).equals(this.self)
					&& ack.reason().startsWith(FileService.COPY_LEFT);
			undropped |= (ack == null || !ack.ok() || ownCopyLeft) && !gone(stale.get(i));
		}
		if (undropped) {
			throw StateStoreException.refused("takeover_incomplete", "Not taken over: a copy of the destroyed "
					+ actor + "/" + key + " could not be dropped; try again.");
		}
		return candidates;
	}

	/**
	 * After this node's entity of an actor stopped: if the actor has no file here (it was only read, never created,
	 * as a request for a key that does not exist is), forgets what its take-over left on every node (this node's
	 * owner row, and the fences of its generation on nodes that hold no copy and no tombstone of it), so that
	 * requests for keys that never exist leave nothing behind. An actor with a file keeps its rows, one per actor,
	 * as it keeps its file.
	 * @param actor the actor type name
	 * @param key the key
	 * @param generation the generation the stopped entity acquired
	 */
	public void release(String actor, String key, long generation) {
		if (Files.exists(this.files.file(actor, key, Role.OWNER, FileProtocol.DB))) {
			return;
		}
		this.catalog.forgetEmpty(actor, key, Role.OWNER, generation);
		for (ActorRef<Command> node : this.services) {
			node.tell(new FileProtocol.Unfence(actor, key, generation));
		}
	}

	/** A node's copy, for {@link #acquire}. */
	private record Candidate(ActorRef<Command> node, CopyInfo info) {
	}

	/**
	 * The file services of this node and of every member that is joining, up or leaving and reachable.
	 * @throws StateStoreException refused {@code takeover_incomplete} if the service of such a member that is up or
	 * leaving is not known yet (moments after it joined), or if a member that is up or leaving is unreachable and not
	 * downed yet
	 */
	private List<ActorRef<Command>> liveServices(String actor, String key) {
		Address selfAddress = this.cluster.selfMember().address();
		org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state = this.cluster.state(); // read once
		Set<Address> unreachable = new java.util.HashSet<>();
		state.getUnreachable().forEach((member) -> unreachable.add(member.address()));
		java.util.Map<Address, ActorRef<Command>> known = new java.util.HashMap<>();
		this.services.forEach((service) -> known.put(service.path().address(), service));
		List<ActorRef<Command>> nodes = new ArrayList<>();
		nodes.add(this.self);
		for (org.apache.pekko.cluster.Member member : state.getMembers()) {
			MemberStatus status = member.status();
			boolean live = status == MemberStatus.up() || status == MemberStatus.leaving()
					|| status == MemberStatus.joining() || status == MemberStatus.weaklyUp();
			if (!live || member.address().equals(selfAddress)) {
				continue;
			}
			boolean joining = status == MemberStatus.joining() || status == MemberStatus.weaklyUp();
			if (unreachable.contains(member.address())) {
				if (joining) {
					continue; // only joining: it holds no copy a single failure could have left as the newest one
				}
				// up or leaving, not downed: it may be alive (a long pause, a network that flaps) and hold the newest
				// copy; taken over without it, the actor would get a generation that outranks that copy for good.
				// Once the Split Brain Resolver downs it (then it is dead or stops itself), it is left out
				throw StateStoreException.refused("takeover_incomplete", "Not taken over: " + member.address()
						+ " is unreachable and not downed yet, and that node may hold the newest copy of " + actor + "/"
						+ key + "; try again.");
			}
			ActorRef<Command> service = known.get(member.address());
			if (service == null && joining) {
				// a node that is only joining holds no copy a single failure could have left as the newest one
				continue;
			}
			if (service == null) {
				throw StateStoreException.refused("takeover_incomplete", "Not taken over: the file service of "
						+ member.address() + " is not known yet, and that node may hold the newest copy of " + actor
						+ "/" + key + "; try again.");
			}
			nodes.add(service);
		}
		return nodes;
	}

	/**
	 * Asks every node at once and waits for all the answers, in the order of the nodes.
	 * @throws StateStoreException refused {@code takeover_incomplete} if one does not answer in time
	 */
	private List<CopyInfo> askEvery(List<ActorRef<Command>> nodes, String actor, String key,
			Function<ActorRef<CopyInfo>, Command> message, @Nullable List<CopyInfo> inquired) {
		// a third of the request timeout per round: a silent member makes the caller's request fail with
		// takeover_incomplete (try again) before the request itself times out
		Duration wait = this.timeout.dividedBy(3);
		List<@Nullable CopyInfo> answers = askAll(nodes, message, wait, this::gone);
		List<CopyInfo> copies = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			CopyInfo answer = answers.get(i);
			if (answer == null && !gone(nodes.get(i))) {
				throw StateStoreException.refused("takeover_incomplete", "Not taken over: "
						+ nodes.get(i).path().address() + " did not answer within " + wait
						+ ", and it may hold the newest copy of " + actor + "/" + key + "; try again.");
			}
			// a member that left while asked (its shards were handed off, or the cluster downed it) counts as it
			// would have, had it left before the question: as holding no copy this take-over can fetch; but a
			// tombstone it told the first round of still counts, so that no stale copy brings the actor back
			CopyInfo told = (inquired != null) ? inquired.get(i) : null;
			copies.add((answer != null) ? answer : new CopyInfo(FileProtocol.NO_COPY, 0, 0, 0,
					(told != null) ? told.droppedGeneration() : 0, (told != null) ? told.droppedSeq() : 0, ""));
		}
		return copies;
	}

	/**
	 * Whether a node no longer counts for a take-over: it is not a member any more, or it is exiting or down, as a
	 * member already was when {@link #liveServices} left it out. A member that is only unreachable still counts
	 * (it may be in a long pause, holding the newest copy): the take-over waits for it, and is refused if it stays
	 * silent.
	 */
	private boolean gone(ActorRef<Command> node) {
		Address address = node.path().address();
		if (node.equals(this.self) || !address.hasGlobalScope()) {
			return false;
		}
		org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state = this.cluster.state();
		for (org.apache.pekko.cluster.Member member : state.getMembers()) {
			if (member.address().equals(address)) {
				MemberStatus status = member.status();
				boolean live = status == MemberStatus.up() || status == MemberStatus.leaving()
						|| status == MemberStatus.joining() || status == MemberStatus.weaklyUp();
				return !live;
			}
		}
		return true;
	}

	/** Whether this node sees the node's member as unreachable now. */
	private boolean unreachable(ActorRef<Command> node) {
		Address address = node.path().address();
		for (org.apache.pekko.cluster.Member member : this.cluster.state().getUnreachable()) {
			if (member.address().equals(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Sends the message to every node at once and waits for the answers.
	 * @param givenUp whether a node that has not answered yet stops being waited for (checked every 100 ms)
	 * @return the answers in the order of the nodes, {@code null} where a node did not answer within the wait or was
	 * given up
	 */
	private <T> List<@Nullable T> askAll(List<ActorRef<Command>> nodes, Function<ActorRef<T>, Command> message,
			Duration wait, java.util.function.Predicate<ActorRef<Command>> givenUp) {
		List<CompletionStage<T>> replies = new ArrayList<>();
		for (ActorRef<Command> node : nodes) {
			replies.add(AskPattern.ask(node, message::apply, wait, this.system.scheduler()));
		}
		long deadline = System.nanoTime() + wait.toNanos() + TimeUnit.SECONDS.toNanos(1);
		List<@Nullable T> answers = new ArrayList<>();
		for (int i = 0; i < replies.size(); i++) {
			answers.add(await(replies.get(i).toCompletableFuture(), nodes.get(i), deadline, givenUp));
		}
		return answers;
	}

	/**
	 * One node's answer, or {@code null} if it did not come by the deadline, or the node is {@link #gone} (left
	 * the cluster while asked: a node that exits after handing its shards off never answers what reached it late,
	 * and waiting the whole round for it would pause the take-overs it caused).
	 */
	private <T> @Nullable T await(CompletableFuture<T> reply, ActorRef<Command> node, long deadline,
			java.util.function.Predicate<ActorRef<Command>> givenUp) {
		while (true) {
			long left = deadline - System.nanoTime();
			try {
				return reply.get(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100))), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StateStoreException("Interrupted while waiting for the other nodes", ex);
			}
			catch (java.util.concurrent.TimeoutException ex) {
				if (left <= 0 || givenUp.test(node)) {
					return null;
				}
			}
			catch (Exception ex) {
				return null;
			}
		}
	}

	private static Version version(CopyInfo info) {
		return new Version(info.generation(), info.seq());
	}

	private void copyToOwner(String actor, String key, ActorRef<Command> source, Role role) {
		Path db = this.files.file(actor, key, Role.OWNER, FileProtocol.DB);
		Path wal = this.files.file(actor, key, Role.OWNER, FileProtocol.WAL);
		try {
			for (int target : new int[] { FileProtocol.DB, FileProtocol.WAL }) {
				Path incoming = CopyFiles.incoming((target == FileProtocol.DB) ? db : wal);
				Files.deleteIfExists(incoming);
				long offset = 0;
				while (true) {
					long at = offset;
					Chunk chunk = ask(source, (replyTo) -> new FileProtocol.Fetch(actor, key, role.ordinal(), target, at,
							replyTo));
					if (chunk.length() < 0) {
						throw new StateStoreException("The copy of " + actor + "/" + key + " could not be read on "
								+ source.path().address(), null);
					}
					CopyFiles.write(incoming, offset, chunk.bytes(), offset == 0);
					offset += chunk.bytes().length;
					if (offset >= chunk.length() || chunk.bytes().length == 0) {
						break;
					}
				}
			}
			CopyFiles.replace(db, wal, CopyFiles.incoming(db), CopyFiles.incoming(wal));
			logger.info("Took the copy of " + actor + "/" + key + " (" + role + ") from " + source.path().address());
		}
		catch (IOException ex) {
			throw new StateStoreException("Could not take the copy of " + actor + "/" + key, ex);
		}
	}

	/**
	 * The owner's version of an actor's file on this node, as set by {@link #acquire}.
	 * @param actor the actor type name
	 * @param key the key
	 * @return the version, or a first version if this node never acquired it (a brand new actor)
	 */
	Version ownerVersion(String actor, String key) {
		Version version = this.catalog.find(actor, key, Role.OWNER);
		Version start = (version != null) ? version : new Version(Math.max(1, this.catalog.fence(actor, key)), 0);
		// an actor created again after a destroy on this node counts on from the destroy: its copies are newer
		Version destroyed = this.catalog.dropped(actor, key);
		return (start.compareTo(destroyed) >= 0) ? start : destroyed;
	}

	boolean fencedAbove(String actor, String key, long generation) {
		return this.catalog.fencedAbove(actor, key, generation);
	}

	CopyCatalog.FenceWatch watchFence(String actor, String key) {
		return this.catalog.watchFence(actor, key);
	}

	void unwatchFence(String actor, String key, CopyCatalog.FenceWatch watch) {
		this.catalog.unwatchFence(actor, key, watch);
	}

	void recordOwner(String actor, String key, Version version) {
		this.catalog.record(actor, key, Role.OWNER, version);
	}

	/** Records a tombstone on this node only (a creation that failed: what any node holds of it is disregarded). */
	void recordDestroyed(String actor, String key, Version version) {
		this.catalog.recordDrop(actor, key, version);
	}

	/**
	 * This node's counts of take-overs and replication.
	 * @return the counts
	 */
	public ClusterStats stats() {
		return this.stats;
	}

	/** How many actors' fences this node keeps in memory: those of its open owners (for tests). */
	int fencesInMemory() {
		return this.catalog.fencesInMemory();
	}

	/** This node's file service (for tests). */
	ActorRef<Command> service() {
		return this.self;
	}

	/** How long one message to another node may take. */
	Duration timeout() {
		return this.timeout;
	}

	/**
	 * The node that keeps the replicas of this node's actors.
	 * @return its address, or {@code null} if this node is alone
	 */
	public @Nullable Address replicaAddress() {
		try {
			ActorRef<Command> replica = replicaTarget();
			return (replica != null) ? replica.path().address() : null;
		}
		catch (StateStoreException ex) {
			return null;
		}
	}

	/**
	 * The file service of the node that keeps the replicas of this node's actors: the next member up, by
	 * address, whose file service this node knows.
	 * @return the service, or {@code null} if no other member is up (this node is alone: nothing to copy to)
	 * @throws StateStoreException refused {@code no_replica} if other members are up but none's file service is
	 * known yet (a commit must not be acknowledged without its copy)
	 */
	@Nullable ActorRef<Command> replicaTarget() {
		return replicaOf(commitView());
	}

	private static @Nullable ActorRef<Command> replicaOf(CommitView view) {
		if (view.servicesUnknown()) {
			// a member that just joined: its file service is announced within moments
			throw StateStoreException.refused("no_replica", "Not committed: the other nodes' file services are not "
					+ "known yet, so no node can hold the copy that every commit needs; try again.");
		}
		return view.replica();
	}

	/**
	 * What a commit needs to know of the cluster, worked out once per cluster state and listing of file services
	 * (asked before every commit; Pekko keeps one state object until it changes): whether this node reaches a
	 * majority, and the replica of its actors (none when no other member is up, or none because no other member's
	 * file service is known yet).
	 */
	private record CommitView(Object state, Set<ActorRef<Command>> services, boolean seesMajority,
			@Nullable ActorRef<Command> replica, boolean servicesUnknown) {
	}

	private CommitView commitView() {
		org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state = this.cluster.state();
		Set<ActorRef<Command>> listed = this.services;
		CommitView known = this.commitView;
		if (known == null || known.state() != state || known.services() != listed) {
			known = workOutCommitView(state, listed);
			this.commitView = known;
		}
		return known;
	}

	/**
	 * Works a {@link CommitView} out. This node sees a majority when it reaches more than half of the members that
	 * are up or leaving (itself included): on the minority side of a partition it must not acknowledge, even with a
	 * replica on the same side, as the majority takes its actors over from the copies it can reach. Its replica is
	 * the next member up and reachable, by address, whose file service it knows.
	 */
	private CommitView workOutCommitView(org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state,
			Set<ActorRef<Command>> listed) {
		Address selfAddress = this.cluster.selfMember().address();
		Set<Address> unreachable = new java.util.HashSet<>();
		state.getUnreachable().forEach((member) -> unreachable.add(member.address()));
		List<Address> up = new ArrayList<>();
		int members = 0;
		int reachable = 0;
		for (org.apache.pekko.cluster.Member member : state.getMembers()) {
			boolean counted = member.status() == MemberStatus.up() || member.status() == MemberStatus.leaving();
			boolean reached = !unreachable.contains(member.address());
			members += counted ? 1 : 0;
			reachable += (counted && reached) ? 1 : 0;
			if (member.status() == MemberStatus.up() && !member.address().equals(selfAddress) && reached) {
				up.add(member.address());
			}
		}
		boolean sees = members == 0 || reachable * 2 > members;
		if (up.isEmpty()) {
			return new CommitView(state, listed, sees, null, false);
		}
		java.util.Map<Address, ActorRef<Command>> known = new java.util.HashMap<>();
		listed.forEach((service) -> known.put(service.path().address(), service));
		Comparator<Address> order = Comparator.comparing(Address::toString);
		up.removeIf((address) -> !known.containsKey(address));
		if (up.isEmpty()) {
			return new CommitView(state, listed, sees, null, true);
		}
		up.sort(order);
		Address next = up.stream().filter((address) -> order.compare(address, selfAddress) > 0).findFirst().orElse(up.get(0));
		return new CommitView(state, listed, sees, known.get(next), false);
	}

	/**
	 * The node a commit is to be copied to, checked before the commit so that one that cannot get its copy is
	 * refused before anything is written: with two copies required, when no other member is up and reachable (this
	 * node is alone, or on the minority side of a partition), or while none's file service is known yet.
	 * @return the replica's file service, or {@code null} if a single copy is allowed and this node is alone
	 * @throws StateStoreException refused {@code no_replica}
	 */
	@Nullable ActorRef<Command> commitTarget() {
		CommitView view = commitView();
		if (this.copies > 1 && !view.seesMajority()) {
			throw StateStoreException.refused("no_replica", "Not committed: this node reaches only a minority of the "
					+ "cluster's members (a partition), whose other side may take its actors over; try again.");
		}
		ActorRef<Command> replica = replicaOf(view);
		if (this.copies > 1 && replica == null) {
			throw StateStoreException.refused("no_replica", "Not committed: no other node of the cluster is reachable "
					+ "to hold the copy that every commit needs (actor.cluster.copies=2); try again.");
		}
		return replica;
	}

	/**
	 * Sends one replicated write without waiting: the messages to one replica arrive in the order they were sent.
	 * @return completes when the replica applied it, or exceptionally (a {@link StateStoreException}) when it
	 * refused it or did not answer within the timeout
	 */
	CompletableFuture<Void> replicate(ActorRef<Command> replica,
			Function<ActorRef<Ack>, FileProtocol.ReplicaWrite> write) {
		// also timed out here: Pekko's own timeout never fires once its scheduler stopped (the node shuts down)
		return PekkoFutures.plain(AskPattern.<Command, Ack>ask(replica, write::apply, this.timeout, this.system.scheduler()))
			.orTimeout(this.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
			.handle((ack, failure) -> {
				if (failure != null) {
					throw new StateStoreException("No answer from " + replica.path().address() + " within "
							+ this.timeout, failure);
				}
				if (!ack.ok()) {
					throw new StateStoreException("The replica on " + replica.path().address()
							+ " refused the write: " + ack.reason(), null);
				}
				return null;
			});
	}

	/**
	 * Records that an actor was destroyed: a tombstone on every other node whose file service is known (which also
	 * forget their copies of it), then in this node's catalog. With two copies, at least one other node must have
	 * recorded it, or nothing is recorded and the destroy is refused: a destroy answered while only this node knew
	 * of it would be undone by a take-over from an older copy if this node were lost. A node that misses it cannot
	 * bring the actor back as long as one node that recorded it takes part in the next take-over.
	 * @param actor the actor type name
	 * @param key the key
	 * @param destroyed the version of the actor's last commit
	 * @throws StateStoreException refused {@code destroy_unconfirmed} if no other node recorded it (with two copies)
	 */
	void drop(String actor, String key, Version destroyed) {
		// this node's own file is deleted by the store; a late Drop of its own could hit the actor created again
		List<ActorRef<Command>> nodes = new ArrayList<>(this.services);
		nodes.remove(this.self);
		// a node that is or becomes unreachable is not waited for: one other node's tombstone is enough
		List<@Nullable Ack> acks = askAll(nodes, (ActorRef<Ack> replyTo) -> new FileProtocol.Drop(actor, key,
				destroyed.generation(), destroyed.seq(), replyTo), this.timeout,
				(node) -> gone(node) || unreachable(node));
		int others = 0;
		for (int i = 0; i < nodes.size(); i++) {
			Ack ack = acks.get(i);
			if (ack != null && ack.ok()) {
				others++;
			}
			else {
				logger.warn(nodes.get(i).path().address() + " did not record the destroy of " + actor + "/" + key
						+ " within " + this.timeout + "; its copy is disregarded by any take-over that reaches a node "
						+ "which did");
			}
		}
		if (others == 0 && this.copies > 1) {
			// a node may still record the tombstone after its answer timed out: this copy goes one step past it, so
			// that the actor, which stays, outranks a tombstone that landed late
			this.catalog.record(actor, key, Role.OWNER, new Version(destroyed.generation(), destroyed.seq() + 1));
			throw StateStoreException.refused("destroy_unconfirmed", "The destroy of " + actor + "/" + key
					+ " could not be recorded on another node: the actor was not destroyed; try again.");
		}
		this.catalog.recordDrop(actor, key, destroyed);
	}

	/**
	 * This node deleted the file of an actor it destroyed ({@link #drop}): its owner's row goes. Until then the row
	 * marks the file as one of a destroyed actor ({@link #destroyedHere}).
	 */
	void destroyedFileDeleted(String actor, String key) {
		this.catalog.forget(actor, key, Role.OWNER);
	}

	/**
	 * This node could not delete the file of an actor it destroyed: its owner's row, at the destroyed version, keeps
	 * marking the file as one of a destroyed actor, which the next open here deletes ({@link #destroyedHere}) and
	 * which every take-over sees as a stale copy and drops.
	 */
	void destroyedFileLeft(String actor, String key, Version destroyed) {
		this.catalog.record(actor, key, Role.OWNER, destroyed);
	}

	/**
	 * Whether this node's file of an actor, if it has one, is of a destroyed actor: a tombstone is recorded here and
	 * this node's owner's row is not above it (a file left behind by a destroy, or a row left by a crash after the
	 * file was deleted). An actor created again after a destroy has no row until its storage closes, then one above.
	 */
	boolean destroyedHere(String actor, String key) {
		Version destroyed = this.catalog.dropped(actor, key);
		if (destroyed.compareTo(Version.NONE) == 0) {
			return false;
		}
		Version owner = this.catalog.find(actor, key, Role.OWNER);
		return owner != null && owner.compareTo(destroyed) <= 0;
	}

	Path file(String actor, String key, int target) {
		return this.files.file(actor, key, Role.OWNER, target);
	}

	private <T> T ask(ActorRef<Command> target, Function<ActorRef<T>, Command> message) {
		CompletionStage<T> reply = AskPattern.ask(target, message::apply, this.timeout, this.system.scheduler());
		try {
			return reply.toCompletableFuture().get(this.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StateStoreException("Interrupted while waiting for " + target.path().address(), ex);
		}
		catch (Exception ex) {
			throw new StateStoreException("No answer from " + target.path().address() + " within " + this.timeout, ex);
		}
	}

	public void close() {
		this.catalog.close();
	}

}
