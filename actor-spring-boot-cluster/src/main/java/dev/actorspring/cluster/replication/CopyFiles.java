package dev.actorspring.cluster.replication;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.actorspring.persistence.sqlite.SqliteFileLayout;
import org.jspecify.annotations.Nullable;

/**
 * Where the copies of an actor's file sit on this node: the owner copy is the runtime's own file (and its
 * {@code -wal}); replicas live under {@code _replicas/} with the same relative path. Reads and writes parts of them.
 */
final class CopyFiles {

	private final SqliteFileLayout layout;

	private final Path replicas;

	CopyFiles(SqliteFileLayout layout) {
		this.layout = layout;
		this.replicas = layout.dataDir().resolve("_replicas");
	}

	/** The database file of a copy; {@link FileProtocol#WAL} is the same name with {@code -wal}. */
	Path file(String actor, String key, CopyCatalog.Role role, int target) {
		Path db = this.layout.file(actor, key);
		if (role == CopyCatalog.Role.REPLICA) {
			db = this.replicas.resolve(this.layout.dataDir().relativize(db));
		}
		return (target == FileProtocol.WAL) ? db.resolveSibling(db.getFileName() + "-wal") : db;
	}

	/** The side file a full copy is written to before it replaces the copy. */
	static Path incoming(Path file) {
		return file.resolveSibling(file.getFileName() + ".incoming");
	}

	static byte[] read(Path file, long offset, int max) throws IOException {
		try (OpenFile in = openForReads(file)) {
			return in.read(offset, max);
		}
	}

	/**
	 * Opens a file for {@link OpenFile#length()} and several {@link OpenFile#read reads} (one open instead of one per
	 * read); a file that does not exist reads as empty.
	 */
	static OpenFile openForReads(Path file) throws IOException {
		RandomAccessFile in;
		try {
			in = new RandomAccessFile(file.toFile(), "r");
		}
		catch (java.io.FileNotFoundException ex) {
			if (Files.exists(file)) {
				throw ex; // there, but not readable
			}
			return new OpenFile(null);
		}
		try {
			return new OpenFile(in);
		}
		catch (IOException | RuntimeException ex) {
			in.close();
			throw ex;
		}
	}

	/** A file opened by {@link #openLog}, or none (it did not exist): read as empty. */
	static final class OpenFile implements AutoCloseable {

		private final @Nullable RandomAccessFile in;

		private final long length;

		private OpenFile(@Nullable RandomAccessFile in) throws IOException {
			this.in = in;
			this.length = (in != null) ? in.length() : 0;
		}

		/** The file's length when it was opened (nothing writes it while the owner's turn reads it). */
		long length() {
			return this.length;
		}

		/** Up to {@code max} bytes from the offset: fewer at the file's end. */
		byte[] read(long offset, int max) throws IOException {
			if (this.in == null) {
				return new byte[0];
			}
			int count = (int) Math.max(0, Math.min(max, this.length - offset));
			byte[] bytes = new byte[count];
			this.in.seek(offset);
			this.in.readFully(bytes);
			return bytes;
		}

		@Override
		public void close() throws IOException {
			if (this.in != null) {
				this.in.close();
			}
		}

	}

	static long length(Path file) throws IOException {
		return Files.exists(file) ? Files.size(file) : 0;
	}

	/** Writes bytes at an offset; {@code truncate} first cuts the file to that offset. */
	static void write(Path file, long offset, byte[] bytes, boolean truncate) throws IOException {
		// checked first: Files.createDirectories on an existing directory throws (and catches) two exceptions, on
		// every replicated write
		if (!Files.isDirectory(file.getParent())) {
			Files.createDirectories(file.getParent());
		}
		try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
			if (truncate) {
				out.setLength(offset);
			}
			out.seek(offset);
			out.write(bytes);
		}
	}

	/**
	 * Appends bytes to a log that is exactly {@code offset} bytes long (created when the offset is 0), with one open.
	 * @return the log's length found: {@code offset} if the bytes were written, any other value if not (nothing was
	 * written; -1 for a log that does not exist)
	 */
	static long appendAt(Path file, long offset, byte[] bytes) throws IOException {
		if (offset == 0 && !Files.isDirectory(file.getParent())) {
			Files.createDirectories(file.getParent());
		}
		try (java.nio.channels.FileChannel out = (offset == 0)
				? java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
				: java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
			long length = out.size();
			if (length != offset) {
				return length;
			}
			java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
			for (long position = offset; buffer.hasRemaining();) {
				position += out.write(buffer, position);
			}
			return offset;
		}
		catch (java.nio.file.NoSuchFileException ex) {
			return -1;
		}
	}

	/** Puts a database file and its log in place of a copy, dropping the old copy's shared-memory index. */
	static void replace(Path db, Path wal, Path newDb, Path newWal) throws IOException {
		Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-shm"));
		Files.move(newDb, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		if (Files.exists(newWal)) {
			Files.move(newWal, wal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		else {
			Files.deleteIfExists(wal);
		}
	}

	static void delete(Path db, Path wal) throws IOException {
		Files.deleteIfExists(incoming(db)); // a full copy left half-received
		Files.deleteIfExists(incoming(wal));
		Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-shm"));
		Files.deleteIfExists(wal);
		Files.deleteIfExists(db);
	}

}
