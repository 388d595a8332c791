package dev.actorspring.cluster.replication;

import java.sql.Connection;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StoredState;

/**
 * An owned actor's storage whose commits are copied to the replica before they return, and refused outright once
 * another node announced a newer fencing generation for the actor, or when no other node can hold the copy
 * ({@code actor.cluster.copies=2}, the default). If the copy fails the
 * commit fails (the callers get {@code storage_failed}, nothing is acknowledged), and the instance must be
 * reloaded from its file, which may hold the unacknowledged group.
 */
final class ReplicatingStorage implements ActorStorage {

	private final ActorStorage delegate;

	private final OwnerCopy copy;

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
			shipped();
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
	public void commit() {
		this.copy.checkCanCommit();
		this.delegate.holdingFiles(() -> {
			this.delegate.commit();
			shipped();
		});
	}

	@Override
	public void rollback() {
		this.delegate.rollback();
	}

	@Override
	public void close() {
		this.delegate.close();
		this.copy.closed();
	}

	void shipped() {
		this.copy.ship();
	}

}
