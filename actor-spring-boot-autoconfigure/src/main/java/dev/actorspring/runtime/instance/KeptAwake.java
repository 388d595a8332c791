package dev.actorspring.runtime.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The work an instance's actions passed to {@code ActorContext.keepAwake}: while some of it runs, each within its own
 * keep-awake timeout, the instance does not go to sleep for being idle. Added to on the instance's turns, read and
 * ended from any thread.
 */
final class KeptAwake {

	/** The works still running, each with the time it stops keeping the instance awake; guarded by {@code this}. */
	private final List<Kept> kept = new ArrayList<>();

	private record Kept(CompletableFuture<?> work, long until) {
	}

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
		Kept entry = new Kept(work, nowMillis + timeoutMillis);
		synchronized (this) {
			// works past their timeout no longer keep the instance awake: forgotten here, not only when it sleeps
			this.kept.removeIf((kept) -> nowMillis >= kept.until());
			this.kept.add(entry);
		}
		work.whenComplete((result, failure) -> {
			ended.run();
			synchronized (this) {
				this.kept.remove(entry);
			}
		});
	}

	/** Whether running work keeps the instance awake at {@code nowMillis}. */
	synchronized boolean holds(long nowMillis) {
		for (Kept entry : this.kept) {
			if (nowMillis < entry.until() && !entry.work().isDone()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Forgets the works that still run past their timeout (the instance goes to sleep without them).
	 * @return how many there were
	 */
	synchronized int expire(long nowMillis) {
		int expired = 0;
		for (Kept entry : this.kept) {
			if (nowMillis >= entry.until() && !entry.work().isDone()) {
				expired++;
			}
		}
		this.kept.removeIf((entry) -> nowMillis >= entry.until() || entry.work().isDone());
		return expired;
	}

}
