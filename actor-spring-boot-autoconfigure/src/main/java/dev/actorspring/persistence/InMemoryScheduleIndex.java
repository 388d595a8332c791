package dev.actorspring.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ScheduleIndex} in memory, for the {@link InMemoryStateStore}.
 */
public final class InMemoryScheduleIndex implements ScheduleIndex {

	private final Map<List<String>, Instant> entries = new ConcurrentHashMap<>();

	@Override
	public void put(String actorName, String key, Instant due) {
		this.entries.put(List.of(actorName, key), due);
	}

	@Override
	public void remove(String actorName, String key) {
		this.entries.remove(List.of(actorName, key));
	}

	@Override
	public List<Entry> loadAll() {
		List<Entry> all = new ArrayList<>();
		this.entries.forEach((id, due) -> all.add(new Entry(id.get(0), id.get(1), due)));
		return all;
	}

}
