package dev.actorspring.runtime.mailbox;

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
		schedule();
		return Offer.ACCEPTED;
	}

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
		if (this.depth.get() > 0) {
			schedule();
		}
		return false;
	}

	@Override
	public void run() {
		try {
			for (int taken = 0; taken < this.maxBatch; taken++) {
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
			this.scheduled.set(false);
			if (this.depth.get() > 0) {
				schedule();
			}
			else {
				this.receiver.drained();
			}
		}
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

	}

}
