package dev.actorspring.persistence.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetFactory;
import javax.sql.rowset.RowSetProvider;

import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;
import org.sqlite.jdbc4.JDBC4PreparedStatement;

/**
 * A prepared statement of a {@link TurnConnection}, kept by it for the next {@code prepareStatement} of the same
 * SQL: {@link #close()} hands it back (its result set closed, its parameters and batch cleared) instead of
 * finalizing it, unless the cache let go of it. It is sqlite-jdbc's own statement, so a turn's statement costs
 * what sqlite-jdbc's does, with no wrapper in between; {@link #getConnection()} is the turn connection, whose
 * transaction belongs to the runtime.
 */
final class TurnStatement extends JDBC4PreparedStatement {

	private static final RowSetFactory ROW_SETS;

	static {
		try {
			ROW_SETS = RowSetProvider.newFactory();
		}
		catch (SQLException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final TurnConnection connection;

	final String sql;

	/** Whether the cache holds it: then {@link #close()} hands it back; otherwise it finalizes it. Guarded by the cache. */
	boolean cached;

	/** Whether a caller holds it (between its {@code prepareStatement} and its {@code close}). Guarded by the cache. */
	boolean inUse;

	/** Whether its caller asked for generated keys. */
	boolean generatedKeys;

	TurnStatement(TurnConnection connection, SQLiteConnection sqlite, String sql) throws SQLException {
		super(sqlite, sql);
		this.connection = connection;
		this.sql = sql;
	}

	@Override
	public void close() throws SQLException {
		if (!this.connection.handBack(this)) {
			finalizeStatement();
		}
	}

	/** Closed for its caller once handed back, as a new one would be after its close. */
	@Override
	public boolean isClosed() {
		return this.handedBack || super.isClosed();
	}

	/** Whether it waits in the cache for its next caller. Guarded by the cache; read by its holder. */
	volatile boolean handedBack;

	/** A statement closed with its result set is one the cache cannot hand out again: the cache lets go of it. */
	@Override
	public void closeOnCompletion() throws SQLException {
		this.connection.forget(this);
		super.closeOnCompletion();
	}

	/**
	 * Makes it as a new one for its next caller: its result set closed, its SQLite statement reset (which ends the
	 * read a stepped query holds), its parameters, batch, generated keys and limits cleared.
	 */
	void reset() throws SQLException {
		if (this.rs.isOpen()) {
			((ResultSet) this.rs).close();
		}
		if (this.pointer != null && !this.pointer.isClosed()) {
			this.pointer.safeRunInt(DB::reset);
		}
		clearGeneratedKeys();
		clearParameters();
		clearBatch();
		setMaxRows(0);
		setQueryTimeout(0);
		this.generatedKeys = false;
	}

	/** What runs after the caller closed it fails as on a closed statement, not on the next caller's. */
	private void checkHeld() throws SQLException {
		if (this.handedBack) {
			throw new SQLException("The statement is closed");
		}
		this.connection.checkTransaction();
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		checkHeld();
		return super.executeQuery();
	}

	@Override
	public int executeUpdate() throws SQLException {
		checkHeld();
		return super.executeUpdate();
	}

	@Override
	public long executeLargeUpdate() throws SQLException {
		checkHeld();
		return super.executeLargeUpdate();
	}

	@Override
	public boolean execute() throws SQLException {
		checkHeld();
		return super.execute();
	}

	@Override
	public int[] executeBatch() throws SQLException {
		checkHeld();
		return super.executeBatch();
	}

	/** Closes it for good. */
	void finalizeStatement() throws SQLException {
		super.close();
	}

	@Override
	public Connection getConnection() {
		return this.connection;
	}

	/**
	 * The row id of the last insert, when its caller asked for generated keys (the store turns sqlite-jdbc's own off:
	 * it runs {@code SELECT last_insert_rowid()} after every {@code INSERT} otherwise, whether anyone asks or not).
	 */
	@Override
	public ResultSet getGeneratedKeys() throws SQLException {
		if (!this.generatedKeys) {
			return super.getGeneratedKeys();
		}
		try (Statement query = this.conn.createStatement();
				ResultSet key = query.executeQuery("SELECT last_insert_rowid()")) {
			CachedRowSet copy = ROW_SETS.createCachedRowSet();
			copy.populate(key);
			return copy;
		}
	}

}
