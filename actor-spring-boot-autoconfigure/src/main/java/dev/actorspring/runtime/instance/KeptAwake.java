package dev.actorspring.runtime.instance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work an instance's actions passed to {@code ActorContext.keepAwake}: while some of it runs, within the
 * keep-awake timeout, the instance does not go to sleep for being idle. Added to on the instance's turns, read and
 * ended from any thread.
 */
final class KeptAwake {

	/** How many works still run. */
	private final AtomicInteger running = new AtomicInteger();

	/** Until when those works keep the instance awake at most. */
	private volatile long until;

	/**
	 * Keeps the instance awake while {@code work} runs, for {@code timeoutMillis} at most.
	 * @param work the work
	 * @param nowMillis the time now
	 * @param timeoutMillis the keep-awake timeout
	 * @param ended told when the work ends, on the thread that ended it
	 */
	void add(CompletableFuture<?> work, long nowMillis, long timeoutMillis, Runnable ended) {
		if (work.isDone()) {
			return;
		}
		this.until = Math.max(this.until, nowMillis + timeoutMillis); // written on the instance's turns only
		this.running.incrementAndGet();
		work.whenComplete((result, failure) -> {
			ended.run();
			this.running.decrementAndGet();
		});
	}

	/** Whether running work keeps the instance awake at {@code nowMillis}. */
	boolean holds(long nowMillis) {
		return this.running.get() > 0 && nowMillis < this.until;
	}

	/** How many works still run (also past the timeout). */
	int running() {
		return this.running.get();
	}

}
