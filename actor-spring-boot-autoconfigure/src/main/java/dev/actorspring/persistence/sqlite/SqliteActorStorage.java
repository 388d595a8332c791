package dev.actorspring.persistence.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredState;
import org.jspecify.annotations.Nullable;

/**
 * One instance's SQLite file. Each {@link #save(byte[])} is one auto-committed statement, hence one
 * transaction. The connection may be closed by the {@link OpenFileLimiter} while the instance stays awake; it
 * is reopened on the next save.
 */
final class SqliteActorStorage implements ActorStorage {

	private final SqliteStateStore store;

	private final Path file;

	private final StoredState loaded;

	private final ReentrantLock lock = new ReentrantLock();

	private @Nullable Connection connection;

	private @Nullable PreparedStatement update;

	private volatile boolean referenced = true;

	private boolean closed;

	SqliteActorStorage(SqliteStateStore store, Path file, StoredState loaded, Connection connection) throws SQLException {
		this.store = store;
		this.file = file;
		this.loaded = loaded;
		attach(connection);
	}

	@Override
	public StoredState loaded() {
		return this.loaded;
	}

	@Override
	public void save(byte[] state, byte[] schedules) {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("Storage of " + this.file + " is closed");
			}
			if (this.update == null) {
				attach(this.store.connect(this.file));
			}
			this.referenced = true;
			this.update.setBytes(1, state);
			this.update.setBytes(2, schedules);
			this.update.setLong(3, System.currentTimeMillis());
			this.update.executeUpdate();
		}
		catch (SQLException | StateStoreException ex) {
			detach();
			throw (ex instanceof StateStoreException stateStoreException) ? stateStoreException
					: new StateStoreException("Could not write " + this.file, ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		this.lock.lock();
		try {
			this.closed = true;
			detach();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Clears the used-recently bit, returning whether it was set. */
	boolean clearReferenced() {
		boolean was = this.referenced;
		this.referenced = false;
		return was;
	}

	/** Closes the connection unless it is in use right now. */
	boolean closeConnectionIfIdle() {
		if (!this.lock.tryLock()) {
			return false;
		}
		try {
			detach();
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void attach(Connection opened) throws SQLException {
		this.connection = opened;
		try {
			this.update = opened.prepareStatement(SqliteStateStore.UPDATE);
		}
		catch (SQLException ex) {
			SqliteStateStore.closeQuietly(opened);
			this.connection = null;
			throw ex;
		}
		this.store.limiter().opened(this);
	}

	private void detach() {
		if (this.connection == null) {
			return;
		}
		try {
			if (this.update != null) {
				this.update.close();
			}
		}
		catch (SQLException ex) {
			// closing the connection releases it too
		}
		SqliteStateStore.closeQuietly(this.connection);
		this.connection = null;
		this.update = null;
		this.store.limiter().closed(this);
	}

}
