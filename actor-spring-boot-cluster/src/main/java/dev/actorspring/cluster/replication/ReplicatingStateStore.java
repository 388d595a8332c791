package dev.actorspring.cluster.replication;

import java.util.List;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.ScheduleIndex;
import dev.actorspring.persistence.StateStore;
import dev.actorspring.persistence.StoredState;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The SQLite store of a cluster node: the same files, but every commit of an owned actor is copied to the replica
 * node before the commit returns (and so before the callers get their answers), and a destroy forgets every copy.
 */
public final class ReplicatingStateStore implements StateStore {

	private static final Log logger = LogFactory.getLog(ReplicatingStateStore.class);

	private final SqliteStateStore delegate;

	private final ClusterFiles files;

	public ReplicatingStateStore(SqliteStateStore delegate, ClusterFiles files) {
		this.delegate = delegate;
		this.files = files;
	}

	/**
	 * Opens this node's file of an actor; a file left behind by a destroy here is deleted instead, and the actor has
	 * no file (it never comes back from it).
	 * @throws dev.actorspring.persistence.StateStoreException if such a file cannot be deleted now either
	 */
	@Override
	public @Nullable ActorStorage open(String actorName, String key) {
		deleteDestroyedFile(actorName, key);
		ActorStorage storage = this.delegate.open(actorName, key);
		if (storage == null) {
			return null;
		}
		try {
			return new ReplicatingStorage(storage, new OwnerCopy(this.files, actorName, key));
		}
		catch (RuntimeException | Error ex) {
			try {
				storage.close();
			}
			catch (RuntimeException notClosed) {
				ex.addSuppressed(notClosed);
			}
			throw ex;
		}
	}

	@Override
	public ActorStorage create(String actorName, String key, StoredState initial) {
		deleteDestroyedFile(actorName, key);
		OwnerCopy copy = new OwnerCopy(this.files, actorName, key);
		ActorStorage storage;
		try {
			copy.checkCanCommit(); // no file for an actor whose creation could not be acknowledged
			storage = this.delegate.create(actorName, key, initial);
		}
		catch (RuntimeException | Error ex) {
			copy.unwatch();
			throw ex;
		}
		ReplicatingStorage replicating = new ReplicatingStorage(storage, copy);
		try {
			storage.holdingFiles(replicating::shipped);
		}
		catch (RuntimeException ex) {
			// the file goes, and with it this node's claim to a version of it: recorded, that version would be offered
			// to the next take-over as a copy that no longer exists. A tombstone at that version instead: a copy the
			// replica may have applied although its answer was lost does not bring the failed creation back, and a
			// creation tried again counts on from it
			List<Runnable> steps = List.of(storage::close, copy::abandoned,
					() -> this.delegate.delete(actorName, key));
			for (Runnable step : steps) {
				try {
					step.run();
				}
				catch (RuntimeException failed) {
					ex.addSuppressed(failed);
				}
			}
			throw ex;
		}
		return replicating;
	}

	/**
	 * A destroy is refused where a commit would be: on an owner that lost the actor to a newer generation, and (with
	 * two copies) where no other node could record its tombstone, or on the minority side of a partition.
	 */
	@Override
	public void checkCanDelete(String actorName, String key) {
		OwnerCopy.checkOnce(this.files, actorName, key);
	}

	/**
	 * The tombstone first, on another node and here (refused with {@code destroy_unconfirmed}, nothing deleted, if no
	 * other node records it), then this node's file. Once the tombstone is recorded the destroy is done: a file this
	 * node fails to delete (an I/O error) is logged and marked, then deleted when the actor is next opened here (or
	 * dropped by the next take-over, as a copy the tombstone outranks).
	 */
	@Override
	public void delete(String actorName, String key) {
		CopyCatalog.Version destroyed = this.files.ownerVersion(actorName, key);
		this.files.drop(actorName, key, destroyed);
		try {
			this.delegate.delete(actorName, key);
		}
		catch (RuntimeException ex) {
			logger.error("Destroyed " + actorName + "/" + key + " (its tombstone is recorded), but could not delete "
					+ "this node's file; it is deleted when the actor is next opened or taken over", ex);
			try {
				this.files.destroyedFileLeft(actorName, key, destroyed);
			}
			catch (RuntimeException notMarked) {
				// the destroy stays done: the row its storage recorded on closing marks the file already, as a rule
				logger.error("Could not mark the file of the destroyed " + actorName + "/" + key, notMarked);
			}
			return;
		}
		this.files.destroyedFileDeleted(actorName, key);
	}

	/** Deletes this node's file of an actor if a destroy here left it behind (see {@link #delete}). */
	private void deleteDestroyedFile(String actorName, String key) {
		if (this.files.destroyedHere(actorName, key)) {
			this.delegate.delete(actorName, key);
			this.files.destroyedFileDeleted(actorName, key);
			logger.info("Deleted the file of " + actorName + "/" + key + ", left behind by its destroy");
		}
	}

	@Override
	public ScheduleIndex scheduleIndex() {
		return this.delegate.scheduleIndex();
	}

}
