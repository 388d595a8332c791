package dev.actorspring.runtime.sql;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Which actor turn, if any, may use SQL on the current thread. The runtime binds a turn while an action or a
 * lifecycle hook runs; {@link ActorDataSource} and {@code ActorContext.sql()} resolve through it.
 */
public final class TurnSql {

	private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();

	private TurnSql() {
	}

	/**
	 * Binds a turn to the current thread.
	 * @param binding the running turn's database access, or {@code null} for a turn without SQL
	 * @return what was bound before, to pass back to {@link #restore}
	 */
	public static @Nullable Binding bind(@Nullable Binding binding) {
		Binding previous = CURRENT.get();
		CURRENT.set(binding);
		return previous;
	}

	/**
	 * Restores what was bound before {@link #bind}.
	 * @param previous the value {@link #bind} returned
	 */
	public static void restore(@Nullable Binding previous) {
		// set, not remove: this runs after every turn on long-lived mailbox threads, and set(null) skips the
		// ThreadLocalMap clean-up that remove() does each time
		CURRENT.set(previous);
	}

	/**
	 * Whether a turn with SQL access runs on this thread.
	 * @return whether {@link #connection()} would succeed
	 */
	public static boolean active() {
		return CURRENT.get() != null;
	}

	/**
	 * The connection of the turn running on this thread.
	 * @return the connection, inside the turn's transaction
	 * @throws SQLException if no turn with SQL access runs here, or its database cannot be reached
	 */
	public static Connection connection() throws SQLException {
		Binding binding = CURRENT.get();
		if (binding == null) {
			throw new SQLException(outsideTurnMessage());
		}
		try {
			return binding.connection();
		}
		catch (RuntimeException ex) {
			throw new SQLException("The database of " + binding.description() + " could not be reached: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * What a caller outside any turn is told.
	 * @return the message
	 */
	public static String outsideTurnMessage() {
		return "Actor-local SQL was used outside an actor turn: ActorContext.sql(), the actor DataSource and "
				+ "Spring Data repositories over it work only on the thread running an @Action, a scheduled action "
				+ "or a lifecycle hook (not @CreateState, @OnCreate or @OnStateChange). Call an action of the "
				+ "actor instead.";
	}

	/** A running turn's database access. */
	public interface Binding {

		/**
		 * The connection, inside the turn's transaction and savepoint.
		 * @return the connection; callers never commit, roll back or close it
		 */
		Connection connection();

		/**
		 * Which actor instance this is, for messages.
		 * @return a description
		 */
		String description();

	}

}
