package dev.actorspring.persistence;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * The open storage of one actor instance. Used by one thread at a time (the instance's turn).
 * <p>
 * Stores that give actors their own SQL database also support the turn-scoped transaction methods: the first
 * {@link #sqlConnection()} of a group opens a transaction, each turn that uses it gets a savepoint that
 * {@link #endTurn(boolean)} keeps or rolls back, and {@link #save(byte[], byte[])} commits the SQL writes and
 * the state together.
 */
public interface ActorStorage extends AutoCloseable {

	/**
	 * The state as it was when the storage was opened or created.
	 * @return the stored state
	 */
	StoredState loaded();

	/**
	 * Writes a new state and schedules, and commits them together with the SQL writes of the open transaction,
	 * if any; durable in this storage when this method returns (see {@link #lastCommitConfirmation()} for a
	 * storage that confirms its commits later).
	 * @param state the state as JSON bytes
	 * @param schedules the pending schedules as a JSON array
	 * @throws StateStoreException if the write failed; what was stored is then unchanged
	 */
	void save(byte[] state, byte[] schedules);

	/**
	 * The JDBC connection to the instance's own database, inside the group's transaction (begun on the first call
	 * since the last commit) and, for a turn that did not begin it, a savepoint of its own (taken on its first call
	 * in the turn). The transaction belongs to the storage: the connection's {@code commit}, {@code rollback()},
	 * {@code setAutoCommit} and {@code close} must do nothing, since actions and Spring's JDBC support call them.
	 * @return the connection
	 * @throws UnsupportedOperationException if this store has no SQL database
	 * @throws StateStoreException if the database cannot be reached
	 */
	default Connection sqlConnection() {
		throw new UnsupportedOperationException("This state store has no SQL database; actor-local SQL needs the "
				+ "SQLite store (not ActorTestKit's inMemory())");
	}

	/**
	 * Ends the current turn's savepoint, if {@link #sqlConnection()} took one.
	 * @param keep whether the turn's SQL writes stay in the transaction (they are rolled back if not)
	 * @throws StateStoreException if the savepoint could not be ended; the transaction must then be rolled back
	 */
	default void endTurn(boolean keep) {
	}

	/**
	 * Commits the open transaction, if any, without writing the state (turns that used SQL but changed no state).
	 * @throws StateStoreException if the commit failed; the transaction is then rolled back
	 */
	default void commit() {
	}

	/**
	 * The outcome kept for an idempotency key, if any (committed, or added by {@link #keepOutcomes} to the open
	 * transaction).
	 * @param key the idempotency key
	 * @return the outcome, or {@code null} if none is kept for that key
	 * @throws UnsupportedOperationException if this store keeps no outcomes
	 * @throws StateStoreException if the storage cannot be read
	 */
	default @Nullable StoredOutcome outcome(String key) {
		throw new UnsupportedOperationException("This state store keeps no idempotency keys");
	}

	/**
	 * Adds outcomes to the next commit ({@link #save} or {@link #commit}), in the same transaction as the state and
	 * the SQL writes of the turns that produced them, and removes the outcomes the retention no longer keeps.
	 * @param outcomes the outcomes, in turn order
	 * @param retention what to keep
	 * @throws UnsupportedOperationException if this store keeps no outcomes
	 * @throws StateStoreException if they could not be written; the transaction must then be rolled back
	 */
	default void keepOutcomes(List<StoredOutcome> outcomes, StoredOutcome.Retention retention) {
		throw new UnsupportedOperationException("This state store keeps no idempotency keys");
	}

	/**
	 * Runs {@code work} while this storage's files stay as its last commit left them: nothing else closes,
	 * checkpoints or evicts them meanwhile (an open-file limit waits). For storages that copy the files elsewhere
	 * right after a commit (cluster replication).
	 * @param work what to run, on the calling thread
	 */
	default void holdingFiles(Runnable work) {
		work.run();
	}

	/**
	 * What the last {@link #save} or {@link #commit} still waits for before its callers may be answered. A storage
	 * that copies each commit elsewhere (cluster replication) may return from the commit once it is in its own file,
	 * and confirm it later: the runtime then goes on running turns, and answers that commit's callers (in commit
	 * order, after those of the commits before it) once the future completes. Called on the turn's thread, right
	 * after the commit.
	 * @return {@code null} when the commit was confirmed as it returned (the default); else a future that completes
	 * when it is, or exceptionally (a {@link StateStoreException}) when its confirmation failed, in which case its
	 * callers get {@code commit_unconfirmed}
	 */
	default @Nullable CompletableFuture<Void> lastCommitConfirmation() {
		return null;
	}

	/**
	 * Rolls back the open transaction, if any; never throws.
	 */
	default void rollback() {
	}

	/**
	 * Releases the storage (file handles), rolling back an open transaction; never throws.
	 */
	@Override
	void close();

}
