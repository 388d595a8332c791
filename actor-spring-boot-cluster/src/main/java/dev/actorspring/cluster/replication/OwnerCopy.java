package dev.actorspring.cluster.replication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.actorspring.cluster.replication.CopyCatalog.Version;
import dev.actorspring.cluster.replication.FileProtocol.Ack;
import dev.actorspring.cluster.replication.FileProtocol.Command;
import dev.actorspring.persistence.StateStoreException;
import org.apache.pekko.actor.typed.ActorRef;
import org.jspecify.annotations.Nullable;

/**
 * Ships one owned actor's committed groups to its replica. SQLite in WAL mode writes a commit as frames appended
 * to the {@code -wal} file (the store keeps it cut to its valid end), and rewrites the database file only when it
 * checkpoints, after which the log starts over with a new header. So after each commit: if the replica, the log's
 * header or its length went back since the last shipment, the whole database and log go (a full copy); else only
 * the bytes appended to the log (a delta).
 * <p>
 * Shipping is pipelined: the bytes are read right after the commit, on the instance's turn (while nothing can
 * change the files), and {@link #ship()} returns without waiting, with the future that confirms the commit; the
 * instance goes on with its next turns meanwhile. One shipment per actor is on its way at a time: the commits made
 * while it travels are read into the next one, which leaves when it is acknowledged (so shipments grow under load,
 * and each confirms every commit it carries). The replica applies one owner's writes in the order they were sent,
 * and refuses a delta that does not follow the version it holds; a failed shipment makes the next one read on the
 * instance's turn a full copy.
 */
final class OwnerCopy {

	private static final int WAL_HEADER = 32;

	/** The most bytes of one file a shipment takes (it is read into memory). */
	private static final int MAX_COPY = Integer.MAX_VALUE - 64;

	/** The most bytes read into the next shipment before the instance waits for the one on its way. */
	private static final int MAX_PENDING_BYTES = 8 * 1024 * 1024;

	private final ClusterFiles files;

	private final String actor;

	private final String key;

	private final Path db;

	private final Path wal;

	/** The version of the last shipment prepared (the instance's turn only). */
	private Version version;

	/** The replica of the commit in progress, as {@link #checkCanCommit()} found it. */
	private @Nullable ActorRef<Command> target;

	/** What the shipments prepared so far cover: to which replica, the log's header and its length. */
	private @Nullable ActorRef<Command> readFor;

	private byte @Nullable [] readHeader;

	private long readLength;

	/**
	 * Whether the catalog holds this owner's version as of a commit confirmed with no replica since the last
	 * shipment (on the instance's thread).
	 */
	private boolean singleCopyRecorded;

	/** Set when a shipment failed (any thread): the next one prepared is a full copy. */
	private volatile boolean lost;

	/** The shipment on its way, and the next one, filled meanwhile; guarded by {@code this}. */
	private @Nullable Shipment inFlight;

	private @Nullable Shipment next;

	/** The confirmation of the last commit shipped (done when nothing was shipped yet). */
	private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

	/**
	 * The fence this owner watches from its opening to {@link #closed()} or {@link #abandoned()}, or {@code null} for
	 * a copy that only checks once ({@link #checkOnce}).
	 */
	private final CopyCatalog.@Nullable FenceWatch fence;

