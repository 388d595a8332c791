package dev.actorspring.runtime.sql;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} routed to the database of the actor instance whose turn runs on the calling thread. The
 * connections it returns belong to the turn: the runtime commits them with the state change of the turn's
 * group, or rolls the turn back if it fails, so their {@code commit}, {@code rollback()}, {@code setAutoCommit}
 * and {@code close} do nothing (savepoints work) (Spring's transaction managers join the turn's transaction). Outside a turn,
 * {@link #getConnection()} fails with a message that says so.
 */
public final class ActorDataSource implements DataSource {

	@Override
	public Connection getConnection() throws SQLException {
		Connection target = TurnSql.connection();
		return (Connection) Proxy.newProxyInstance(ActorDataSource.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new TurnConnectionHandler(target));
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

	/** Leaves transaction control to the turn. */
	private static final class TurnConnectionHandler implements InvocationHandler {

		private final Connection target;

		private boolean closed;

		TurnConnectionHandler(Connection target) {
			this.target = target;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
			switch (method.getName()) {
				case "close" -> {
					this.closed = true;
					return null;
				}
				case "commit", "setAutoCommit", "setReadOnly", "setTransactionIsolation", "setHoldability" -> {
					return null;
				}
				case "rollback" -> {
					if (args == null || args.length == 0) {
						return null;
					}
				}
				case "getAutoCommit" -> {
					return false;
				}
				case "isClosed" -> {
					return this.closed || this.target.isClosed();
				}
				case "equals" -> {
					return proxy == args[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				case "toString" -> {
					return "Actor turn connection to " + this.target;
				}
				case "unwrap" -> {
					if (((Class<?>) args[0]).isInstance(proxy)) {
						return proxy;
					}
				}
				default -> {
				}
			}
			if (this.closed) {
				throw new SQLException("This actor turn connection was closed");
			}
			try {
				return method.invoke(this.target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

	}

}
