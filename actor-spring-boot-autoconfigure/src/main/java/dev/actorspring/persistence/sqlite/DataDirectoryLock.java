package dev.actorspring.persistence.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.actorspring.persistence.StateStoreException;

/**
 * Keeps a data directory to one store: an exclusive lock on its {@value #FILE} file (which holds the owner's process
 * id), held until {@link #close()}. Two processes serving the actors of one directory would each keep an actor's
 * state in memory and overwrite the other's commits; with the lock, the second one fails to start instead. The
 * lock is the operating system's, so a process that dies (even with {@code kill -9}) releases it.
 */
public final class DataDirectoryLock implements AutoCloseable {

	static final String FILE = ".lock";

	/** The directories held in this JVM, by their real path. */
	private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

	private final FileChannel channel;

	private final FileLock lock;

	private final Path held;

	private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

	private DataDirectoryLock(FileChannel channel, FileLock lock, Path held) {
		this.channel = channel;
		this.lock = lock;
		this.held = held;
	}

	/**
	 * Takes the data directory, creating it when needed.
	 * @param dataDir the directory
	 * @return the lock, to close when the store stops
	 * @throws DataDirectoryInUseException if another process, or another store of this one, holds it
	 * @throws StateStoreException if the lock file cannot be written
	 */
	public static DataDirectoryLock acquire(Path dataDir) {
		Path directory = dataDir.toAbsolutePath().normalize();
		Path held;
		try {
			Files.createDirectories(directory);
			held = directory.toRealPath();
		}
		catch (IOException ex) {
			throw new StateStoreException("Could not lock the data directory " + directory, ex);
		}
		// checked before a descriptor is opened: closing any descriptor of the file would drop this process's lock
		if (!HELD.add(held)) {
			throw new DataDirectoryInUseException(directory, "this process");
		}
		FileChannel channel = null;
		try {
			channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			// another store of this JVM cannot hold it (HELD), so the JVM's own overlap check never fires here
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new DataDirectoryInUseException(directory, "process " + holder(channel));
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
			channel.force(false);
			return new DataDirectoryLock(channel, lock, held);
		}
		catch (IOException | RuntimeException ex) {
			if (channel != null) {
				try {
					channel.close();
				}
				catch (IOException closing) {
					ex.addSuppressed(closing);
				}
			}
			HELD.remove(held);
			throw (ex instanceof RuntimeException runtime) ? runtime
					: new StateStoreException("Could not lock the data directory " + directory, ex);
		}
	}

	/** The process id the holder wrote, or "?" if it wrote none yet. */
	private static String holder(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(32);
		channel.read(buffer, 0);
		String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
		return pid.matches("\\d{1,19}") ? pid : "?";
	}

	/** Releases the directory (the file stays: deleting it could race with the next process taking it). */
	@Override
	public void close() throws IOException {
		if (!this.closed.compareAndSet(false, true)) {
			return; // a second close must not drop the hold of a store that took the directory since
		}
		try {
			this.lock.release();
		}
		finally {
			try {
				this.channel.close();
			}
			finally {
				HELD.remove(this.held);
			}
		}
	}

	/**
	 * Thrown when a data directory is held by another process or another store of this process.
	 */
	public static final class DataDirectoryInUseException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		DataDirectoryInUseException(Path directory, String holder) {
			super("The actor data directory " + directory + " is in use by " + holder + ": two processes serving the"
					+ " same actors would overwrite each other's commits. Stop the other one, or give this one a data"
					+ " directory of its own (actor.data-dir).");
		}

	}

}
