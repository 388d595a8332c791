package dev.actorspring.persistence.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredOutcome;
import dev.actorspring.persistence.StoredState;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * One instance's SQLite file. Without actor-local SQL each {@link #save} is one auto-committed statement, hence one
 * transaction. The first turn of a group that asks for {@link #sqlConnection()} begins a transaction, open until the
 * next save or commit; each later turn of the group that uses SQL gets a savepoint, so that a failed turn rolls back
 * only its own writes (a failed first turn rolls back the transaction, which holds nothing else). The statements the
 * storage runs itself (the state update, {@code BEGIN}, {@code COMMIT}, savepoints) are prepared once per
 * connection, and so are the turns' statements ({@link TurnConnection}). The connection may be closed by the
 * {@link OpenFileLimiter} while the instance stays awake, but never inside a transaction; it is reopened on the
 * next use.
 */
final class SqliteActorStorage implements ActorStorage {

	/** What the current turn holds of the transaction. */
	private enum TurnState {

		/** It used no SQL. */
		NONE,

		/** It began the group's transaction: a failure rolls that back. */
		BEGAN,

		/** It took a savepoint in the group's transaction. */
		SAVEPOINT

	}

	private final SqliteStateStore store;

	private final Path file;

	private final StoredState loaded;

	private final ReentrantLock lock = new ReentrantLock();

	private @Nullable TurnConnection connection;

	private @Nullable Statements statements;

	private volatile boolean referenced = true;

	/** This storage's neighbours in the {@link OpenFileLimiter}'s ring while its connection is open (the limiter's lock). */
	@Nullable SqliteActorStorage clockPrev;

	@Nullable SqliteActorStorage clockNext;

	/** The background close of this storage's evicted connection, awaited before the file is used again. */
	private @Nullable CompletableFuture<Void> closing;

	private boolean closed;

	private boolean inTransaction;

	private TurnState turn = TurnState.NONE;

	/**
	 * Set when SQLite rolled back the group's open transaction by itself ({@code INSERT OR ROLLBACK},
	 * {@code RAISE(ROLLBACK)} in a trigger, a full disk), which a turn may not notice (an action that catches the
	 * error): the group's earlier writes are gone, so the group must fail rather than commit what follows.
	 */
	private volatile boolean rolledBackBySqlite;

	/** Sees SQLite's rollbacks (its rollback hook), on the thread that runs the statement. */
	private final SQLiteCommitListener rollbackWatch = new SQLiteCommitListener() {

		@Override
		public void onCommit() {
		}

		@Override
		public void onRollback() {
			if (SqliteActorStorage.this.inTransaction) { // the storage clears it before its own ROLLBACK
				SqliteActorStorage.this.rolledBackBySqlite = true;
			}
		}

	};

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
			Statements open = ensureOpen();
			checkNotRolledBack();
			PreparedStatement update = open.update();
			update.setBytes(1, state);
			update.setBytes(2, schedules);
			update.setLong(3, System.currentTimeMillis());
			update.executeUpdate();
			if (this.inTransaction) {
				this.inTransaction = false;
				open.run(Statements.COMMIT);
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
			Statements open = ensureOpen();
			if (this.turn == TurnState.NONE) {
				if (!this.inTransaction) {
					open.run(Statements.BEGIN);
					this.inTransaction = true;
					this.turn = TurnState.BEGAN;
				}
				else {
					open.run(Statements.SAVEPOINT);
					this.turn = TurnState.SAVEPOINT;
				}
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
			TurnState ended = this.turn;
			this.turn = TurnState.NONE;
			checkNotRolledBack();
			if (ended == TurnState.BEGAN && !keep) {
				this.inTransaction = false;
				this.statements.run(Statements.ROLLBACK);
			}
			else if (ended == TurnState.SAVEPOINT) {
				if (!keep) {
					this.statements.run(Statements.ROLLBACK_TO);
				}
				this.statements.run(Statements.RELEASE);
			}
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
			checkNotRolledBack();
			if (this.inTransaction) {
				this.inTransaction = false;
				this.statements.run(Statements.COMMIT);
			}
		}
		catch (SQLException ex) {
			throw failed(ex, "commit");
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Reads the outcome kept for an idempotency key from the {@code _idempotency} table, which a file gets with its
	 * first kept outcome.
	 */
	@Override
	public @Nullable StoredOutcome outcome(String key) {
		this.lock.lock();
		try {
			PreparedStatement select;
			try {
				select = ensureOpen().get(Statements.SELECT_OUTCOME);
			}
			catch (SQLException ex) {
				if (String.valueOf(ex.getMessage()).contains("no such table")) {
					return null; // no outcome was ever kept in this file
				}
				throw ex;
			}
			select.setString(1, key);
			try (ResultSet row = select.executeQuery()) {
				if (!row.next()) {
					return null;
				}
				return new StoredOutcome(key, row.getString(1), row.getBytes(2), row.getInt(3), row.getBytes(4),
						row.getLong(5));
			}
		}
		catch (SQLException | StateStoreException ex) {
			throw failed(ex, "read an idempotency key of");
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Writes the outcomes in the group's transaction (begun here if no turn used SQL), then prunes the old ones. */
	@Override
	public void keepOutcomes(List<StoredOutcome> outcomes, StoredOutcome.Retention retention) {
		this.lock.lock();
		try {
			Statements open = ensureOpen();
			checkNotRolledBack();
			if (!this.inTransaction) {
				open.run(Statements.BEGIN);
				this.inTransaction = true;
			}
			open.run(Statements.CREATE_OUTCOMES);
			open.run(Statements.INDEX_OUTCOMES);
			PreparedStatement insert = open.get(Statements.INSERT_OUTCOME);
			for (StoredOutcome outcome : outcomes) {
				insert.setString(1, outcome.key());
				insert.setString(2, outcome.action());
				insert.setBytes(3, outcome.fingerprint());
				insert.setInt(4, outcome.status());
				insert.setBytes(5, outcome.body());
				insert.setLong(6, outcome.createdAt());
				insert.executeUpdate();
			}
			PreparedStatement expired = open.get(Statements.PRUNE_EXPIRED);
			expired.setLong(1, retention.keepSince());
			expired.executeUpdate();
			PreparedStatement surplus = open.get(Statements.PRUNE_SURPLUS);
			// never the outcomes this commit adds, however many
			surplus.setInt(1, Math.max(retention.maxKept(), outcomes.size()));
			surplus.executeUpdate();
		}
		catch (SQLException | StateStoreException ex) {
			throw failed(ex, "keep idempotency keys in");
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Under this storage's lock, which {@link #evictConnection()} needs: the open-file limiter skips it meanwhile; and
	 * after the close of a connection evicted before, which checkpoints the file and deletes its log.
	 */
	@Override
	public void holdingFiles(Runnable work) {
		this.lock.lock();
		try {
			awaitClosing();
			work.run();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void rollback() {
		this.lock.lock();
		try {
			boolean lost = this.rolledBackBySqlite;
			this.rolledBackBySqlite = false;
			if ((this.inTransaction || this.turn != TurnState.NONE) && !lost) {
				this.inTransaction = false;
				this.turn = TurnState.NONE;
				this.statements.run(Statements.ROLLBACK);
			}
			this.inTransaction = false;
			this.turn = TurnState.NONE;
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

	/**
	 * Gives up the connection unless it is in use right now or holds an open transaction.
	 * @return the close to run once the caller holds no lock, or {@code null} if there is nothing to close
	 */
	@Nullable Runnable evictConnection() {
		if (!this.lock.tryLock()) {
			return null;
		}
		try {
			if (this.inTransaction) {
				return null;
			}
			Connection evicted = forgetConnection();
			if (evicted == null) {
				return null;
			}
			CompletableFuture<Void> closed = new CompletableFuture<>();
			this.closing = closed;
			return () -> this.store.closer().close(evicted, closed);
		}
		finally {
			this.lock.unlock();
		}
	}

	private Statements ensureOpen() throws SQLException {
		if (this.closed) {
			throw new IllegalStateException("Storage of " + this.file + " is closed");
		}
		if (this.connection == null) {
			awaitClosing();
			attach(this.store.connect(this.file));
		}
		this.referenced = true;
		return this.statements;
	}

	/** Drops the connection after a failure: SQLite rolls back what was not committed. */
	private StateStoreException failed(Exception ex, String what) {
		detach();
		return (ex instanceof StateStoreException stateStoreException) ? stateStoreException
				: new StateStoreException("Could not " + what + " " + this.file, ex);
	}

	private void checkNotRolledBack() throws SQLException {
		if (this.rolledBackBySqlite) {
			throw new SQLException(TurnConnection.TRANSACTION_LOST);
		}
	}

	private void attach(Connection opened) throws SQLException {
		if (opened.isWrapperFor(SQLiteConnection.class)) {
			opened.unwrap(SQLiteConnection.class).addCommitListener(this.rollbackWatch);
		}
		this.statements = new Statements(opened);
		this.connection = new TurnConnection(opened, () -> this.rolledBackBySqlite);
		this.store.limiter().opened(this);
	}

	private void detach() {
		Connection open = forgetConnection();
		if (open != null) {
			SqliteStateStore.closeQuietly(open);
		}
	}

	/**
	 * Forgets the connection, finalizing its cached statements.
	 * @return the SQLite connection, still to be closed, or {@code null} if none was open
	 */
	private @Nullable Connection forgetConnection() {
		this.inTransaction = false;
		this.rolledBackBySqlite = false;
		this.turn = TurnState.NONE;
		TurnConnection open = this.connection;
		if (open == null) {
			return null;
		}
		this.connection = null;
		this.statements = null;
		this.store.limiter().closed(this);
		return open.release();
	}

	private void awaitClosing() {
		if (this.closing != null) {
			this.closing.join();
			this.closing = null;
		}
	}

	/**
	 * The statements the storage runs itself, each prepared on its first use and then kept for the connection's
	 * life (SQLite parses SQL at prepare): a file that only ever saves its state prepares one statement.
	 */
	private static final class Statements {

		private final Connection connection;

		private final PreparedStatement[] prepared = new PreparedStatement[SQL.length];

		private static final String[] SQL = { SqliteStateStore.UPDATE, "BEGIN", "COMMIT", "ROLLBACK",
				"SAVEPOINT actor_turn", "RELEASE actor_turn", "ROLLBACK TO actor_turn", OutcomeTable.CREATE,
				OutcomeTable.INDEX, OutcomeTable.SELECT, OutcomeTable.INSERT, OutcomeTable.PRUNE_EXPIRED,
				OutcomeTable.PRUNE_SURPLUS };

		private static final int UPDATE = 0;

		private static final int BEGIN = 1;

		private static final int COMMIT = 2;

		private static final int ROLLBACK = 3;

		private static final int SAVEPOINT = 4;

		private static final int RELEASE = 5;

		private static final int ROLLBACK_TO = 6;

		private static final int CREATE_OUTCOMES = 7;

		private static final int INDEX_OUTCOMES = 8;

		private static final int SELECT_OUTCOME = 9;

		private static final int INSERT_OUTCOME = 10;

		private static final int PRUNE_EXPIRED = 11;

		private static final int PRUNE_SURPLUS = 12;

		Statements(Connection connection) {
			this.connection = connection;
		}

		PreparedStatement update() throws SQLException {
			return get(UPDATE);
		}

		void run(int statement) throws SQLException {
			get(statement).executeUpdate();
		}

		PreparedStatement get(int statement) throws SQLException {
			PreparedStatement existing = this.prepared[statement];
			if (existing == null) {
				existing = this.connection.prepareStatement(SQL[statement]);
				this.prepared[statement] = existing;
			}
			return existing;
		}

	}

}
