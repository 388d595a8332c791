package dev.actorspring.persistence.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredState;
import org.jspecify.annotations.Nullable;

/**
 * One instance's SQLite file. Without actor-local SQL each {@link #save} is one auto-committed statement, hence
 * one transaction; once a turn asks for {@link #sqlConnection()} a transaction is open until the next save or
 * commit, with a savepoint per turn. The connection may be closed by the {@link OpenFileLimiter} while the
 * instance stays awake, but never inside a transaction; it is reopened on the next use.
 */
final class SqliteActorStorage implements ActorStorage {

	private static final String SAVEPOINT = "SAVEPOINT actor_turn";

	private static final String RELEASE = "RELEASE actor_turn";

	private static final String ROLLBACK_TO = "ROLLBACK TO actor_turn";

	private final SqliteStateStore store;

	private final Path file;

	private final StoredState loaded;

	private final ReentrantLock lock = new ReentrantLock();

	private @Nullable Connection connection;

	private @Nullable PreparedStatement update;

	private @Nullable Statement control;

	private volatile boolean referenced = true;

	/** The background close of this storage's evicted connection, awaited before the file is used again. */
	private @Nullable CompletableFuture<Void> closing;

	private boolean closed;

	private boolean inTransaction;

	private boolean inTurn;

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
			ensureOpen();
			this.update.setBytes(1, state);
			this.update.setBytes(2, schedules);
			this.update.setLong(3, System.currentTimeMillis());
			this.update.executeUpdate();
			if (this.inTransaction) {
				this.inTransaction = false;
				this.control.execute("COMMIT");
			}
		}
		catch (SQLException | StateStoreException ex) {
			throw failed(ex, "write");
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Connection sqlConnection() {
		this.lock.lock();
		try {
			ensureOpen();
			if (!this.inTransaction) {
				this.control.execute("BEGIN");
				this.inTransaction = true;
			}
			if (!this.inTurn) {
				this.control.execute(SAVEPOINT);
				this.inTurn = true;
			}
			return this.connection;
		}
		catch (SQLException | StateStoreException ex) {
			throw failed(ex, "begin a transaction on");
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void endTurn(boolean keep) {
		this.lock.lock();
		try {
			if (!this.inTurn) {
				return;
			}
			this.inTurn = false;
			if (!keep) {
				this.control.execute(ROLLBACK_TO);
			}
			this.control.execute(RELEASE);
		}
		catch (SQLException ex) {
			throw failed(ex, "end a turn on");
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void commit() {
		this.lock.lock();
		try {
			if (this.inTransaction) {
				this.inTransaction = false;
				this.control.execute("COMMIT");
			}
		}
		catch (SQLException ex) {
			throw failed(ex, "commit");
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void rollback() {
		this.lock.lock();
		try {
			if (this.inTransaction || this.inTurn) {
				this.inTransaction = false;
				this.inTurn = false;
				this.control.execute("ROLLBACK");
			}
		}
		catch (SQLException ex) {
			detach();
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
			awaitClosing();
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

	/** Closes the connection unless it is in use right now or holds an open transaction. */
	boolean closeConnectionIfIdle() {
		if (!this.lock.tryLock()) {
			return false;
		}
		try {
			if (this.inTransaction) {
				return false;
			}
			Connection evicted = this.connection;
			forgetConnection();
			if (evicted != null) {
				this.closing = this.store.closer().close(evicted);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void ensureOpen() throws SQLException {
		if (this.closed) {
			throw new IllegalStateException("Storage of " + this.file + " is closed");
		}
		if (this.connection == null) {
			awaitClosing();
			attach(this.store.connect(this.file));
		}
		this.referenced = true;
	}

	/** Drops the connection after a failure: SQLite rolls back what was not committed. */
	private StateStoreException failed(Exception ex, String what) {
		detach();
		return (ex instanceof StateStoreException stateStoreException) ? stateStoreException
				: new StateStoreException("Could not " + what + " " + this.file, ex);
	}

	private void attach(Connection opened) throws SQLException {
		this.connection = opened;
		try {
			this.update = opened.prepareStatement(SqliteStateStore.UPDATE);
			this.control = opened.createStatement();
		}
		catch (SQLException ex) {
			SqliteStateStore.closeQuietly(opened);
			this.connection = null;
			throw ex;
		}
		this.store.limiter().opened(this);
	}

	private void detach() {
		Connection open = this.connection;
		forgetConnection();
		if (open != null) {
			SqliteStateStore.closeQuietly(open);
		}
	}

	private void forgetConnection() {
		this.inTransaction = false;
		this.inTurn = false;
		if (this.connection == null) {
			return;
		}
		this.connection = null;
		this.update = null;
		this.control = null;
		this.store.limiter().closed(this);
	}

	private void awaitClosing() {
		if (this.closing != null) {
			this.closing.join();
			this.closing = null;
		}
	}

}
