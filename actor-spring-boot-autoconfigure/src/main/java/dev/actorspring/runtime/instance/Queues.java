package dev.actorspring.runtime.instance;

import java.security.Principal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.actorspring.api.ActorException;
import dev.actorspring.api.ActorQueue;
import dev.actorspring.runtime.definition.QueueDefinition;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.listener.DeadLetter;
import dev.actorspring.runtime.sql.ActorDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queues room: an instance's durable queues. Their messages are rows of the table {@code _queue} in the
 * instance's own file, written in the group's transaction: a publish is answered once its row is committed, and a
 * message is consumed in a turn of its own that deletes its row, so the consumer's changes and the removal commit
 * together. A failed message is tried again later ({@code due_at}), then moved to {@code _queue_dead}. In memory,
 * the room keeps which messages wait and when they are due (read from the file on the first use after a load or a
 * lost group), so that the schedule timer wakes the instance when the next one is due, also after a restart. Used
 * on the instance's turns. A publisher that waits for its message's consumption keeps the instance awake, as work
 * passed to {@code keepAwake} does (within {@code actor.keep-awake-timeout}).
 */
final class Queues {

	/** One client for all instances: its data source resolves the turn running on the calling thread. */
	private static final JdbcClient SQL = JdbcClient.create(new ActorDataSource());

	private static final String TABLES = "CREATE TABLE IF NOT EXISTS _queue (id INTEGER PRIMARY KEY AUTOINCREMENT, "
			+ "queue TEXT NOT NULL, body TEXT NOT NULL, attempts INTEGER NOT NULL, due_at INTEGER NOT NULL, "
			+ "enqueued_at INTEGER NOT NULL, error TEXT, principal TEXT)";

	private static final String DEAD = "CREATE TABLE IF NOT EXISTS _queue_dead (id INTEGER PRIMARY KEY, "
			+ "queue TEXT NOT NULL, body TEXT NOT NULL, attempts INTEGER NOT NULL, error TEXT NOT NULL, "
			+ "failed_at INTEGER NOT NULL)";

	private final ActorInstance instance;

	/** The messages that wait, by due time then id; {@code null} until read from the file. */
	private @Nullable TreeSet<Pending> pending;

	private final Map<String, Integer> sizes = new HashMap<>();

	private final QueueWaiters waiters = new QueueWaiters();

	/**
	 * The messages whose last turn lost the group (its attempt could not be counted in the file), with their error;
	 * their attempt is counted before they run again. Kept across lost groups, dropped when the instance sleeps.
	 */
	private final Map<Long, ActorException> lostTurns = new HashMap<>();

	/** Those whose attempt is counted in the group not committed yet: lost again if that group is lost. */
	private final Map<Long, ActorException> countedTurns = new HashMap<>();

	/** After a lost group, when the queues are read again at the earliest (the disk may still be failing). */
	private long reloadNotBefore;

	Queues(ActorInstance instance) {
		this.instance = instance;
	}

	/** A message that waits. */
	private record Pending(long dueAt, long id, String queue, int attempts, @Nullable String principal)
			implements Comparable<Pending> {

		@Override
		public int compareTo(Pending other) {
			int byTime = Long.compare(this.dueAt, other.dueAt);
			return (byTime != 0) ? byTime : Long.compare(this.id, other.id);
		}

	}

