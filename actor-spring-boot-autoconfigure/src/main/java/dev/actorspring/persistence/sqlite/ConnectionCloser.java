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
 * disk, so {@value #THREADS} run at once). At most {@value #BACKLOG} closes wait; beyond that the caller closes the
 * connection itself, which bounds the files open past the limit.
 */
final class ConnectionCloser {

	static final int BACKLOG = 256;

	static final int THREADS = 4;

	private final ThreadPoolExecutor executor;

	ConnectionCloser() {
		this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(BACKLOG),
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
		this.executor.execute(() -> {
			SqliteStateStore.closeQuietly(connection);
			closed.complete(null);
		});
	}

}
