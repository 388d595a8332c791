package dev.actorspring.cluster.replication;

import dev.actorspring.cluster.serialization.ClusterMessage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The messages between the nodes' {@link FileService}s: what copies they hold, fences, fetching a copy, and
 * replicating committed groups.
 */
public final class FileProtocol {

	/** The database file of a copy. */
	public static final int DB = 0;

	/** The write-ahead log of a copy. */
	public static final int WAL = 1;

	/** {@link CopyInfo#role()} when the node has no copy. */
	public static final int NO_COPY = -1;

	private FileProtocol() {
	}

	/** What a {@link FileService} receives. */
	public sealed interface Command extends ClusterMessage permits Inquire, Fence, Fetch, ReplicaWrite, Drop, Unfence {

	}

	/**
	 * Asks for the node's newest copy of an actor's file.
	 * @param actor the actor type name
	 * @param key the key
	 * @param replyTo where the {@link CopyInfo} goes
	 */
	public record Inquire(String actor, String key, ActorRef<CopyInfo> replyTo) implements Command {
	}

	/**
	 * Announces a new owner's generation: from now on writes of lower generations are refused. Answered with the
	 * node's newest copy as it stands once fenced.
	 * @param actor the actor type name
	 * @param key the key
	 * @param generation the new owner's generation
	 * @param claimant the node that takes the actor over (its unique cluster address): a fence of the same
	 * generation named by another node is not taken, so that two simultaneous take-overs cannot both own it
	 * @param replyTo where the {@link CopyInfo} goes
	 */
	public record Fence(String actor, String key, long generation, String claimant, ActorRef<CopyInfo> replyTo)
			implements Command {
	}

	/**
	 * The node's newest copy of an actor's file.
	 * @param role {@link CopyCatalog.Role#ordinal()} of the copy, or {@link #NO_COPY}
	 * @param generation its generation
	 * @param seq its sequence number
	 * @param fence the highest generation announced for the actor on that node
	 * @param droppedGeneration the generation of the newest destroy that node knows of (0: none): copies up to it
	 * and {@code droppedSeq} are of a destroyed actor
	 * @param droppedSeq the sequence number of that destroy
	 * @param fenceClaimant the node that announced {@code fence}, or empty if unknown (a destroy's fence)
	 */
	public record CopyInfo(int role, long generation, long seq, long fence, long droppedGeneration, long droppedSeq,
			String fenceClaimant) implements ClusterMessage {

		CopyInfo(int role, long generation, long seq, long fence) {
			this(role, generation, seq, fence, 0, 0, "");
		}

	}

	/**
	 * Reads part of a copy.
	 * @param actor the actor type name
	 * @param key the key
	 * @param role {@link CopyCatalog.Role#ordinal()} of the copy
	 * @param target {@link #DB} or {@link #WAL}
	 * @param offset where to start
	 * @param replyTo where the {@link Chunk} goes
	 */
	public record Fetch(String actor, String key, int role, int target, long offset, ActorRef<Chunk> replyTo)
			implements Command {
	}

	/**
	 * Part of a copy's file.
	 * @param bytes the bytes from the requested offset (at most {@link FileService#CHUNK})
	 * @param length the file's length
	 */
	public record Chunk(byte[] bytes, long length) implements ClusterMessage {
	}

	/**
	 * Writes part of a replica. A full copy is written to side files and swapped in by its last write; a delta
	 * appends to the write-ahead log in place. The last write of a group ({@code commit}) records its version.
	 * @param actor the actor type name
	 * @param key the key
	 * @param generation the owner's generation
	 * @param seq the group's sequence number
	 * @param target {@link #DB} or {@link #WAL}
	 * @param full whether this belongs to a full copy
	 * @param offset where the bytes go
	 * @param bytes the bytes
	 * @param commit whether this is the last write of the group
	 * @param replyTo where the {@link Ack} goes
	 */
	public record ReplicaWrite(String actor, String key, long generation, long seq, int target, boolean full,
			long offset, byte[] bytes, boolean commit, ActorRef<Ack> replyTo) implements Command {
	}

	/**
	 * Records that an actor was destroyed at a version (a tombstone, kept in {@code _cluster.db}), forgets the copies
	 * of it up to that version, and fences its generation. A later take-over disregards copies up to the newest
	 * tombstone any node reports, so a node that missed this message cannot bring the actor back.
	 * @param actor the actor type name
	 * @param key the key
	 * @param generation the destroying owner's generation
	 * @param seq the last committed group of the destroyed actor
	 * @param replyTo where the {@link Ack} goes
	 */
	public record Drop(String actor, String key, long generation, long seq, ActorRef<Ack> replyTo) implements Command {
	}

	/**
	 * Forgets the fence of an actor that was taken over but never created, if the node holds nothing else of it and
	 * the fence is still that generation. Not answered.
	 * @param actor the actor type name
	 * @param key the key
	 * @param generation the generation the take-over announced
	 */
	public record Unfence(String actor, String key, long generation) implements Command {
	}

	/**
	 * The answer to a write or a drop.
	 * @param ok whether it was applied
	 * @param reason why not, or empty
	 */
	public record Ack(boolean ok, String reason) implements ClusterMessage {
	}

}
