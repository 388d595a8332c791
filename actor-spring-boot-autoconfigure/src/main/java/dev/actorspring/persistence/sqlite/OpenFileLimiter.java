package dev.actorspring.persistence.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Bounds the SQLite connections open at once, however many actors are awake: when a storage opens one over the
 * limit, the least recently used idle ones are closed (clock algorithm: a storage used since the hand last passed
 * gets a second chance). A closed storage reopens its file on its next use. The storages with an open connection
 * form a ring (linked through the storages themselves, so that joining and leaving it take constant time); using an
 * open connection takes no lock here.
 */
final class OpenFileLimiter {

	private final int maxOpen;

	/** Guards the ring; held while an eviction takes a storage's connection (trying that storage's lock only). */
	private final ReentrantLock lock = new ReentrantLock();

	/** The next storage the clock looks at, or {@code null} with none open. */
	private @Nullable SqliteActorStorage hand;

	private volatile int open;

	OpenFileLimiter(int maxOpen) {
		this.maxOpen = Math.max(1, maxOpen);
	}

	/**
	 * A storage opened its connection; closes others if that puts us over the limit (the closes start once the lock
	 * is released: when the closing threads are behind, they run on the caller's thread, which slows down opening
	 * more files).
	 */
	void opened(SqliteActorStorage storage) {
		List<Runnable> closes = null;
		this.lock.lock();
		try {
			link(storage);
			int budget = 2 * this.open + 2;
			while (this.open > this.maxOpen && budget-- > 0) {
				SqliteActorStorage candidate = this.hand;
				this.hand = candidate.clockNext;
				if (candidate != storage && !candidate.clearReferenced()) {
					Runnable close = candidate.evictConnection();
					if (close != null) {
						closes = (closes != null) ? closes : new ArrayList<>(2);
						closes.add(close);
					}
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (closes != null) {
			for (Runnable close : closes) {
				close.run();
			}
		}
	}

	/** A storage closed its connection. */
	void closed(SqliteActorStorage storage) {
		this.lock.lock();
		try {
			unlink(storage);
		}
		finally {
			this.lock.unlock();
		}
	}

	int openCount() {
		return this.open;
	}

	private void link(SqliteActorStorage storage) {
		if (storage.clockNext != null) {
			return;
		}
		SqliteActorStorage first = this.hand;
		if (first == null) {
			storage.clockNext = storage;
			storage.clockPrev = storage;
			this.hand = storage;
		}
		else {
			// just behind the hand: the last the clock looks at
			SqliteActorStorage last = first.clockPrev;
			storage.clockPrev = last;
			storage.clockNext = first;
			last.clockNext = storage;
			first.clockPrev = storage;
		}
		this.open++;
	}

	private void unlink(SqliteActorStorage storage) {
		SqliteActorStorage next = storage.clockNext;
		if (next == null) {
			return;
		}
		SqliteActorStorage previous = storage.clockPrev;
		if (next == storage) {
			this.hand = null;
		}
		else {
			previous.clockNext = next;
			next.clockPrev = previous;
			if (this.hand == storage) {
				this.hand = next;
			}
		}
		storage.clockNext = null;
		storage.clockPrev = null;
		this.open--;
	}

}
