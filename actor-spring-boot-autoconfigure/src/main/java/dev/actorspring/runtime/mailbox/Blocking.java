package dev.actorspring.runtime.mailbox;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Runs work that may wait on the disk for long (a commit waiting on {@code fsync}, with {@code synchronous=FULL}
 * or at a checkpoint; opening an actor's file) as a {@link ForkJoinPool.ManagedBlocker}: when it runs on a thread of the mailbox pool, the
 * pool may wake or add a thread for the other mailboxes while it waits, so that a slow or stuck file delays only
 * the actors on that file, never every actor of the runtime. Elsewhere it just runs.
 */
public final class Blocking implements ForkJoinPool.ManagedBlocker {

	private final Runnable work;

	private boolean started;

	private boolean done;

	private Blocking(Runnable work) {
		this.work = work;
	}

	/**
	 * Runs the work on this thread, letting the mailbox pool make up for it while it waits if it may block.
	 * @param mayBlock whether the work may wait for long (else it just runs, sparing the pool's bookkeeping)
	 * @param work what to run; what it throws is thrown here
	 */
	public static void run(boolean mayBlock, Runnable work) {
		if (!mayBlock || !(Thread.currentThread() instanceof ForkJoinWorkerThread)) {
			work.run();
			return;
		}
		Blocking blocking = new Blocking(work);
		try {
			ForkJoinPool.managedBlock(blocking);
		}
		catch (RejectedExecutionException ex) {
			if (blocking.started) {
				throw ex; // the work's own failure
			}
			// a pool at its most threads that refuses to run short of one: run short of one
			work.run();
		}
		catch (InterruptedException ex) {
			// only a pool that is shutting down interrupts its threads
			Thread.currentThread().interrupt();
			if (!blocking.started) {
				throw new IllegalStateException("The mailbox pool is shutting down", ex);
			}
		}
	}

	/**
	 * Runs the work on this thread, as {@link #run(boolean, Runnable)}, and returns what it returned.
	 * @param mayBlock whether the work may wait for long
	 * @param work what to run; what it throws is thrown here
	 * @param <T> the result type
	 * @return what the work returned
	 */
	public static <T> T call(boolean mayBlock, Supplier<T> work) {
		if (!mayBlock) {
			return work.get();
		}
		Object[] result = new Object[1];
		run(true, () -> result[0] = work.get());
		@SuppressWarnings("unchecked")
		T value = (T) result[0];
		return value;
	}

	@Override
	public boolean block() {
		this.started = true;
		try {
			this.work.run();
		}
		finally {
			this.done = true;
		}
		return true;
	}

	@Override
	public boolean isReleasable() {
		return this.done;
	}

}
