package dev.actorspring.persistence.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetFactory;
import javax.sql.rowset.RowSetProvider;

import org.sqlite.SQLiteConnection;
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

	/** Makes it as a new one for its next caller. */
	void reset() throws SQLException {
		if (this.rs.isOpen()) {
			((ResultSet) this.rs).close();
		}
		this.rs.closeStmt = false;
		clearParameters();
		clearBatch();
		setMaxRows(0);
		setQueryTimeout(0);
		this.generatedKeys = false;
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
