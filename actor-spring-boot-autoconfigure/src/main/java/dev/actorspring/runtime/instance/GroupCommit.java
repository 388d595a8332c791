package dev.actorspring.runtime.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
 */
final class GroupCommit {

	private static final Log logger = LogFactory.getLog(GroupCommit.class);

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
	 * Commits the group, if there is anything to commit, then releases its replies and effects.
	 * @return whether everything before this point is committed (false: the group was aborted)
	 */
	boolean flush() {
		if (this.turns.isEmpty() && !this.dirty && !this.sqlUsed) {
			return true;
		}
		ActorStorage storage = this.instance.memory().storage();
		if (storage != null && (this.dirty || this.sqlUsed || this.outcomes || this.confirm)) {
			if (!write(storage)) {
				return false;
			}
		}
		release();
		return true;
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
				timer.afterCommit(name, this.instance.key(), this.instance.nextDue(), this.instance.hasQueues());
			}
			if (stateWritten) {
				this.instance.turns().stateChanged();
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
		ActorStorage storage = this.instance.memory().storage();
		if (storage != null) {
			storage.rollback();
		}
		this.instance.memory().rollBack();
		this.instance.queues().rollBack();
	}

	private void release() {
		this.instance.queues().committed();
		List<Turn> released = List.copyOf(this.turns);
		Throwable unconfirmed = this.unconfirmed;
		this.unconfirmed = null;
		clear();
		for (Turn turn : released) {
			if (!turn.effects.isEmpty()) {
				this.instance.connections().deliver(turn.effects);
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

}
