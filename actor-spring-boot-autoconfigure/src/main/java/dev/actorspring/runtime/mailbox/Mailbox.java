package dev.actorspring.runtime.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The mailbox of one actor instance. Any thread may {@link #offer} a message: without a lock, bounded by a
 * capacity. The messages run one at a time, in arrival order, on the executor, in runs of at most
 * {@code maxBatch}; after each run the {@link Receiver} is told the batch ended (where a group commit happens),
 * and when nothing is left it is told the mailbox drained (where an instance may leave memory by
 * {@link #closeIfIdle closing} its mailbox for good).
 *
 * @param <M> the message type
 */
public final class Mailbox<M> implements Runnable {

	private static final Log logger = LogFactory.getLog(Mailbox.class);

	/** The depth of a closed mailbox. */
	private static final int CLOSED = -1;

	private final ConcurrentLinkedQueue<M> queue = new ConcurrentLinkedQueue<>();

	/** Messages offered and not yet taken, or {@link #CLOSED}. */
	private final AtomicInteger depth = new AtomicInteger();

	/** Whether a run is scheduled or running: at most one at a time. */
	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final Executor executor;

	private final int maxBatch;

	private final Receiver<M> receiver;

	/** How many messages the last run that took any took, and how long it ran, commit included (nanoseconds). */
	private volatile int lastRunMessages;

	private volatile long lastRunNanos;

	/**
	 * Creates a mailbox.
	 * @param executor where runs run
	 * @param maxBatch the most messages one run takes
	 * @param receiver what handles the messages
	 */
	public Mailbox(Executor executor, int maxBatch, Receiver<M> receiver) {
		this.executor = executor;
		this.maxBatch = Math.max(1, maxBatch);
		this.receiver = receiver;
	}

	/**
	 * Adds a message unless the mailbox holds {@code capacity} messages already or was closed.
	 * @param message the message
	 * @param capacity the most messages waiting, this one included
	 * @return what happened to it
	 */
	public Offer offer(M message, int capacity) {
		return offer(message, capacity, false);
	}

	/**
	 * Adds a message as {@link #offer(Object, int)} does and, when {@code runHere} is set, runs it on the calling
	 * thread if nothing waits or runs, the last run was {@linkplain #quick() quick}, the receiver
	 * {@linkplain Receiver#mayRunOnCaller() allows it} and this thread is not in a run already: a caller that would
	 * only wait for the answer does the work itself, instead of waking a thread of the executor and waiting to be
	 * woken. That run takes this one message, then {@link Receiver#batchEnded} (its commit); whatever arrived
	 * meanwhile runs on the executor.
	 * @param message the message
	 * @param capacity the most messages waiting, this one included
	 * @param runHere whether the caller's thread may run it
	 * @return what happened to it
	 */
	public Offer offer(M message, int capacity, boolean runHere) {
		for (;;) {
			int current = this.depth.get();
			if (current == CLOSED) {
				return Offer.CLOSED;
			}
			if (current >= capacity) {
				return Offer.FULL;
			}
			if (this.depth.compareAndSet(current, current + 1)) {
				break;
			}
		}
		this.queue.add(message);
		if (runHere && quick() && IN_RUN.get() == null && this.receiver.mayRunOnCaller()
				&& this.scheduled.compareAndSet(false, true)) {
			run(1);
		}
		else {
			try {
				if (handOffOrTake()) {
					run(this.maxBatch);
				}
			}
			catch (RuntimeException refused) {
				// refused inside a run, which cannot run another here: the message is withdrawn, its caller told;
				// another thread's message, offered while this one held the hand-off, runs after this thread's run
				if (this.queue.remove(message)) {
					this.depth.decrementAndGet();
					runAfterThisRun();
					throw refused;
				}
				// else a run took it already
			}
		}
		return Offer.ACCEPTED;
	}

	/**
	 * Hands the mailbox to the executor. If the executor refuses (it is shutting down), this thread is to run it
	 * instead, unless another thread holds it (which then runs what waits) or this thread is in a run already.
	 * @return whether this thread took the mailbox and must run it
	 * @throws RuntimeException the refusal, when this thread is in a run
	 */
	private boolean handOffOrTake() {
		try {
			schedule();
			return false;
		}
		catch (RuntimeException refused) {
			if (IN_RUN.get() != null) {
				throw refused;
			}
			logger.debug("The executor refused the mailbox of " + this.receiver + "; it runs on this thread", refused);
			return this.scheduled.compareAndSet(false, true);
		}
	}

	/**
	 * Set on a thread while it runs a mailbox, so that no run starts inside another on it: {@code TRUE}, or the
	 * mailboxes whose hand-off the executor refused during the run ({@link #runAfterThisRun}).
	 */
	private static final ThreadLocal<Object> IN_RUN = new ThreadLocal<>();

	/**
	 * Notes this mailbox, whose hand-off the executor refused while this thread is in a run, to be run by this
	 * thread once that run ends: a message that another thread offered while this one held the hand-off was left
	 * to it, and would otherwise wait for a run that never comes.
	 */
	private void runAfterThisRun() {
		Object state = IN_RUN.get();
		@SuppressWarnings("unchecked")
		List<Mailbox<?>> refused = (state instanceof List) ? (List<Mailbox<?>>) state : new ArrayList<>(2);
		refused.add(this);
		IN_RUN.set(refused);
	}

	/** After a run: runs the mailboxes refused during it, on this thread unless the executor now takes them. */
	private static void runRefused(List<Mailbox<?>> refused) {
		for (Mailbox<?> mailbox : refused) {
			if (mailbox.depth.get() > 0 && mailbox.handOffOrTake()) {
				mailbox.run(mailbox.maxBatch);
			}
		}
	}

	/**
	 * Whether the last run took a single message and at most {@value #QUICK_RUN_NANOS} ns: an idle actor whose turns
	 * are short. A busy one (runs of several messages) gains more from the executor, where the messages that arrive
	 * while a thread wakes up join one run and one commit; a new mailbox has no run yet (its first one may load the
	 * actor's file).
	 * @return whether a caller's thread may run the next message
	 */
	boolean quick() {
		return this.lastRunMessages == 1 && this.lastRunNanos <= QUICK_RUN_NANOS;
	}

	/** The longest run after which a caller's thread may run the next one. */
	static final long QUICK_RUN_NANOS = 1_000_000;

	/**
	 * How many messages wait. Read from any thread.
	 * @return the count
	 */
	public int depth() {
		return Math.max(0, this.depth.get());
	}

	/**
	 * Whether nothing waits and no run is scheduled or running. Read from any thread.
	 * @return whether idle
	 */
	public boolean idle() {
		return this.depth.get() == 0 && !this.scheduled.get();
	}

	/**
	 * Whether the mailbox was closed.
	 * @return whether closed
	 */
	public boolean closed() {
		return this.depth.get() == CLOSED;
	}

	/**
	 * Closes the mailbox for good if nothing waits, no run is in progress and {@code idle} holds, checked while
	 * no run can start. Messages offered afterwards are refused with {@link Offer#CLOSED}.
	 * @param idle whether the receiver can go, read once the mailbox cannot run
	 * @return whether it was closed
	 */
	public boolean closeIfIdle(BooleanSupplier idle) {
		if (!this.scheduled.compareAndSet(false, true)) {
			return false;
		}
		if (this.depth.get() == 0 && idle.getAsBoolean() && this.depth.compareAndSet(0, CLOSED)) {
			return true;
		}
		this.scheduled.set(false);
		if (this.depth.get() > 0 && handOffOrTake()) {
			run(this.maxBatch);
		}
		return false;
	}

	@Override
	public void run() {
		run(this.maxBatch);
	}

	/**
	 * Runs up to {@code limit} messages, then hands what waits to the executor; if the executor refuses (it is
	 * shutting down), runs it here instead, so that no message waits for a run that never comes.
	 */
	private void run(int limit) {
		for (int next = limit; runOnce(next) && handOffOrTake(); next = this.maxBatch) {
			// refused and taken: the next run is this thread's
		}
	}

	/** One run; gives the mailbox up after it. @return whether messages wait */
	@SuppressWarnings("unchecked")
	private boolean runOnce(int limit) {
		long started = System.nanoTime();
		int taken = 0;
		Object runState;
		IN_RUN.set(Boolean.TRUE);
		try {
			for (; taken < limit; taken++) {
				M message = this.queue.poll();
				if (message == null) {
					break;
				}
				this.depth.decrementAndGet();
				this.receiver.receive(message);
			}
			this.receiver.batchEnded();
		}
		catch (Throwable ex) {
			logger.error("Unexpected failure in the mailbox of " + this.receiver, ex);
		}
		finally {
			runState = IN_RUN.get();
			IN_RUN.set(null);
		}
		if (taken > 0) {
			this.lastRunNanos = System.nanoTime() - started;
			// a run that stopped at its limit with messages waiting counts as busy: one run on a caller's thread
			// (one message) while others queue up would otherwise let every next caller do the same
			this.lastRunMessages = (taken == limit && this.depth.get() > 0) ? taken + 1 : taken;
		}
		this.scheduled.set(false);
		if (runState instanceof List<?> refused) {
			runRefused((List<Mailbox<?>>) refused);
		}
		if (this.depth.get() > 0) {
			return true;
		}
		this.receiver.drained();
		return false;
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			try {
				this.executor.execute(this);
			}
			catch (RuntimeException ex) {
				this.scheduled.set(false);
				throw ex;
			}
		}
	}

	/** What became of an offered message. */
	public enum Offer {

		/** It will run. */
		ACCEPTED,

		/** The mailbox holds as many messages as it may. */
		FULL,

		/** The mailbox was closed: its owner left memory. */
		CLOSED

	}

	/**
	 * Handles a mailbox's messages, on the thread of the run.
	 *
	 * @param <M> the message type
	 */
	public interface Receiver<M> {

		/**
		 * Handles one message; should not throw.
		 * @param message the message
		 */
		void receive(M message);

		/**
		 * A run ended: the messages it took were handled.
		 */
		void batchEnded();

		/**
		 * Nothing waits after a run; called once the run gave up the mailbox, so another run may have started.
		 */
		void drained();

		/**
		 * Whether a caller's thread may run the next message ({@link #offer(Object, int, boolean)}); read from any
		 * thread.
		 * @return whether it may (by default, it may)
		 */
		default boolean mayRunOnCaller() {
			return true;
		}

	}

}
