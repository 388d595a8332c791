package dev.actorspring.cluster.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import dev.actorspring.cluster.replication.CopyCatalog.Version;
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
 */
final class OwnerCopy {

	private static final int WAL_HEADER = 32;

	private final ClusterFiles files;

	private final String actor;

	private final String key;

	private final Path db;

	private final Path wal;

	private Version version;

	/** The replica of the commit in progress, as {@link #checkCanCommit()} found it. */
	private @Nullable ActorRef<Command> target;

	private @Nullable ActorRef<Command> shippedTo;

	private byte @Nullable [] shippedHeader;

	private long shippedLength;

	OwnerCopy(ClusterFiles files, String actor, String key) {
		this.files = files;
		this.actor = actor;
		this.key = key;
		this.db = files.file(actor, key, FileProtocol.DB);
		this.wal = files.file(actor, key, FileProtocol.WAL);
		this.version = files.ownerVersion(actor, key);
	}

	/**
	 * Refuses to commit once another node announced a newer generation for this actor (this node lost it), or when
	 * no node could hold the copy the commit needs.
	 * @throws StateStoreException if fenced, or refused {@code no_replica}
	 */
	void checkCanCommit() {
		this.target = this.files.commitTarget();
		if (this.files.fencedAbove(this.actor, this.key, this.version.generation())) {
			throw new StateStoreException("Not committed: " + this.actor + "/" + this.key + " is owned by another node "
					+ "now (its generation is above " + this.version.generation() + ")", null);
		}
	}

	/**
	 * Copies what the last commit added to the replica chosen by {@link #checkCanCommit()} before it, if there is one
	 * and something was added.
	 */
	void ship() {
		ActorRef<Command> replica = this.target;
		try {
			long length = CopyFiles.length(this.wal);
			byte[] header = CopyFiles.read(this.wal, 0, WAL_HEADER);
			boolean full = replica == null || !replica.equals(this.shippedTo) || !Arrays.equals(header, this.shippedHeader)
					|| length < this.shippedLength;
			if (!full && length == this.shippedLength) {
				return;
			}
			Version next = new Version(this.version.generation(), this.version.seq() + 1);
			long started = System.nanoTime();
			if (replica != null) {
				if (full) {
					sendWhole(replica, FileProtocol.DB, next, false);
					sendWhole(replica, FileProtocol.WAL, next, true);
				}
				else {
					sendRange(replica, FileProtocol.WAL, next, this.shippedLength, length, false, true);
				}
				this.files.stats().replicated(full, System.nanoTime() - started);
			}
			this.version = next;
			this.shippedTo = replica;
			this.shippedHeader = header;
			this.shippedLength = length;
		}
		catch (IOException | RuntimeException ex) {
			// the replica may have applied (part of) it: that sequence number is used, the next group takes the next
			// one, and a tombstone of this version covers whatever the replica recorded
			this.version = new Version(this.version.generation(), this.version.seq() + 1);
			this.shippedTo = null;
			this.files.stats().replicationFailed();
			throw (ex instanceof StateStoreException stateStoreException) ? stateStoreException
					: new StateStoreException("Could not replicate " + this.db, ex);
		}
	}

	/** The storage closed: remember how far this owner got, for the next owner's choice of copy. */
	void closed() {
		this.files.recordOwner(this.actor, this.key, this.version);
	}

	private void sendWhole(ActorRef<Command> replica, int target, Version next, boolean commit) throws IOException {
		Path file = (target == FileProtocol.DB) ? this.db : this.wal;
		sendRange(replica, target, next, 0, CopyFiles.length(file), true, commit);
	}

	private void sendRange(ActorRef<Command> replica, int target, Version next, long from, long to, boolean full,
			boolean commit) throws IOException {
		Path file = (target == FileProtocol.DB) ? this.db : this.wal;
		long offset = from;
		do {
			byte[] bytes = CopyFiles.read(file, offset, (int) Math.min(FileService.CHUNK, to - offset));
			if (bytes.length == 0 && offset < to) {
				// the file is shorter than when the copy began: never loop on it, fail the copy (an empty file is
				// sent as its one empty chunk)
				throw new StateStoreException("Could not replicate " + file + ": it shrank during the copy", null);
			}
			long at = offset;
			boolean last = at + bytes.length >= to;
			this.files.replicate(replica, (replyTo) -> new FileProtocol.ReplicaWrite(this.actor, this.key,
					next.generation(), next.seq(), target, full, at, bytes, commit && last, replyTo));
			offset += bytes.length;
		}
		while (offset < to);
	}

}
