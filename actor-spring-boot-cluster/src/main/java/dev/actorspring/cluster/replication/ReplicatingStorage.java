package dev.actorspring.cluster.replication;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredOutcome;
import dev.actorspring.persistence.StoredState;
import org.jspecify.annotations.Nullable;

/**
 * An owned actor's storage whose commits are copied to the replica before their callers are answered, and refused
 * outright once another node announced a newer fencing generation for the actor, or when no other node can hold the
 * copy ({@code actor.cluster.copies=2}, the default). A commit returns once it is in the file and its copy is on its
 * way; {@link #lastCommitConfirmation()} completes when the replica acknowledged it, and the runtime answers the
 * group's callers then (running the next turns meanwhile). If the copy fails after the commit, the file keeps the
 * group: the callers get {@code commit_unconfirmed} (nothing is acknowledged, the outcome is unknown) and the
 * instance goes on from the file; the next commit sends the replica a full copy.
 */
final class ReplicatingStorage implements ActorStorage {

	private final ActorStorage delegate;

	private final OwnerCopy copy;

	/** The confirmation of the last commit. */
	private @Nullable CompletableFuture<Void> confirmation;

	ReplicatingStorage(ActorStorage delegate, OwnerCopy copy) {
		this.delegate = delegate;
		this.copy = copy;
	}

	@Override
	public StoredState loaded() {
		return this.delegate.loaded();
	}

	@Override
	public void save(byte[] state, byte[] schedules) {
		this.copy.checkCanCommit();
		// the commit and its shipment under the storage's hold: an open-file limit that closed the file in between
		// would checkpoint it and delete the log that is being copied
		this.delegate.holdingFiles(() -> {
			this.delegate.save(state, schedules);
			this.confirmation = shipAfterCommit();
		});
	}

	@Override
	public Connection sqlConnection() {
		return this.delegate.sqlConnection();
	}

	@Override
	public void endTurn(boolean keep) {
		this.delegate.endTurn(keep);
	}

	@Override
	public @Nullable StoredOutcome outcome(String key) {
		return this.delegate.outcome(key);
	}

	@Override
	public void keepOutcomes(List<StoredOutcome> outcomes, StoredOutcome.Retention retention) {
		this.delegate.keepOutcomes(outcomes, retention);
	}

	@Override
	public void commit() {
		this.copy.checkCanCommit();
		this.delegate.holdingFiles(() -> {
			this.delegate.commit();
			this.confirmation = shipAfterCommit();
		});
	}

	@Override
	public void rollback() {
		this.delegate.rollback();
	}

	@Override
	public void close() {
		try {
			this.delegate.close();
		}
		finally {
			this.copy.closed();
		}
	}

	@Override
	public @Nullable CompletableFuture<Void> lastCommitConfirmation() {
		return this.confirmation;
	}

	/** Ships the file as created and waits for the copy. */
	void shipped() {
		this.copy.shipAndWait();
	}

	/**
	 * A commit is in the file: if its copy cannot even be sent, the file still holds it, so the outcome is
	 * unconfirmed.
	 */
	private CompletableFuture<Void> shipAfterCommit() {
		try {
			return this.copy.ship();
		}
		catch (StateStoreException ex) {
			throw StateStoreException.unconfirmed(ex.getMessage(), ex);
		}
	}

}
