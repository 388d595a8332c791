package dev.actorspring.persistence;

import org.jspecify.annotations.Nullable;

/**
 * Where actor instances keep their state: one {@link ActorStorage} per instance. Implementations must be
 * safe for concurrent use by different instances; one instance's storage is only used by that instance.
 */
public interface StateStore {

	/**
	 * Opens the storage of an existing instance.
	 * @param actorName the actor type name
	 * @param key the instance key
	 * @return the storage, or {@code null} if the instance was never created (nothing is created on disk)
	 * @throws StateStoreException if the storage exists but cannot be read
	 */
	@Nullable ActorStorage open(String actorName, String key);

	/**
	 * Creates the storage of a new instance with its initial state, committed before this method returns.
	 * Replaces a storage left incomplete by a crash during an earlier creation.
	 * @param actorName the actor type name
	 * @param key the instance key
	 * @param initial the initial state
	 * @return the open storage
	 * @throws StateStoreException if it cannot be created
	 */
	ActorStorage create(String actorName, String key, StoredState initial);

	/**
	 * Removes an instance's storage for good. Its {@link ActorStorage} must be closed first.
	 * @param actorName the actor type name
	 * @param key the instance key
	 * @throws StateStoreException if it cannot be removed
	 */
	void delete(String actorName, String key);

	/**
	 * Checks, before an instance is destroyed (before its {@code @OnDestroy}), that its storage may be removed now: a
	 * store that replicates can refuse while the removal could not reach the other copies. Nothing to check by
	 * default.
	 * @param actorName the actor type name
	 * @param key the instance key
	 * @throws StateStoreException refused: the instance is kept, and the destroy's caller gets {@code 503} with the
	 * refusal's code
	 */
	default void checkCanDelete(String actorName, String key) {
	}

	/**
	 * Whether a commit (or opening a file) may wait for long on the disk or the network, as a commit that waits for
	 * {@code fsync} or for a copy on another node: the runtime then runs it as a
	 * {@link java.util.concurrent.ForkJoinPool.ManagedBlocker}, so that the mailbox pool makes up for the thread it
	 * holds. A store whose commits only write to the page cache answers {@code false}, sparing every commit the
	 * pool's bookkeeping.
	 * @return whether commits may block; {@code true} unless the store knows better
	 */
	default boolean commitsMayBlock() {
		return true;
	}

	/**
	 * The index of which instances have durable schedules due when, so that due schedules wake sleeping
	 * instances and survive restarts.
	 * @return the index of this store
	 */
	ScheduleIndex scheduleIndex();

}