	/** Publishes a message: its row joins the group commit, and its publisher is answered with its id after it. */
	void enqueue(Message.Enqueue enqueue) {
		try {
			this.instance.activation().activate(true, null);
			loaded();
		}
		catch (ActorException ex) {
			enqueue.reply().completeExceptionally(ex);
			return;
		}
		QueueDefinition queue = enqueue.queue();
		if (size(queue.name()) >= queue.capacity()) {
			this.instance.commits().add(enqueue.reply(), null, ActorErrors.queueFull(queue.name(), queue.capacity()),
					List.of());
			return;
		}
		long now = now();
		String principal = (enqueue.principal() != null) ? enqueue.principal().getName() : null;
		Turns.Outcome outcome = this.instance.turns().run(TurnKind.QUEUE, null, enqueue.principal(), CallChain.EMPTY,
				() -> SQL.sql("INSERT INTO _queue (queue, body, attempts, due_at, enqueued_at, principal) "
						+ "VALUES (?, ?, 0, ?, ?, ?) RETURNING id")
					.params(queue.name(), enqueue.body(), now, now, principal)
					.query(Long.class)
					.single());
		if (outcome.failed()) {
			this.instance.commits().add(enqueue.reply(), null, this.instance.failure(outcome.failure(), "enqueue"),
					List.of());
			return;
		}
		long id = (Long) outcome.result();
		add(new Pending(now, id, queue.name(), 0, principal));
		if (enqueue.consumed() != null) {
			this.waiters.published(id, enqueue.consumed());
			// someone waits: the instance stays awake for it, within the keep-awake timeout
			this.instance.keepAwake(enqueue.consumed());
		}
		this.instance.commits().nextDueChanged();
		this.instance.commits().add(enqueue.reply(), this.instance.services().codec().encode(id), null, List.of());
	}

	/**
	 * Consumes the messages that are due, one turn each, oldest first; stops early once a turn asked the instance to
	 * sleep or to be destroyed, or after a mailbox batch's worth (the timer comes back for the rest).
	 * @param now the schedule clock's time
	 */
	void consumeDue(long now) {
		if (this.instance.definition().queues().isEmpty()) {
			return;
		}
		loaded();
		for (int budget = this.instance.services().maxBatch(); budget > 0; budget--) {
			if (this.pending == null) {
				return; // a turn lost the group: the queues are read again on the timer's next turn
			}
			Pending next = this.pending.isEmpty() ? null : this.pending.first();
			if (next == null || next.dueAt() > now || this.instance.turns().requestPending()) {
				return;
			}
			consume(next, now);
		}
	}

	/** What a consuming turn answers for a message no longer in the file. */
	private static final Object REMOVED = new Object();

	private void consume(Pending message, long now) {
		QueueDefinition queue = this.instance.definition().queue(message.queue());
		ActorException lostBefore = this.lostTurns.get(message.id());
		if (lostBefore != null) {
			// its last turn lost the group, and the file could not count that attempt: it counts now, before another
			if (failed(message, queue, lostBefore, now)) {
				this.countedTurns.put(message.id(), this.lostTurns.remove(message.id()));
			}
			return;
		}
		long aborts = this.instance.commits().aborts();
		Principal publisher = (message.principal() != null) ? message::principal : null;
		Turns.Outcome outcome = this.instance.turns().run(TurnKind.QUEUED, null, publisher, CallChain.EMPTY, () -> {
			if (queue == null) {
				throw ActorErrors.queueNotFound(this.instance.definition().name(), message.queue());
			}
			String body = SQL.sql("SELECT body FROM _queue WHERE id = ?")
				.param(message.id())
				.query(String.class)
				.optional()
				.orElse(null);
			if (body == null) {
				return REMOVED; // the actor's own SQL deleted it: nothing to consume, no attempt to count
			}
			Object[] payload = this.instance.services()
				.invoker()
				.convertPayload(queue.consumer(), this.instance.services().codec().parse(body));
			Object result = this.instance.turns().observed(queue.name(), null, () -> this.instance.services()
				.invoker()
				.invoke(queue.consumer(), this.instance.context(), null, payload));
			SQL.sql("DELETE FROM _queue WHERE id = ?").param(message.id()).update();
			return this.instance.services().codec().encode(result);
		});
		if (!outcome.failed()) {
			remove(message);
			this.instance.commits().nextDueChanged();
			if (outcome.result() == REMOVED) {
				this.waiters.handOver(message.id(), null, ActorErrors.queueMessageRemoved());
			}
			else {
				this.waiters.handOver(message.id(), (byte[]) outcome.result(), null);
			}
			this.instance.commits().add(null, null, null, outcome.effects());
			return;
		}
		ActorException error = this.instance.failure(outcome.failure(), "queue '" + message.queue() + "'");
		if (this.instance.commits().aborts() != aborts) {
			// the group was lost during this message's own turn (say its SQL made SQLite roll the transaction back):
			// the queue is read again from the file, where the attempt is not counted; it is counted on the message's
			// next turn, so that a message that always does this reaches its dead letters
			this.lostTurns.put(message.id(), error);
			return;
		}
		failed(message, queue, error, now);
	}

