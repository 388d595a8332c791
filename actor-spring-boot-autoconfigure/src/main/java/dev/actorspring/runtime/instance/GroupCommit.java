package dev.actorspring.runtime.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * The turns run since the last commit: their replies and effects wait here until the state they produced is
 * committed, then are released in turn order (each turn's events before its reply).
 */
final class GroupCommit {

	private final List<Turn> turns = new ArrayList<>();

	private boolean dirty;

	private boolean schedulesChanged;

	private boolean sqlUsed;

	void add(@Nullable CompletableFuture<byte[]> reply, byte @Nullable [] output, @Nullable Throwable failure,
			List<Effect> effects) {
		this.turns.add(new Turn(reply, output, failure, effects));
	}

	void markDirty() {
		this.dirty = true;
	}

	void markSchedulesChanged() {
		this.schedulesChanged = true;
	}

	void markSqlUsed() {
		this.sqlUsed = true;
	}

	/** Whether a turn of the group used actor-local SQL, so that a transaction is open. */
	boolean sqlUsed() {
		return this.sqlUsed;
	}

	/** Whether there is anything to commit or release. */
	boolean pending() {
		return !this.turns.isEmpty() || this.dirty || this.sqlUsed;
	}

	boolean schedulesChanged() {
		return this.schedulesChanged;
	}

	boolean dirty() {
		return this.dirty;
	}

	int size() {
		return this.turns.size();
	}

	boolean isEmpty() {
		return this.turns.isEmpty();
	}

	/**
	 * Releases the group after its commit.
	 * @param instance where effects are delivered
	 */
	void release(ActorInstance instance) {
		for (Turn turn : this.turns) {
			if (!turn.effects.isEmpty()) {
				instance.deliver(turn.effects);
			}
			if (turn.reply != null) {
				if (turn.failure != null) {
					turn.reply.completeExceptionally(turn.failure);
				}
				else {
					turn.reply.complete(turn.output);
				}
			}
		}
		clear();
	}

	/**
	 * Fails the group because its commit failed: no effect is delivered.
	 * @param failure what every successful turn's caller gets
	 */
	void fail(Throwable failure) {
		for (Turn turn : this.turns) {
			if (turn.reply != null) {
				turn.reply.completeExceptionally((turn.failure != null) ? turn.failure : failure);
			}
		}
		clear();
	}

	private void clear() {
		this.turns.clear();
		this.dirty = false;
		this.schedulesChanged = false;
		this.sqlUsed = false;
	}

	private record Turn(@Nullable CompletableFuture<byte[]> reply, byte @Nullable [] output,
			@Nullable Throwable failure, List<Effect> effects) {
	}

}