	/** Whether {@link #fence} is still watched (released once, however often the storage is closed). */
	private final java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);

	/** The owner copy of an opened or created storage: it watches the actor's fence until it is closed. */
	OwnerCopy(ClusterFiles files, String actor, String key) {
		this(files, actor, key, true);
	}

	private OwnerCopy(ClusterFiles files, String actor, String key, boolean watch) {
		this.files = files;
		this.actor = actor;
		this.key = key;
		this.db = files.file(actor, key, FileProtocol.DB);
		this.wal = files.file(actor, key, FileProtocol.WAL);
		this.version = files.ownerVersion(actor, key);
		this.fence = watch ? files.watchFence(actor, key) : null;
	}

	/**
	 * Refuses what a commit would be refused, once, for an actor whose storage is not at hand (a destroy's check).
	 * @throws StateStoreException as {@link #checkCanCommit()}
	 */
	static void checkOnce(ClusterFiles files, String actor, String key) {
		new OwnerCopy(files, actor, key, false).checkCanCommit();
	}

	/**
	 * Refuses to commit once another node announced a newer generation for this actor (this node lost it), or when
	 * no node could hold the copy the commit needs.
	 * @throws StateStoreException if fenced, or refused {@code no_replica}
	 */
	void checkCanCommit() {
		this.target = this.files.commitTarget();
		long generation = this.version.generation();
		boolean fenced = (this.fence != null) ? this.fence.above(generation)
				: this.files.fencedAbove(this.actor, this.key, generation);
		if (fenced) {
			throw new StateStoreException("Not committed: " + this.actor + "/" + this.key + " is owned by another node "
					+ "now (its generation is above " + this.version.generation() + ")", null);
		}
	}

	/**
	 * Reads what the last commit added into a shipment to the replica chosen by {@link #checkCanCommit()} before it,
	 * if there is one and something was added, and sends it unless another shipment is on its way. Called right after
	 * the commit, while the files stay as it left them.
	 * @return completes when the replica holds everything committed so far (at once when there is no replica), or
	 * exceptionally with a {@link StateStoreException}
	 * @throws StateStoreException if the files could not be read (nothing was sent)
	 */
	CompletableFuture<Void> ship() {
		ActorRef<Command> replica = this.target;
		try {
			for (;;) {
				if (this.lost) {
					this.lost = false;
					this.readFor = null;
				}
				CompletableFuture<Void> shipped;
				// one open for the length and the reads (a log that shrank meanwhile fails the read); held while
				// the shipment waits for room, if it must (MAX_PENDING_BYTES)
				try (CopyFiles.OpenFile log = CopyFiles.openForReads(this.wal)) {
					shipped = prepare(log, replica);
				}
				if (shipped != null) {
					return shipped;
				}
				// the shipment before failed meanwhile: a delta would be refused, so the next try reads a full copy
			}
		}
		catch (IOException | RuntimeException ex) {
			// nothing of this commit was read: the next shipment is a full copy
			this.readFor = null;
			this.files.stats().replicationFailed();
			throw (ex instanceof StateStoreException stateStoreException) ? stateStoreException
					: new StateStoreException("Could not replicate " + this.db, ex);
		}
	}

	/**
	 * Reads what the last commit added (all of it for a full copy) into the next shipment, on the instance's turn.
	 * @param log the actor's log, open
	 * @param replica the replica, {@code null} for a deliberate single copy
	 * @return the confirmation of the commit, or {@code null} if the shipment before failed meanwhile (a delta would
	 * be refused: read again, as a full copy)
	 */
	private @Nullable CompletableFuture<Void> prepare(CopyFiles.OpenFile log, @Nullable ActorRef<Command> replica)
			throws IOException {
		long length = log.length();
		byte[] header = log.read(0, WAL_HEADER);
		boolean full = replica == null || !replica.equals(this.readFor)
				|| !Arrays.equals(header, this.readHeader) || length < this.readLength;
		if (!full && length == this.readLength) {
			return this.last;
		}
		if (replica == null) {
			// a deliberate single copy: the commit is confirmed as it is, and counts in the owner's version
			// (which a take-over compares with the copies elsewhere); the next replica gets a full copy
			Version counted;
			synchronized (this) {
				this.version = new Version(this.version.generation(), this.version.seq() + 1);
				counted = this.version;
			}
			if (!this.singleCopyRecorded) {
				// recorded before the first such commit is confirmed: from now on this file outranks the
				// replicas it was not shipped to, even if this node crashes before it records its version
				// on closing (a take-over would otherwise copy an older replica over it)
				this.files.recordOwner(this.actor, this.key, counted);
				this.singleCopyRecorded = true;
			}
			this.readFor = null;
			this.last = CompletableFuture.completedFuture(null);
			return this.last;
		}
		long from = full ? 0 : this.readLength;
		if ((full && CopyFiles.length(this.db) > MAX_COPY) || length - from > MAX_COPY) {
			throw new StateStoreException("Could not replicate " + this.db + ": a copy is limited to "
					+ MAX_COPY + " bytes per file", null);
		}
		byte[] dbBytes;
		byte[] walBytes;
		try {
			dbBytes = full ? CopyFiles.read(this.db, 0, MAX_COPY) : null;
			walBytes = log.read(from, (int) (length - from));
		}
		catch (OutOfMemoryError ex) { // one allocation the size of the file: the heap itself is fine
			throw new StateStoreException("Could not replicate " + this.db + ": a copy of "
					+ (full ? CopyFiles.length(this.db) : 0) + " + " + (length - from)
					+ " bytes does not fit in the heap", null);
		}
		CompletableFuture<Void> confirmation;
		try {
			confirmation = add(replica, full, dbBytes, from, walBytes);
		}
		catch (OutOfMemoryError ex) { // growing the next shipment: it is left as it was (the buffer grows
			// before it is written to); a sequence number may be used up, and the next shipment is a full copy
			throw new StateStoreException("Could not replicate " + this.db + ": the next shipment does not "
					+ "fit in the heap", null);
		}
		if (confirmation == null) {
			return null; // the shipment before failed meanwhile: a delta would be refused, read a full copy
		}
		this.last = confirmation;
		this.singleCopyRecorded = false;
		this.readFor = replica;
		this.readHeader = header;
		this.readLength = length;
		return this.last;
	}

	/**
	 * Ships what the last commit added and waits for its confirmation.
	 * @throws StateStoreException if it failed
	 */
	void shipAndWait() {
		CompletableFuture<Void> confirmation = ship();
		try {
			// on the instance's turn, inside the runtime's blocking section for commits
			confirmation.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof StateStoreException stateStoreException) ? stateStoreException
					: new StateStoreException("Could not replicate " + this.db, ex.getCause());
		}
	}

	/** The actor's creation failed and its file is deleted: what was shipped of it is recorded as destroyed. */
	void abandoned() {
		try {
			this.files.recordDestroyed(this.actor, this.key, this.version);
		}
		finally {
			unwatch();
		}
	}

	/** This owner is dropped before its storage opened (its creation was refused): it stops watching the fence. */
	void unwatch() {
		if (this.fence != null && this.watching.compareAndSet(true, false)) {
			this.files.unwatchFence(this.actor, this.key, this.fence);
		}
	}

	/** The storage closed: remember how far this owner got, for the next owner's choice of copy. */
	void closed() {
		try {
			this.last.handle((ignored, failure) -> null)
				.get(this.files.timeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// recorded all the same: the version counts every shipment prepared
		}
		try {
			this.files.recordOwner(this.actor, this.key, this.version);
		}
		finally {
			unwatch();
		}
	}

	/**
	 * Adds a commit's bytes to the next shipment (a full copy replaces what it held), and sends it if it may go.
	 * @return the commit's confirmation, or {@code null} for a delta when the shipment before failed meanwhile (a
	 * full copy must be read instead)
	 */
	private @Nullable CompletableFuture<Void> add(ActorRef<Command> replica, boolean full, byte @Nullable [] dbBytes,
			long walFrom, byte[] walBytes) {
		Shipment toSend;
		CompletableFuture<Void> confirmation;
		CompletableFuture<Void> wait = null;
		synchronized (this) {
			if (this.lost && !full) {
				return null;
			}
			Shipment pending = this.next;
			if (pending == null || full) {
				this.version = new Version(this.version.generation(), this.version.seq() + 1);
				Shipment fresh = new Shipment(replica, this.version, full, dbBytes, walFrom,
						(pending != null) ? pending.confirmation : new CompletableFuture<>());
				fresh.append(walBytes);
				this.next = fresh;
			}
			else {
				pending.replica = replica;
				pending.append(walBytes);
			}
			confirmation = this.next.confirmation;
			if (this.inFlight == null) {
				toSend = this.next;
				this.inFlight = toSend;
				this.next = null;
			}
			else {
				toSend = null;
				if (this.next.size() > MAX_PENDING_BYTES) {
					wait = this.inFlight.confirmation;
				}
			}
		}
		if (toSend != null) {
			send(toSend);
		}
		else if (wait != null) {
			// the replica falls behind: the instance waits for the shipment on its way before it reads more (inside
			// the runtime's blocking section for commits)
			wait.handle((ignored, failure) -> null).join();
		}
		return confirmation;
	}

	/**
	 * Sends a shipment, its chunks one after another (each once the one before it was acknowledged); once the replica
	 * acknowledged the last, the next shipment leaves. If it fails, the shipment read meanwhile fails with it unless
	 * it is a full copy (a delta on top of a failed shipment would be refused anyway).
	 */
	private void send(Shipment shipment) {
		long started = System.nanoTime();
		CompletableFuture<Void> acknowledged;
		try {
			acknowledged = CompletableFuture.completedFuture(null);
			for (Function<ActorRef<Ack>, FileProtocol.ReplicaWrite> write : shipment.writes(this.actor, this.key)) {
				acknowledged = acknowledged.thenCompose((ignored) -> this.files.replicate(shipment.replica, write));
			}
		}
		catch (Throwable ex) { // whatever it is (out of memory): the shipment fails, the pipeline goes on
			acknowledged = CompletableFuture.failedFuture(ex);
		}
		acknowledged.whenComplete((ignored, failure) -> shipped(shipment, started, failure));
	}

	private void shipped(Shipment shipment, long started, @Nullable Throwable failure) {
		Shipment following;
		synchronized (this) {
			following = this.next;
			this.next = null;
			this.inFlight = (following != null && (failure == null || following.full)) ? following : null;
			if (failure != null) {
				// set under the lock: a delta read meanwhile is not added on top of it (add() refuses it)
				this.lost = true;
			}
		}
		if (failure == null) {
			this.files.stats().replicated(shipment.full, System.nanoTime() - started);
			shipment.confirmation.complete(null);
		}
		else {
			// the replica may have applied (part of) it: its sequence number is used, and the next shipment read on
			// the instance's turn is a full copy
			this.files.stats().replicationFailed();
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			StateStoreException error = (cause instanceof StateStoreException stateStoreException) ? stateStoreException
					: new StateStoreException("Could not replicate " + this.db, cause);
			shipment.confirmation.completeExceptionally(error);
			if (following != null && !following.full) {
				following.confirmation.completeExceptionally(error);
				following = null;
			}
		}
		if (following != null) {
			send(following);
		}
	}

	/** The commits read for one message to the replica: a full copy (database and log) or the log's new bytes. */
	private static final class Shipment {

		private ActorRef<Command> replica;

		private final Version version;

		private final boolean full;

		private final byte @Nullable [] dbBytes;

		private final long walFrom;

		private final ByteArrayOutputStream wal = new ByteArrayOutputStream();

		private final CompletableFuture<Void> confirmation;

		Shipment(ActorRef<Command> replica, Version version, boolean full, byte @Nullable [] dbBytes, long walFrom,
				CompletableFuture<Void> confirmation) {
			this.replica = replica;
			this.version = version;
			this.full = full;
			this.dbBytes = dbBytes;
			this.walFrom = walFrom;
			this.confirmation = confirmation;
		}

		void append(byte[] bytes) {
			this.wal.writeBytes(bytes);
		}

		/** Its messages, in order: the database (a full copy), then the log, in chunks; the last one commits. */
		List<Function<ActorRef<Ack>, FileProtocol.ReplicaWrite>> writes(String actor, String key) {
			List<Function<ActorRef<Ack>, FileProtocol.ReplicaWrite>> writes = new ArrayList<>();
			if (this.full) {
				chunks(writes, actor, key, FileProtocol.DB, 0, (this.dbBytes != null) ? this.dbBytes : new byte[0], false);
			}
			chunks(writes, actor, key, FileProtocol.WAL, this.walFrom, this.wal.toByteArray(), true);
			return writes;
		}

		private void chunks(List<Function<ActorRef<Ack>, FileProtocol.ReplicaWrite>> writes, String actor, String key,
				int target, long from, byte[] bytes, boolean commit) {
			int offset = 0;
			do {
				int count = Math.min(FileService.CHUNK, bytes.length - offset);
				int start = offset;
				long at = from + offset;
				boolean last = offset + count >= bytes.length;
				// each chunk is copied when it is sent, not all of them at once
				writes.add((replyTo) -> new FileProtocol.ReplicaWrite(actor, key, this.version.generation(),
						this.version.seq(), target, this.full, at, Arrays.copyOfRange(bytes, start, start + count),
						commit && last, replyTo));
				offset += count;
			}
			while (offset < bytes.length);
		}


		long size() {
			return (long) this.wal.size() + ((this.dbBytes != null) ? this.dbBytes.length : 0);
		}

	}

}
