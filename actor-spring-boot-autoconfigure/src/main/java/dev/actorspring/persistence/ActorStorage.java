package dev.actorspring.persistence;

/**
 * The open storage of one actor instance. Used by one thread at a time (the instance's turn).
 */
public interface ActorStorage extends AutoCloseable {

	/**
	 * The state as it was when the storage was opened or created.
	 * @return the stored state
	 */
	StoredState loaded();

	/**
	 * Writes a new state and schedules in one transaction, durable when this method returns.
	 * @param state the state as JSON bytes
	 * @param schedules the pending schedules as a JSON array
	 * @throws StateStoreException if the write failed; what was stored is then unchanged
	 */
	void save(byte[] state, byte[] schedules);

	/**
	 * Releases the storage (file handles); never throws.
	 */
	@Override
	void close();

}
