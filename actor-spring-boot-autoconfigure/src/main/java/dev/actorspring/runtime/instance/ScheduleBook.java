package dev.actorspring.runtime.instance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.actorspring.api.ScheduledAction;
import dev.actorspring.codec.ActorCodec;
import dev.actorspring.persistence.StoredState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * The pending schedules of one instance, kept like its state: changed during turns, captured as JSON after
 * each turn, restored if the turn fails, committed with the state. Used only on the instance's turns.
 */
final class ScheduleBook {

	private final ActorCodec codec;

	/**
	 * Reads the schedules whatever the application's mapper fails on: a file written before a field was added (or
	 * after, by a newer version) still loads.
	 */
	private final ObjectReader reader;

	private List<ScheduleEntry> entries = new ArrayList<>();

	private byte[] capturedBytes = StoredState.NO_SCHEDULES;

	private byte[] committedBytes = StoredState.NO_SCHEDULES;

	private boolean touched;

	ScheduleBook(ActorCodec codec) {
		this.codec = codec;
		JavaType listType = codec.mapper().getTypeFactory().constructCollectionType(List.class, ScheduleEntry.class);
		this.reader = codec.mapper()
			.readerFor(listType)
			.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
					DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
					DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
	}

	void load(byte[] stored) {
		this.entries = new ArrayList<>(this.reader.<List<ScheduleEntry>>readValue(stored));
		this.capturedBytes = stored;
		this.committedBytes = stored;
		this.touched = false;
	}

	void clear() {
		this.entries = new ArrayList<>();
		this.capturedBytes = StoredState.NO_SCHEDULES;
		this.committedBytes = StoredState.NO_SCHEDULES;
		this.touched = false;
	}

	String add(String action, JsonNode args, long dueAt, Map<String, String> trace) {
		String id = UUID.randomUUID().toString();
		this.entries.add(new ScheduleEntry(id, action, args, dueAt, 0, trace.isEmpty() ? null : trace));
		this.touched = true;
		return id;
	}

	/**
	 * Adds a recurring schedule under its name, replacing one of that name; one declared again unchanged keeps its
	 * next run (so declaring it on every wake does not postpone it).
	 * @param first the schedule with its first run
	 * @return its id, the name
	 */
	String putRecurring(ScheduleEntry first) {
		for (ScheduleEntry entry : this.entries) {
			if (entry.id().equals(first.id()) && entry.recurring() && entry.sameRecurrence(first)) {
				return entry.id();
			}
		}
		cancel(first.id());
		this.entries.add(first);
		this.touched = true;
		return first.id();
	}

	/**
	 * A schedule ran: a one-shot one is done, a recurring one moves to its next run after {@code now} (missed runs
	 * are skipped). Nothing happens if the action itself cancelled or replaced it.
	 * @param ran the schedule that ran
	 * @param now the time it ran at
	 */
	void ran(ScheduleEntry ran, long now) {
		for (int i = 0; i < this.entries.size(); i++) {
			if (this.entries.get(i) == ran) {
				ScheduleEntry next = ran.recurring() ? ran.next(now) : null;
				if (next != null) {
					this.entries.set(i, next);
				}
				else {
					this.entries.remove(i);
				}
				this.touched = true;
				return;
			}
		}
	}

	boolean cancel(String id) {
		boolean removed = this.entries.removeIf((entry) -> entry.id().equals(id));
		this.touched |= removed;
		return removed;
	}

	List<ScheduledAction> list() {
		return sorted().stream()
			.map((entry) -> new ScheduledAction(entry.id(), entry.action(), Instant.ofEpochMilli(entry.dueAt()),
					entry.attempts(), entry.cron(), (entry.zone() != null) ? ZoneId.of(entry.zone()) : null,
					(entry.every() != null) ? Duration.ofMillis(entry.every()) : null))
			.toList();
	}

	/** The ids of the schedules due at {@code now}, earliest first. */
	List<String> due(long now) {
		return sorted().stream().filter((entry) -> entry.dueAt() <= now).map(ScheduleEntry::id).toList();
	}

	/**
	 * A schedule still pending and due, by id: one that an earlier due action cancelled or moved is not.
	 * @param id the schedule id
	 * @param now the time it must be due by
	 * @return the schedule, or {@code null}
	 */
	@Nullable ScheduleEntry dueEntry(String id, long now) {
		for (ScheduleEntry entry : this.entries) {
			if (entry.id().equals(id)) {
				return (entry.dueAt() <= now) ? entry : null;
			}
		}
		return null;
	}

	/**
	 * Moves a failed schedule to a later attempt; after its last attempt a one-shot schedule is dropped and a
	 * recurring one moves to its next run.
	 * @return whether it will be tried again (false: this run is dropped after its last attempt)
	 */
	boolean retry(ScheduleEntry failed, long now, int maxAttempts, long backoffMillis) {
		cancel(failed.id());
		this.touched = true;
		int attempts = failed.attempts() + 1;
		if (attempts >= maxAttempts) {
			ScheduleEntry next = failed.recurring() ? failed.next(now) : null;
			if (next != null) {
				this.entries.add(next);
			}
			return false;
		}
		long delay = Math.min(backoffMillis << Math.min(attempts - 1, 20), 3_600_000L);
		this.entries.add(failed.retried(now + delay, attempts));
		return true;
	}

	/**
	 * Captures the schedules after a successful turn.
	 * @return whether they differ from the last capture
	 */
	boolean capture() {
		if (!this.touched) {
			return false;
		}
		this.touched = false;
		byte[] bytes = this.codec.encode(this.entries);
		if (Arrays.equals(bytes, this.capturedBytes)) {
			return false;
		}
		this.capturedBytes = bytes;
		return true;
	}

	/** Undoes the changes of a failed turn. */
	void restore() {
		if (this.touched) {
			this.entries = new ArrayList<>(this.reader.<List<ScheduleEntry>>readValue(this.capturedBytes));
			this.touched = false;
		}
	}

	void committed() {
		this.committedBytes = this.capturedBytes;
	}

	/** Returns to the last committed schedules, after a failed commit. */
	void rollBack() {
		this.capturedBytes = this.committedBytes;
		this.touched = true;
		restore();
	}

	byte[] bytes() {
		return this.capturedBytes;
	}

	@Nullable Instant earliest() {
		return this.entries.stream()
			.map(ScheduleEntry::dueAt)
			.min(Comparator.naturalOrder())
			.map(Instant::ofEpochMilli)
			.orElse(null);
	}

	private List<ScheduleEntry> sorted() {
		List<ScheduleEntry> sorted = new ArrayList<>(this.entries);
		sorted.sort(Comparator.comparingLong(ScheduleEntry::dueAt));
		return sorted;
	}

}