	/**
	 * Counts a failed attempt in the file: the message is tried again after its backoff, or moved to the dead letters
	 * after its last attempt.
	 * @return whether that was written in the group (else the group was lost)
	 */
	private boolean failed(Pending message, @Nullable QueueDefinition queue, ActorException error, long now) {
		int attempts = message.attempts() + 1;
		String reason = error.group() + "/" + error.code();
		remove(message);
		if (queue != null && attempts < queue.maxAttempts()) {
			long delay = Math.min(queue.backoff().toMillis() << Math.min(attempts - 1, 20), 3_600_000L);
			Pending retry = new Pending(now + delay, message.id(), message.queue(), attempts, message.principal());
			if (!bookkeeping(() -> SQL.sql("UPDATE _queue SET attempts = ?, due_at = ?, error = ? WHERE id = ?")
				.params(attempts, retry.dueAt(), reason, message.id())
				.update())) {
				return false;
			}
			add(retry);
		}
		else {
			boolean moved = bookkeeping(() -> {
				SQL.sql(DEAD).update();
				SQL.sql("INSERT INTO _queue_dead (id, queue, body, attempts, error, failed_at) "
						+ "SELECT id, queue, body, ?, ?, ? FROM _queue WHERE id = ?")
					.params(attempts, reason, now, message.id())
					.update();
				SQL.sql("DELETE FROM _queue WHERE id = ?").param(message.id()).update();
				// the newest dead letters are kept, as many as the queue's capacity
				return SQL.sql("DELETE FROM _queue_dead WHERE queue = ? AND id NOT IN (SELECT id FROM _queue_dead "
						+ "WHERE queue = ? ORDER BY id DESC LIMIT ?)")
					.params(message.queue(), message.queue(), (queue != null) ? queue.capacity() : 1000)
					.update();
			});
			if (!moved) {
				return false;
			}
			this.instance.services().deadLetters().report(this.instance.definition().name(), this.instance.key(),
					message.queue(), DeadLetter.Reason.QUEUE_DEAD, error.code() + ", after " + attempts + " attempts");
			this.waiters.handOver(message.id(), null, error);
		}
		this.instance.commits().nextDueChanged();
		return true;
	}

