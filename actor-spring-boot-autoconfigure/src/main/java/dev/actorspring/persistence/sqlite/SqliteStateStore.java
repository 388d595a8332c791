package dev.actorspring.persistence.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.ScheduleIndex;
import dev.actorspring.persistence.StateStore;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredState;
import org.jspecify.annotations.Nullable;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

/**
 * A {@link StateStore} that gives every actor instance its own SQLite file (see {@link SqliteFileLayout}), in
 * WAL mode. The state lives in the {@code _actor} table of that file, beside any tables the actor creates.
 */
public final class SqliteStateStore implements StateStore {

	static final String SCHEMA = """
			CREATE TABLE IF NOT EXISTS _actor (
			  id INTEGER PRIMARY KEY CHECK (id = 1),
			  actor_id TEXT NOT NULL,
			  actor_name TEXT NOT NULL,
			  actor_key TEXT NOT NULL,
			  created_at INTEGER NOT NULL,
			  updated_at INTEGER NOT NULL,
			  state BLOB NOT NULL,
			  schedules BLOB NOT NULL
			)""";

	static final String HAS_ACTOR_TABLE = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '_actor'";

	static final String SELECT = "SELECT actor_id, created_at, state, schedules FROM _actor WHERE id = 1";

	static final String INSERT = """
			INSERT OR REPLACE INTO _actor (id, actor_id, actor_name, actor_key, created_at, updated_at, state, schedules)
			VALUES (1, ?, ?, ?, ?, ?, ?, ?)""";

	static final String UPDATE = "UPDATE _actor SET state = ?, schedules = ?, updated_at = ? WHERE id = 1";

	private final boolean blockingCommits;

	private final SqliteFileLayout layout;

	private final SQLiteConfig config;

	/** The configuration as connection properties, computed once: sqlite-jdbc builds them anew on every open otherwise. */
	private final Properties properties;

	private final OpenFileLimiter limiter;

	private final SqliteScheduleIndex scheduleIndex;

	private final SqliteMigrations migrations;

	private final ConnectionCloser closer;

	/**
	 * Creates a store.
	 * @param dataDir the data directory, created when needed
	 * @param synchronous the SQLite {@code synchronous} mode: {@code NORMAL} survives process crashes,
	 * {@code FULL} also power loss
	 * @param maxOpenFiles the most SQLite files open at once (each uses three file descriptors in WAL mode); 0 for a
	 * default derived from the process's file descriptor limit
	 */
	public SqliteStateStore(Path dataDir, SQLiteConfig.SynchronousMode synchronous, int maxOpenFiles) {
		this(dataDir, synchronous, maxOpenFiles, SqliteMigrations.NONE);
	}

	/**
	 * Creates a store that migrates each instance's own tables.
	 * @param dataDir the data directory, created when needed
	 * @param synchronous the SQLite {@code synchronous} mode: {@code NORMAL} survives process crashes,
	 * {@code FULL} also power loss
	 * @param maxOpenFiles the most SQLite files open at once (each uses three file descriptors in WAL mode); 0 for a
	 * default derived from the process's file descriptor limit
	 * @param migrations the schema migrations of each actor type
	 */
	public SqliteStateStore(Path dataDir, SQLiteConfig.SynchronousMode synchronous, int maxOpenFiles,
			SqliteMigrations migrations) {
		this.migrations = migrations;
		this.layout = new SqliteFileLayout(dataDir);
		int maxOpen = (maxOpenFiles > 0) ? maxOpenFiles : OpenFileBudget.forThisProcess();
		this.limiter = new OpenFileLimiter(maxOpen);
		this.closer = new ConnectionCloser(maxOpen);
		this.config = new SQLiteConfig();
		this.config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		this.config.setSynchronous(synchronous);
		this.blockingCommits = synchronous == SQLiteConfig.SynchronousMode.FULL;
		this.config.setBusyTimeout(5000);
		// A reset write-ahead log is cut back to its valid end, so that it only ever grows between checkpoints.
		this.config.setJournalSizeLimit(0);
		// sqlite-jdbc runs SELECT last_insert_rowid() after every INSERT otherwise; TurnConnection reads the key
		// only for statements that ask for it
		this.config.setGetGeneratedKeys(false);
		this.properties = this.config.toProperties();
		this.scheduleIndex = new SqliteScheduleIndex(this.layout.dataDir().resolve("_schedules.db"), this.config);
	}

