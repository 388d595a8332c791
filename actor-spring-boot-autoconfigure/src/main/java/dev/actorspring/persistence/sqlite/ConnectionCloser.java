package dev.actorspring.persistence.sqlite;

import java.sql.Connection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that the {@link OpenFileLimiter} evicted on background threads, so that the instance
 * opening a file does not wait for another file's close (the last connection of a WAL file checkpoints it, with
 * its fsyncs, and removes its {@code -wal} and {@code -shm} files: a millisecond or more, mostly waiting for the
 * disk, so {@value #THREADS} run at once). Closes waiting are files still open past the limit, so at most an eighth
 * of the limit (between 4 and 256) wait; beyond that the caller closes the connection itself.
 */
final class ConnectionCloser {

	static final int THREADS = 4;

	private final ThreadPoolExecutor executor;

	ConnectionCloser(int maxOpen) {
		int backlog = Math.max(4, Math.min(256, maxOpen / 8));
		this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(backlog),
				(task) -> {
					Thread thread = new Thread(task, "actor-sqlite-closer");
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.CallerRunsPolicy());
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Closes the connection soon; call it holding no lock (it closes on the caller's thread when the backlog is
	 * full).
	 * @param connection an evicted connection that nothing else uses
	 * @param closed completed once it is closed
	 */
	void close(Connection connection, CompletableFuture<Void> closed) {
		Runnable close = () -> {
			try {
				SqliteStateStore.closeQuietly(connection);
			}
			finally {
				closed.complete(null);
			}
		};
		try {
			this.executor.execute(close);
		}
		catch (RuntimeException | Error ex) {
			// no thread to run it (out of memory for one, say): closed here, so that nobody waits for it forever
			close.run();
		}
	}

}
