package dev.actorspring.persistence;

import java.time.Instant;
import java.util.List;

/**
 * Which actor instances have a durable schedule due, and from when. It may name an instance too early or one
 * with nothing due (the instance then just checks and finds nothing); it must never miss one. The schedules
 * themselves live in each instance's own storage.
 */
public interface ScheduleIndex {

	/**
	 * Records, durably, that an instance has a schedule due at {@code due}.
	 * @param actorName the actor type name
	 * @param key the key
	 * @param due when its earliest schedule is due
	 */
	void put(String actorName, String key, Instant due);

	/**
	 * Records that an instance has no schedule left.
	 * @param actorName the actor type name
	 * @param key the key
	 */
	void remove(String actorName, String key);

	/**
	 * Everything recorded, read at startup.
	 * @return the entries
	 */
	List<Entry> loadAll();

	/**
	 * One instance with a schedule due.
	 *
	 * @param actorName the actor type name
	 * @param key the key
	 * @param due when its earliest schedule is due
	 */
	record Entry(String actorName, String key, Instant due) {
	}

}
