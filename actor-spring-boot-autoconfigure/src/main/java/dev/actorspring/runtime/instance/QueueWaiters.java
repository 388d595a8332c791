package dev.actorspring.runtime.instance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.runtime.error.ActorErrors;
import org.jspecify.annotations.Nullable;

/**
 * Who waits for a queued message's consumption ({@code enqueueAndWait}), by message id: a waiter gets the outcome
 * of the turn that consumed (or dead-lettered) its message once that turn's group committed, and waits on for the
 * next consumption if the group is lost. Used on the instance's turns, by {@link Queues}.
 */
final class QueueWaiters {

	private final Map<Long, CompletableFuture<byte[]>> waiters = new HashMap<>();

	/** The waiters' messages published in the group not committed yet. */
	private final List<Long> published = new ArrayList<>();

	/** The waiters whose message was consumed (or moved to the dead letters) in the group not committed yet. */
	private final Map<Long, Handed> handed = new HashMap<>();

	/** A message published in the group in progress has a waiter. */
	void published(long id, CompletableFuture<byte[]> waiter) {
		this.waiters.put(id, waiter);
		this.published.add(id);
	}

	/**
	 * A consuming (or dead-lettering) turn hands its message's waiter, if it has one, the outcome it will get once
	 * the group committed ({@link #committed()}); if the group is lost instead, the message is back in the file and
	 * the waiter waits for its next consumption ({@link #rollBack()}).
	 */
	void handOver(long id, byte @Nullable [] output, @Nullable Throwable error) {
		CompletableFuture<byte[]> waiter = this.waiters.remove(id);
		if (waiter != null) {
			this.handed.put(id, new Handed(waiter, output, error));
		}
	}

	/**
	 * The group was lost: the waiters of messages consumed in it wait for their next consumption; those of messages
	 * published in it (consumed in it too or not) wait no more: their publishers were told, and the waiter is
	 * cancelled so that it no longer keeps the instance awake.
	 */
	void rollBack() {
		this.handed.forEach((id, handed) -> this.waiters.put(id, handed.waiter()));
		this.handed.clear();
		for (Long id : this.published) {
			CompletableFuture<byte[]> waiter = this.waiters.remove(id);
			if (waiter != null) {
				waiter.cancel(false);
			}
		}
		this.published.clear();
	}

	/** How many waiters wait for a message's consumption (those of a group in progress included). */
	int size() {
		return this.waiters.size() + this.handed.size();
	}

	/**
	 * The group committed. The waiters of the messages it consumed get their outcome when the group is released
	 * ({@link #answer}).
	 * @return those waiters and their outcomes, empty if none
	 */
	List<Handed> committed() {
		this.published.clear();
		if (this.handed.isEmpty()) {
			return List.of();
		}
		List<Handed> done = List.copyOf(this.handed.values());
		this.handed.clear();
		return done;
	}

	/**
	 * The messages in the file were read again, in the group in progress: the waiters of messages no longer there
	 * (removed by the actor's own SQL, never consumed) get {@code queue/message_removed} once that group committed,
	 * as a consumption's waiter gets its outcome; if it is lost, the removal may be too, and they wait on.
	 */
	void retain(Set<Long> ids) {
		this.waiters.entrySet().removeIf((waiter) -> {
			if (ids.contains(waiter.getKey())) {
				return false;
			}
			this.handed.put(waiter.getKey(), new Handed(waiter.getValue(), null, ActorErrors.queueMessageRemoved()));
			return true;
		});
	}

	/** The instance left memory: every waiter fails. */
	void release() {
		this.published.clear();
		this.handed.values().forEach((handed) -> handed.waiter().completeExceptionally(ActorErrors.stopped()));
		this.handed.clear();
		this.waiters.values().forEach((waiter) -> waiter.completeExceptionally(ActorErrors.stopped()));
		this.waiters.clear();
	}

	/**
	 * Answers the waiters of a released group.
	 * @param done what {@link #committed()} returned for it
	 * @param unconfirmed the error of a group written but not confirmed, or {@code null}: it answers every waiter,
	 * whatever the outcome they were handed (a consumption, a removal or a dead letter that a fail-over may undo)
	 */
	static void answer(List<Handed> done, @Nullable Throwable unconfirmed) {
		for (Handed handed : done) {
			if (unconfirmed != null) {
				handed.waiter().completeExceptionally(unconfirmed);
			}
			else if (handed.error() != null) {
				handed.waiter().completeExceptionally(handed.error());
			}
			else {
				handed.waiter().complete(handed.output());
			}
		}
	}

	/** A waiter whose message's outcome waits for the group's commit. */
	record Handed(CompletableFuture<byte[]> waiter, byte @Nullable [] output, @Nullable Throwable error) {
	}

}
