package dev.actorspring.runtime.sql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} routed to the database of the actor instance whose turn runs on the calling thread. The
 * connection it returns belongs to the turn's storage (one per open file, reused from turn to turn, its prepared
 * statements cached): the runtime commits it with the state change of the turn's group, or rolls the turn back if
 * it fails, so its {@code commit}, {@code rollback()}, {@code setAutoCommit} and {@code close} do nothing
 * (savepoints work), and Spring's transaction managers join the turn's transaction. Outside a turn,
 * {@link #getConnection()} fails with a message that says so.
 */
public final class ActorDataSource implements DataSource {

	@Override
	public Connection getConnection() throws SQLException {
		return TurnSql.connection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return getConnection();
	}

	@Override
	public @Nullable PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(@Nullable PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("Not a wrapper for " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		return "ActorDataSource (the database of the actor turn on the calling thread)";
	}

}
