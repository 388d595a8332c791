package dev.actorspring.cluster.replication;

import java.io.IOException;
import java.nio.file.Path;

import dev.actorspring.cluster.replication.CopyCatalog.Role;
import dev.actorspring.cluster.replication.CopyCatalog.Version;
import dev.actorspring.cluster.replication.FileProtocol.Ack;
import dev.actorspring.cluster.replication.FileProtocol.Chunk;
import dev.actorspring.cluster.replication.FileProtocol.Command;
import dev.actorspring.cluster.replication.FileProtocol.CopyInfo;
import dev.actorspring.cluster.replication.FileProtocol.Drop;
import dev.actorspring.cluster.replication.FileProtocol.Fence;
import dev.actorspring.cluster.replication.FileProtocol.Fetch;
import dev.actorspring.cluster.replication.FileProtocol.Inquire;
import dev.actorspring.cluster.replication.FileProtocol.ReplicaWrite;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.pekko.actor.typed.Behavior;
import org.jspecify.annotations.Nullable;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One per node, registered with Pekko's receptionist: answers which copies this node holds, takes fences,
 * serves copies to a new owner and applies the replicated groups of other owners to its replicas. It runs one
 * message at a time, so the writes of one owner apply in the order they were sent; a delta (the log's new bytes)
 * applies only on top of the group just before it.
 */
final class FileService {

	/** How the nodes find each other's file service. */
	static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "actor-files");

	/** The most bytes in one message (below Pekko's default frame size of 256 KiB). */
	static final int CHUNK = 192 * 1024;

	private static final Log logger = LogFactory.getLog(FileService.class);

	private final CopyCatalog catalog;

	private final CopyFiles files;

	private FileService(CopyCatalog catalog, CopyFiles files) {
		this.catalog = catalog;
		this.files = files;
	}

	static Behavior<Command> create(CopyCatalog catalog, CopyFiles files) {
		// restarted after a failure (a catalog that could not be read, say): a stopped service would leave its node a
		// member whose files no take-over can ask about, and every take-over in the cluster would be refused
		return Behaviors.supervise(serving(catalog, files)).onFailure(Exception.class, SupervisorStrategy.restart());
	}

	private static Behavior<Command> serving(CopyCatalog catalog, CopyFiles files) {
		return Behaviors.setup((context) -> {
			context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
			FileService service = new FileService(catalog, files);
			return Behaviors.receive(Command.class)
				.onMessage(Inquire.class, (inquire) -> {
					inquire.replyTo().tell(service.newest(inquire.actor(), inquire.key()));
					return Behaviors.same();
				})
				.onMessage(Fence.class, (fence) -> {
					catalog.raiseFence(fence.actor(), fence.key(), fence.generation(), fence.claimant());
					fence.replyTo().tell(service.newest(fence.actor(), fence.key()));
					return Behaviors.same();
				})
				.onMessage(Fetch.class, (fetch) -> {
					fetch.replyTo().tell(service.fetch(fetch));
					return Behaviors.same();
				})
				.onMessage(ReplicaWrite.class, (write) -> {
					write.replyTo().tell(service.write(write));
					return Behaviors.same();
				})
				.onMessage(Drop.class, (drop) -> {
					drop.replyTo().tell(service.drop(drop));
					return Behaviors.same();
				})
				.onMessage(FileProtocol.Unfence.class, (unfence) -> {
					try {
						catalog.unfence(unfence.actor(), unfence.key(), unfence.generation());
					}
					catch (RuntimeException ex) {
						logger.warn("Could not forget the fence of " + unfence.actor() + "/" + unfence.key() + ": " + ex);
					}
					return Behaviors.same();
				})
				.build();
		});
	}

	private CopyInfo newest(String actor, String key) {
		long fence = this.catalog.fence(actor, key);
		String claimant = this.catalog.fenceClaimant(actor, key);
		Version dropped = this.catalog.dropped(actor, key);
		// a row whose file is gone (a creation whose first copy failed left one) is no copy: offered, it would be
		// fetched as an empty file over the taker's own copy
		Version ownerRow = this.catalog.find(actor, key, Role.OWNER);
		Version replicaRow = this.catalog.find(actor, key, Role.REPLICA);
		Version owner = held(actor, key, Role.OWNER, ownerRow);
		Version replica = held(actor, key, Role.REPLICA, replicaRow);
		if (owner == null && replica == null) {
			// the generations of rows without their file still count towards the taker's next generation
			long generation = Math.max((ownerRow != null) ? ownerRow.generation() : 0,
					(replicaRow != null) ? replicaRow.generation() : 0);
			return new CopyInfo(FileProtocol.NO_COPY, generation, 0, fence, dropped.generation(), dropped.seq(),
					claimant);
		}
		boolean ownerNewest = replica == null || (owner != null && owner.compareTo(replica) >= 0);
		Version newest = ownerNewest ? owner : replica;
		return new CopyInfo(ownerNewest ? Role.OWNER.ordinal() : Role.REPLICA.ordinal(), newest.generation(),
				newest.seq(), fence, dropped.generation(), dropped.seq(), claimant);
	}

	private @Nullable Version held(String actor, String key, Role role, @Nullable Version row) {
		return (row != null && java.nio.file.Files.exists(this.files.file(actor, key, role, FileProtocol.DB))) ? row
				: null;
	}

	private Chunk fetch(Fetch fetch) {
		Path file = this.files.file(fetch.actor(), fetch.key(), Role.values()[fetch.role()], fetch.target());
		try {
			return new Chunk(CopyFiles.read(file, fetch.offset(), CHUNK), CopyFiles.length(file));
		}
		catch (IOException ex) {
			logger.warn("Could not read " + file + ": " + ex);
			return new Chunk(new byte[0], -1);
		}
	}

	private Ack write(ReplicaWrite write) {
		long fence = this.catalog.fence(write.actor(), write.key());
		if (write.generation() < fence) {
			return new Ack(false, "fenced: generation " + write.generation() + " is below " + fence);
		}
		Path db = this.files.file(write.actor(), write.key(), Role.REPLICA, FileProtocol.DB);
		Path wal = this.files.file(write.actor(), write.key(), Role.REPLICA, FileProtocol.WAL);
		Path target = (write.target() == FileProtocol.DB) ? db : wal;
		try {
			if (write.full() && new Version(write.generation(), write.seq())
				.compareTo(this.catalog.dropped(write.actor(), write.key())) <= 0) {
				// a copy its owner sent before destroying the actor, overtaken by the Drop (FileServiceMailbox)
				return new Ack(false, "destroyed: group " + write.generation() + "/" + write.seq()
						+ " is not above the actor's tombstone");
			}
			if (write.full()) {
				CopyFiles.write(CopyFiles.incoming(target), write.offset(), write.bytes(), write.offset() == 0);
				if (write.commit()) {
					if (!java.nio.file.Files.exists(CopyFiles.incoming(wal))) {
						CopyFiles.write(CopyFiles.incoming(wal), 0, new byte[0], true);
					}
					CopyFiles.replace(db, wal, CopyFiles.incoming(db), CopyFiles.incoming(wal));
				}
			}
			else {
				// a delta continues the group before it: applied on anything else (a group that never arrived, a copy
				// dropped meanwhile) it would leave a log with a hole, so it is refused and the owner sends a full copy
				Version held = this.catalog.find(write.actor(), write.key(), Role.REPLICA);
				if (held == null || held.generation() != write.generation() || held.seq() != write.seq() - 1) {
					return new Ack(false, "out of sequence: group " + write.generation() + "/" + write.seq()
							+ " does not follow the copy held here (" + ((held != null) ? held.generation() + "/"
									+ held.seq() : "none") + ")");
				}
				long found = CopyFiles.appendAt(wal, write.offset(), write.bytes());
				if (found != write.offset()) {
					return new Ack(false, "out of sequence: bytes at " + write.offset() + " of a log of " + found
							+ " bytes");
				}
			}
			if (write.commit()) {
				this.catalog.record(write.actor(), write.key(), Role.REPLICA, new Version(write.generation(), write.seq()));
			}
			return new Ack(true, "");
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not write the replica " + target + ": " + ex);
			return new Ack(false, ex.toString());
		}
	}

	private Ack drop(Drop drop) {
		Version destroyed = new Version(drop.generation(), drop.seq());
		try {
			this.catalog.raiseFence(drop.actor(), drop.key(), drop.generation());
			this.catalog.recordDrop(drop.actor(), drop.key(), destroyed);
		}
		catch (RuntimeException ex) {
			return new Ack(false, ex.toString()); // no tombstone here
		}
		try {
			for (Role role : Role.values()) {
				Version held = this.catalog.find(drop.actor(), drop.key(), role);
				if (held == null || held.compareTo(destroyed) > 0) {
					continue; // no copy recorded here, or a newer life of the actor (created again after the destroy)
				}
				CopyFiles.delete(this.files.file(drop.actor(), drop.key(), role, FileProtocol.DB),
						this.files.file(drop.actor(), drop.key(), role, FileProtocol.WAL));
				this.catalog.forget(drop.actor(), drop.key(), role);
			}
			return new Ack(true, "");
		}
		catch (IOException | RuntimeException ex) {
			// the tombstone is recorded (it outranks the copy left here), but the copy is still on this node's disk
			return new Ack(true, COPY_LEFT + ex);
		}
	}

	/** Where this module's {@code reference.conf} configures the service's mailbox ({@link FileServiceMailbox}). */
	static final String MAILBOX = "actor-spring.cluster.file-service-mailbox";

	/** How a {@code Drop}'s answer starts when the tombstone was recorded but a copy could not be deleted. */
	static final String COPY_LEFT = "copy left: ";

}