	/**
	 * Runs the runtime's own SQL as a turn of the group. If it fails, the file and memory could disagree on the
	 * queue: the whole group fails (as for a failed commit), and the queues are read again from the file.
	 * @return whether it succeeded
	 */
	private boolean bookkeeping(Turns.Body sql) {
		long aborts = this.instance.commits().aborts();
		Turns.Outcome outcome = this.instance.turns().run(TurnKind.QUEUE, null, null, CallChain.EMPTY, sql);
		if (!outcome.failed()) {
			return true;
		}
		if (this.instance.commits().aborts() == aborts) {
			Throwable failure = outcome.failure();
			this.instance.commits().abort((failure instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(failure));
		}
		return false;
	}

	/**
	 * When the next message is due: {@code null} if none waits (or the actor declares no queue), now if what waits
	 * was not read from the file yet (the timer then comes at once, and the queues are read on its turn).
	 */
	@Nullable Instant nextDue() {
		if (this.instance.definition().queues().isEmpty()) {
			return null;
		}
		if (this.pending == null) {
			return Instant.ofEpochMilli(Math.max(now(), this.reloadNotBefore));
		}
		return this.pending.isEmpty() ? null : Instant.ofEpochMilli(this.pending.first().dueAt());
	}

	/**
	 * The group was lost: what waits is read again from the file (at the latest when the timer comes back), and the
	 * waiters of messages published in the lost group wait no more (their publishers were told it failed).
	 */
	void rollBack() {
		this.pending = null;
		this.lostTurns.putAll(this.countedTurns);
		this.countedTurns.clear();
		this.reloadNotBefore = now() + this.instance.services().scheduleTimer().backoffMillis();
		this.waiters.rollBack();
		if (!this.instance.definition().queues().isEmpty()) {
			this.instance.services().scheduleTimer().afterCommit(this.instance.definition().name(), this.instance.key(),
					Instant.ofEpochMilli(this.reloadNotBefore));
		}
	}

	/**
	 * The group committed: the messages published in it are in the file, the attempts counted in it too.
	 * @return the waiters of the messages it consumed, with their outcomes ({@link QueueWaiters#answer})
	 */
	List<QueueWaiters.Handed> committed() {
		this.countedTurns.clear();
		return this.waiters.committed();
	}

	/** The instance left memory: its queues are read again when it wakes. */
	void release() {
		this.pending = null;
		this.lostTurns.clear();
		this.countedTurns.clear();
		this.sizes.clear();
		this.waiters.release();
	}

	/** The instance woke: what waits in its queues is read now, so that the timer knows when to come. */
	void wake() {
		if (!this.instance.definition().queues().isEmpty()) {
			loaded();
		}
	}

	/** A queue as the instance's actions see it: read with the turn's SQL, in the turn's transaction. */
	ActorQueue view(String name) {
		if (this.instance.definition().queue(name) == null) {
			throw ActorErrors.queueNotFound(this.instance.definition().name(), name);
		}
		return new QueueView(name, SQL, TABLES, DEAD, this.instance.services().codec());
	}

	/** Reads what waits from the file, in a turn of its own, if it is not in memory. */
	private void loaded() {
		if (this.pending != null) {
			return;
		}
		TreeSet<Pending> read = new TreeSet<>();
		Turns.Outcome outcome = this.instance.turns().run(TurnKind.QUEUE, null, null, CallChain.EMPTY, () -> {
			SQL.sql(TABLES).update();
			if (SQL.sql("SELECT COUNT(*) FROM pragma_table_info('_queue') WHERE name = 'principal'")
				.query(Integer.class)
				.single() == 0) { // a queue table made before messages kept their publisher
				SQL.sql("ALTER TABLE _queue ADD COLUMN principal TEXT").update();
			}
			SQL.sql("SELECT id, queue, attempts, due_at, principal FROM _queue")
				.query((row) -> {
					read.add(new Pending(row.getLong(4), row.getLong(1), row.getString(2), row.getInt(3),
							row.getString(5)));
				});
			return null;
		});
		if (outcome.failed()) {
			throw this.instance.failure(outcome.failure(), "reading the queues");
		}
		this.pending = new TreeSet<>();
		this.sizes.clear();
		Set<Long> ids = new HashSet<>();
		for (Pending message : read) {
			add(message);
			ids.add(message.id());
		}
		this.waiters.retain(ids);
		this.lostTurns.keySet().retainAll(ids);
	}

	private int size(String queue) {
		return this.sizes.getOrDefault(queue, 0);
	}

	private void add(Pending message) {
		this.pending.add(message);
		this.sizes.merge(message.queue(), 1, Integer::sum);
	}

	private void remove(Pending message) {
		this.pending.remove(message);
		this.sizes.merge(message.queue(), -1, Integer::sum);
	}

	private long now() {
		return this.instance.services().scheduleTimer().clock().millis();
	}

}
