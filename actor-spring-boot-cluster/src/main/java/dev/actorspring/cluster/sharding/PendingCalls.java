package dev.actorspring.cluster.sharding;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.actorspring.api.ActorException;
import org.jspecify.annotations.Nullable;

/**
 * On the client's node, the calls a remote connection sent to the owner and whose answers have not come back
 * through its sink yet, by number.
 */
final class PendingCalls {

	private final AtomicLong next = new AtomicLong();

	private final Map<Long, CompletableFuture<EntityReply>> open = new ConcurrentHashMap<>();

	/** Set once the connection ended: calls opened then fail at once. */
	private volatile @Nullable EntityReply ended;

	/** A new call: its number, and its answer, to be completed by {@link #complete}; forgotten once completed. */
	Call open() {
		long id = this.next.incrementAndGet();
		CompletableFuture<EntityReply> answer = new CompletableFuture<>();
		this.open.put(id, answer);
		answer.whenComplete((reply, failure) -> this.open.remove(id));
		EntityReply ended = this.ended;
		if (ended != null) {
			answer.complete(ended); // the connection ended before (or while) this call was opened
		}
		return new Call(id, answer);
	}

	void complete(long id, EntityReply reply) {
		CompletableFuture<EntityReply> answer = this.open.get(id);
		if (answer != null) {
			answer.complete(reply);
		}
	}

	/**
	 * The connection ended: calls still waiting, and any opened from now on, get the error.
	 * @param error {@code connection_lost} when the owner closed the connection (its answers all came before the
	 * close), or an outcome-unknown error when the owner's entity went away (the notice of that can overtake the
	 * last answers)
	 */
	void failAll(ActorException error) {
		EntityReply reply = EntityReply.failed(error);
		this.ended = reply;
		this.open.values().forEach((answer) -> answer.complete(reply));
	}

	/**
	 * A call waiting for its answer.
	 * @param id its number, which the answer carries
	 * @param answer completed with the answer, or when the connection ends or the call times out
	 */
	record Call(long id, CompletableFuture<EntityReply> answer) {
	}

}
