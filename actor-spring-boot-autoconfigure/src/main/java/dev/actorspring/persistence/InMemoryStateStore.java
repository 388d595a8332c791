package dev.actorspring.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A {@link StateStore} that keeps states in memory, for tests and for actors whose state may be lost.
 */
public final class InMemoryStateStore implements StateStore {

	private final Map<String, StoredState> states = new ConcurrentHashMap<>();

	private final ScheduleIndex scheduleIndex = new InMemoryScheduleIndex();

	@Override
	public ScheduleIndex scheduleIndex() {
		return this.scheduleIndex;
	}

	@Override
	public @Nullable ActorStorage open(String actorName, String key) {
		String id = id(actorName, key);
		StoredState stored = this.states.get(id);
		return (stored != null) ? new Storage(id, stored) : null;
	}

	@Override
	public ActorStorage create(String actorName, String key, StoredState initial) {
		String id = id(actorName, key);
		this.states.put(id, copy(initial, initial.state(), initial.schedules()));
		return new Storage(id, initial);
	}

	@Override
	public void delete(String actorName, String key) {
		this.states.remove(id(actorName, key));
	}

	private static String id(String actorName, String key) {
		return actorName + '\u0000' + key;
	}

	private static StoredState copy(StoredState stored, byte[] state, byte[] schedules) {
		return new StoredState(stored.actorId(), state.clone(), stored.createdAt(), schedules.clone());
	}

	private final class Storage implements ActorStorage {

		private final String id;

		private final StoredState loaded;

		Storage(String id, StoredState loaded) {
			this.id = id;
			this.loaded = loaded;
		}

		@Override
		public StoredState loaded() {
			return this.loaded;
		}

		@Override
		public void save(byte[] state, byte[] schedules) {
			InMemoryStateStore.this.states.computeIfPresent(this.id, (id, old) -> copy(old, state, schedules));
		}

		@Override
		public void close() {
		}

	}

}