	/** With {@code FULL}, every commit waits for {@code fsync}; with {@code NORMAL}, only checkpoints do. */
	@Override
	public boolean commitsMayBlock() {
		return this.blockingCommits;
	}

	@Override
	public ScheduleIndex scheduleIndex() {
		return this.scheduleIndex;
	}

	public SqliteFileLayout layout() {
		return this.layout;
	}

	/**
	 * How many SQLite files are open right now.
	 * @return the count
	 */
	public int openFiles() {
		return this.limiter.openCount();
	}

	OpenFileLimiter limiter() {
		return this.limiter;
	}

	ConnectionCloser closer() {
		return this.closer;
	}

	@Override
	public @Nullable ActorStorage open(String actorName, String key) {
		Path file = this.layout.file(actorName, key);
		if (!Files.exists(file)) {
			return null;
		}
		Connection connection = connect(file);
		try {
			if (this.migrations.pending(connection, actorName, file.toString())) {
				inTransaction(connection, () -> this.migrations.apply(connection, actorName, file.toString()));
			}
			StoredState loaded = select(connection);
			if (loaded == null) {
				connection.close();
				return null;
			}
			return new SqliteActorStorage(this, file, loaded, connection);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			throw (ex instanceof StateStoreException stateStoreException) ? stateStoreException
					: new StateStoreException("Could not read " + file, ex);
		}
	}

	@Override
	public ActorStorage create(String actorName, String key, StoredState initial) {
		Path file = this.layout.file(actorName, key);
		try {
			Files.createDirectories(file.getParent());
		}
		catch (IOException ex) {
			throw new StateStoreException("Could not create " + file.getParent(), ex);
		}
		Connection connection = connect(file);
		try {
			inTransaction(connection, () -> {
				try (Statement statement = connection.createStatement()) {
					statement.execute(SCHEMA);
				}
				this.migrations.apply(connection, actorName, file.toString());
				insert(connection, actorName, key, initial);
			});
			return new SqliteActorStorage(this, file, initial, connection);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			throw (ex instanceof StateStoreException stateStoreException) ? stateStoreException
					: new StateStoreException("Could not create " + file, ex);
		}
	}

	@Override
	public void delete(String actorName, String key) {
		Path file = this.layout.file(actorName, key);
		try {
			for (String suffix : new String[] { "-wal", "-shm", "-journal", "" }) {
				Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
			}
		}
		catch (IOException ex) {
			throw new StateStoreException("Could not delete " + file, ex);
		}
	}

	private static void insert(Connection connection, String actorName, String key, StoredState initial)
			throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			insert.setString(1, initial.actorId());
			insert.setString(2, actorName);
			insert.setString(3, key);
			insert.setLong(4, initial.createdAt().toEpochMilli());
			insert.setLong(5, System.currentTimeMillis());
			insert.setBytes(6, initial.state());
			insert.setBytes(7, initial.schedules());
			insert.executeUpdate();
		}
	}

	/** Runs the work in one write transaction, rolled back if it fails. */
	private static void inTransaction(Connection connection, SqlWork work) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			try {
				work.run();
				statement.execute("COMMIT");
			}
			catch (SQLException | RuntimeException ex) {
				statement.execute("ROLLBACK");
				throw ex;
			}
		}
	}

	@FunctionalInterface
	private interface SqlWork {

		void run() throws SQLException;

	}

	/** Opens a connection; the {@code _actor} table is created with the file (see {@link #create}), not here. */
	Connection connect(Path file) {
		try {
			return JDBC.createConnection("jdbc:sqlite:" + file, this.properties);
		}
		catch (SQLException ex) {
			throw new StateStoreException("Could not open " + file, ex);
		}
	}

	/** The stored row, or null when the file has none (a creation that crashed before its commit). */
	private static @Nullable StoredState select(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SELECT)) {
			if (!rows.next()) {
				return null;
			}
			return new StoredState(rows.getString(1), rows.getBytes(3), Instant.ofEpochMilli(rows.getLong(2)),
					rows.getBytes(4));
		}
		catch (SQLException ex) {
			if (!hasActorTable(connection)) {
				return null;
			}
			throw ex;
		}
	}

	private static boolean hasActorTable(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(HAS_ACTOR_TABLE)) {
			return rows.next();
		}
	}

	static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// nothing left to release
		}
	}

}
