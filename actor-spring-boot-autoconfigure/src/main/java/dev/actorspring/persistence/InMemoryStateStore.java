package dev.actorspring.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A {@link StateStore} that keeps states in memory, for tests and for actors whose state may be lost.
 */
public final class InMemoryStateStore implements StateStore {

	private final Map<String, StoredState> states = new ConcurrentHashMap<>();

	/** The kept idempotency outcomes of each instance, oldest first (each map is used under its own lock). */
	private final Map<String, LinkedHashMap<String, StoredOutcome>> outcomes = new ConcurrentHashMap<>();

	private final ScheduleIndex scheduleIndex = new InMemoryScheduleIndex();

	@Override
	public boolean commitsMayBlock() {
		return false;
	}

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
		this.outcomes.remove(id(actorName, key));
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

		/** Outcomes added since the last commit. */
		private final List<StoredOutcome> pending = new ArrayList<>();

		private StoredOutcome.@Nullable Retention retention;

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
			commit();
		}

		@Override
		public @Nullable StoredOutcome outcome(String key) {
			for (StoredOutcome outcome : this.pending) {
				if (outcome.key().equals(key)) {
					return outcome;
				}
			}
			LinkedHashMap<String, StoredOutcome> kept = InMemoryStateStore.this.outcomes.get(this.id);
			if (kept == null) {
				return null;
			}
			synchronized (kept) {
				return kept.get(key);
			}
		}

		@Override
		public void keepOutcomes(List<StoredOutcome> outcomes, StoredOutcome.Retention retention) {
			this.pending.addAll(outcomes);
			this.retention = retention;
		}

		@Override
		public void commit() {
			StoredOutcome.Retention retention = this.retention;
			if (this.pending.isEmpty() || retention == null) {
				return;
			}
			LinkedHashMap<String, StoredOutcome> kept = InMemoryStateStore.this.outcomes.computeIfAbsent(this.id,
					(id) -> new LinkedHashMap<>());
			synchronized (kept) {
				for (StoredOutcome outcome : this.pending) {
					kept.remove(outcome.key());
					kept.put(outcome.key(), outcome);
				}
				int surplus = kept.size() - Math.max(retention.maxKept(), this.pending.size());
				var oldest = kept.values().iterator();
				while (oldest.hasNext()) {
					StoredOutcome outcome = oldest.next();
					if (surplus <= 0 && outcome.createdAt() >= retention.keepSince()) {
						break; // kept in insertion order: the ones after it are newer
					}
					oldest.remove();
					surplus--;
				}
			}
			this.pending.clear();
		}

		@Override
		public void rollback() {
			this.pending.clear();
		}

		@Override
		public void close() {
			this.pending.clear();
		}

	}

}
