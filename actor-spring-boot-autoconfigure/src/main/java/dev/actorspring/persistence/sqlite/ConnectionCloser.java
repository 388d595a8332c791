package dev.actorspring.persistence.sqlite;

import java.sql.Connection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that the {@link OpenFileLimiter} evicted on a background thread, so that the instance
 * opening a file does not wait for another file's close (the last connection of a WAL file checkpoints it and
 * removes its {@code -wal} and {@code -shm} files, about a millisecond). At most {@value #BACKLOG} closes wait;
 * beyond that the caller closes the connection itself, which bounds the files open past the limit.
 */
final class ConnectionCloser {

	static final int BACKLOG = 64;

	private final ThreadPoolExecutor executor;

	ConnectionCloser() {
		this.executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(BACKLOG),
				(task) -> {
					Thread thread = new Thread(task, "actor-sqlite-closer");
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.CallerRunsPolicy());
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Closes the connection soon.
	 * @param connection an evicted connection that nothing else uses
	 * @return completed once it is closed
	 */
	CompletableFuture<Void> close(Connection connection) {
		return CompletableFuture.runAsync(() -> SqliteStateStore.closeQuietly(connection), this.executor);
	}

}
