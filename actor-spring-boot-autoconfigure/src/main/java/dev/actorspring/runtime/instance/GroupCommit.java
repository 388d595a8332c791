package dev.actorspring.runtime.instance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredOutcome;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.mailbox.Blocking;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The commit room: the turns run since the last commit wait here with their replies and effects. A flush commits
 * their state change (and their SQL writes) in one transaction, then releases them in turn order, each turn's
 * events before its reply. If the commit fails, nothing of the group is kept: its callers get
 * {@code storage_failed}, its effects are dropped, and memory goes back to what was committed. The outcomes of the
 * calls made with an idempotency key are committed in the same transaction as the changes of their turns.
 * <p>
 * A storage may confirm a commit after it returned ({@link ActorStorage#lastCommitConfirmation()}: cluster mode
 * copies it to another node meanwhile). After a batch of messages ({@link #flushPipelined()}) such a group is held,
 * committed to the file, and the instance goes on with its next turns; held groups are released strictly in commit
 * order, each once its confirmation came, and a group with nothing to commit waits behind them (a read must not
 * answer with a change that is not confirmed yet). Every other flush waits until every held group is released.
 */
final class GroupCommit {

	private static final Log logger = LogFactory.getLog(GroupCommit.class);

	/** The confirmation of a commit confirmed as it returned. */
	private static final CompletableFuture<Void> CONFIRMED = CompletableFuture.completedFuture(null);

	private final ActorInstance instance;

	private final List<Turn> turns = new ArrayList<>();

	private boolean dirty;

	/** Whether a turn of the group moved when the instance is next due (its schedules or queue messages). */
	private boolean nextDueMoved;

	private boolean sqlUsed;

	private long aborts;

	/** Whether a turn of the group keeps an outcome for its idempotency key. */
	private boolean outcomes;

	/** Whether a turn of the group replays an outcome read from the file, which a commit must confirm first. */
	private boolean confirm;

	/** The error for the callers of a group that was written but not confirmed, until its release. */
	private @Nullable Throwable unconfirmed;

	/** Groups committed to the file and waiting for their confirmation, oldest first. */
	private final ArrayDeque<Held> held = new ArrayDeque<>();

	GroupCommit(ActorInstance instance) {
		this.instance = instance;
	}

	/**
	 * Adds a turn's outcome to the group.
	 * @param reply who waits for it, if anyone
	 * @param output its output, if it succeeded
	 * @param failure its failure, if it failed
	 * @param effects what follows its commit
	 */
	void add(@Nullable CompletableFuture<byte[]> reply, byte @Nullable [] output, @Nullable Throwable failure,
			List<Effect> effects) {
		add(reply, output, failure, effects, null);
	}

	/**
	 * Adds a turn's outcome to the group, with the outcome to keep for its idempotency key.
	 * @param reply who waits for it, if anyone
	 * @param output its output, if it succeeded
	 * @param failure its failure, if it failed
	 * @param effects what follows its commit
	 * @param kept what to keep for its idempotency key, committed with the group; {@code null} for none
	 */
	void add(@Nullable CompletableFuture<byte[]> reply, byte @Nullable [] output, @Nullable Throwable failure,
			List<Effect> effects, @Nullable StoredOutcome kept) {
		this.turns.add(new Turn(reply, output, failure, effects, kept));
		this.outcomes |= kept != null;
	}

	/**
	 * The group answers an outcome read from the file: the flush confirms the file's last commit before it releases
	 * the group (a storage that copies its commits copies it now if its last copy failed, or refuses), even if no
	 * turn changed anything.
	 */
	void confirmBeforeRelease() {
		this.confirm = true;
	}

	/**
	 * The outcome a turn of this group keeps for an idempotency key, not committed yet.
	 * @param key the key
	 * @return the outcome, or {@code null}
	 */
	@Nullable StoredOutcome outcome(String key) {
		if (this.outcomes) {
			for (Turn turn : this.turns) {
				if (turn.kept != null && turn.kept.key().equals(key)) {
					return turn.kept;
				}
			}
		}
		return null;
	}

	/** A turn's capture found a change to commit. */
	void changed(InstanceMemory.Change change) {
		this.dirty |= change.dirty();
		this.nextDueMoved |= change.schedules();
	}

	/** A turn moved when the instance is next due (a schedule or a queue message): the commit tells the timer. */
	void nextDueChanged() {
		this.nextDueMoved = true;
	}

	/** A turn used actor-local SQL: a transaction is open. */
	void sqlUsed() {
		this.sqlUsed = true;
	}

	/** Whether a turn of the group used SQL: its open transaction holds writes not committed yet. */
	boolean holdsSql() {
		return this.sqlUsed;
	}

	/** How many groups were aborted so far: a turn that sees it grow knows its group is gone. */
	long aborts() {
		return this.aborts;
	}

	/**
	 * Commits the group, if there is anything to commit, then releases its replies and effects, after those of every
	 * group held before it (waiting for their confirmations).
	 * @return whether everything before this point is committed (false: the group was aborted)
	 */
	boolean flush() {
		boolean committed = commitGroup();
		awaitHeld();
		return committed;
	}

	/**
	 * Commits the group, if there is anything to commit, and releases it, or holds it until its confirmation (and
	 * those of the groups held before it) came: the instance goes on meanwhile. After a batch of messages.
	 */
	void flushPipelined() {
		commitGroup();
		releaseConfirmed();
	}

	/** Whether committed groups wait for their confirmation. */
	boolean holding() {
		return !this.held.isEmpty();
	}

	/** Releases, in order, the held groups whose confirmation came; stops at the first that still waits. */
	void releaseConfirmed() {
		while (!this.held.isEmpty() && this.held.peekFirst().confirmation.isDone()) {
			this.held.pollFirst().release(this.instance);
		}
	}

	private boolean commitGroup() {
		if (this.turns.isEmpty() && !this.dirty && !this.sqlUsed) {
			return true;
		}
		ActorStorage storage = this.instance.memory().storage();
		CompletableFuture<Void> confirmation = null;
		if (storage != null && (this.dirty || this.sqlUsed || this.outcomes || this.confirm)) {
			if (!write(storage)) {
				return false;
			}
			if (this.unconfirmed == null) {
				confirmation = storage.lastCommitConfirmation();
			}
		}
		Held group = new Held(List.copyOf(this.turns), this.instance.queues().committed(), this.unconfirmed,
				(confirmation != null) ? confirmation : CONFIRMED);
		this.unconfirmed = null;
		clear();
		if (this.held.isEmpty() && group.confirmation.isDone()) {
			group.release(this.instance);
			return true;
		}
		Held before = this.held.peekLast();
		this.held.addLast(group);
		if (!group.confirmation.isDone() && (before == null || before.confirmation != group.confirmation)) {
			// released on the instance's turn, in order: the message finds every group whose confirmation came
			group.confirmation.whenComplete((ignored, failure) -> this.instance.confirmationCame());
		}
		return true;
	}

	/** Waits for every held group's confirmation, releasing each in order. */
	private void awaitHeld() {
		boolean[] interrupted = { false };
		while (!this.held.isEmpty()) {
			Held first = this.held.peekFirst();
			if (!first.confirmation.isDone()) {
				// the confirmation may wait on another node (which always answers or times out): the mailbox pool
				// makes up for this thread meanwhile
				Blocking.run(true, () -> {
					try {
						first.confirmation.get();
					}
					catch (InterruptedException ex) {
						interrupted[0] = true;
					}
					catch (ExecutionException ex) {
						// released as unconfirmed
					}
				});
				continue;
			}
			this.held.pollFirst().release(this.instance);
		}
		if (interrupted[0]) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean write(ActorStorage storage) {
		InstanceMemory memory = this.instance.memory();
		ScheduleTimer timer = this.instance.services().scheduleTimer();
		String name = this.instance.definition().name();
		boolean stateWritten = this.dirty;
		boolean nextDueMoved = this.nextDueMoved;
		long started = System.nanoTime();
		try {
			// the commit may wait on the disk: the mailbox pool makes up for this thread meanwhile
			Blocking.run(this.instance.services().store().commitsMayBlock(), () -> {
				if (this.outcomes) {
					storage.keepOutcomes(keptOutcomes(),
							this.instance.services().idempotency().retention(System.currentTimeMillis()));
				}
				if (nextDueMoved) {
					timer.beforeCommit(name, this.instance.key(), this.instance.nextDue());
				}
				if (stateWritten) {
					storage.save(memory.stateBytes(), memory.schedules().bytes());
				}
				else {
					storage.commit();
				}
			});
		}
		catch (StateStoreException ex) {
			if (!ex.committed()) {
				abort(ex);
				return false;
			}
			// in the file, but not confirmed: the instance goes on from what the file holds, the callers are told
			// that the outcome is unknown, the events are delivered (the change is most likely kept)
			logger.warn("Committed the state of " + this.instance + " without its confirmation: " + ex.getMessage());
			this.unconfirmed = ActorErrors.commitUnconfirmed(ex);
		}
		catch (RuntimeException ex) {
			abort(ex);
			return false;
		}
		this.dirty = false;
		this.nextDueMoved = false;
		this.sqlUsed = false;
		this.outcomes = false;
		this.confirm = false;
		try {
			if (stateWritten) {
				memory.committed();
				this.instance.services()
					.listener()
					.committed(name, this.turns.size(), System.nanoTime() - started, memory.stateBytes().length);
			}
			if (nextDueMoved) {
				timer.afterCommit(name, this.instance.key(), this.instance.nextDue(),
						!this.instance.definition().queues().isEmpty());
			}
			if (stateWritten) {
				// its events go out with the group (after the confirmation, if the storage confirms later)
				List<Effect> effects = this.instance.turns().stateChanged();
				if (!effects.isEmpty()) {
					this.turns.add(0, new Turn(null, null, null, effects, null));
				}
			}
		}
		catch (RuntimeException ex) {
			// committed is committed: what follows a commit never turns it into a refusal
			logger.error("After the commit of " + this.instance, ex);
		}
		return true;
	}

	/**
	 * Fails every turn of the group after the storage failed: nothing of it is kept, nothing delivered, and memory
	 * goes back to what was committed.
	 * @param ex what failed
	 */
	void abort(RuntimeException ex) {
		this.aborts++;
		if (ex instanceof StateStoreException refusal && refusal.code() != null) {
			logger.warn("Did not commit the state of " + this.instance + ": " + refusal.getMessage());
		}
		else {
			logger.error("Could not commit the state of " + this.instance, ex);
		}
		Throwable failure = ActorErrors.storageFailed(ex);
		for (Turn turn : this.turns) {
			if (turn.reply != null) {
				turn.reply.completeExceptionally((turn.failure != null) ? turn.failure : failure);
			}
		}
		clear();
		// a turn that asked to sleep or to be destroyed was rolled back with the group: nothing is to happen
		this.instance.turns().takeRequest();
		ActorStorage storage = this.instance.memory().storage();
		if (storage != null) {
			storage.rollback();
		}
		this.instance.memory().rollBack();
		this.instance.queues().rollBack();
	}

	private void clear() {
		this.turns.clear();
		this.dirty = false;
		this.nextDueMoved = false;
		this.sqlUsed = false;
		this.outcomes = false;
		this.confirm = false;
	}

	private List<StoredOutcome> keptOutcomes() {
		List<StoredOutcome> kept = new ArrayList<>();
		for (Turn turn : this.turns) {
			if (turn.kept != null) {
				kept.add(turn.kept);
			}
		}
		return kept;
	}

	private record Turn(@Nullable CompletableFuture<byte[]> reply, byte @Nullable [] output,
			@Nullable Throwable failure, List<Effect> effects, @Nullable StoredOutcome kept) {
	}

	/**
	 * A committed group on its way out.
	 * @param turns its turns, in order
	 * @param consumed the waiters of the queue messages it consumed
	 * @param unconfirmed the error its callers get if its commit was written but not confirmed as it returned
	 * @param confirmation completes when its commit is confirmed (done if it was as it returned)
	 */
	private record Held(List<Turn> turns, List<QueueWaiters.Handed> consumed, @Nullable Throwable unconfirmed,
			CompletableFuture<Void> confirmation) {

		/** Delivers the group's effects and answers its callers, each turn's events before its reply. */
		void release(ActorInstance instance) {
			Throwable unconfirmed = this.unconfirmed;
			if (unconfirmed == null && this.confirmation.isCompletedExceptionally()) {
				Throwable failure = this.confirmation.handle((ignored, ex) -> ex).join();
				Throwable cause = (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				logger.warn("Committed the state of " + instance + " without its confirmation: " + cause.getMessage());
				unconfirmed = ActorErrors.commitUnconfirmed(cause);
			}
			QueueWaiters.answer(this.consumed, unconfirmed);
			for (Turn turn : this.turns) {
				if (!turn.effects.isEmpty()) {
					instance.connections().deliver(turn.effects);
				}
				if (turn.reply != null) {
					if (turn.failure != null) {
						turn.reply.completeExceptionally(turn.failure);
					}
					else if (unconfirmed != null) {
						turn.reply.completeExceptionally(unconfirmed);
					}
					else {
						turn.reply.complete(turn.output);
					}
				}
			}
		}

	}

}
