package dev.actorspring.persistence.sqlite;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the SQLite connections open at once, however many actors are awake: when a storage opens one over the
 * limit, the least recently used idle ones are closed (clock algorithm: a storage used since the hand last
 * passed gets a second chance). A closed storage reopens its file on its next use. Lock-free on the path
 * that uses an open connection.
 */
final class OpenFileLimiter {

	private final int maxOpen;

	private final AtomicInteger open = new AtomicInteger();

	private final Queue<SqliteActorStorage> clock = new ConcurrentLinkedQueue<>();

	OpenFileLimiter(int maxOpen) {
		this.maxOpen = Math.max(1, maxOpen);
	}

	/** A storage opened its connection; closes others if that puts us over the limit. */
	void opened(SqliteActorStorage storage) {
		this.clock.add(storage);
		if (this.open.incrementAndGet() > this.maxOpen) {
			closeIdle(storage);
		}
	}

	/** A storage closed its connection. */
	void closed(SqliteActorStorage storage) {
		this.open.decrementAndGet();
		this.clock.remove(storage);
	}

	int openCount() {
		return this.open.get();
	}

	private void closeIdle(SqliteActorStorage opener) {
		int budget = 2 * this.clock.size() + 2;
		while (this.open.get() > this.maxOpen && budget-- > 0) {
			SqliteActorStorage candidate = this.clock.poll();
			if (candidate == null) {
				return;
			}
			if (candidate == opener || candidate.clearReferenced()) {
				this.clock.add(candidate);
			}
			else if (!candidate.closeConnectionIfIdle()) {
				this.clock.add(candidate);
			}
		}
	}

}
