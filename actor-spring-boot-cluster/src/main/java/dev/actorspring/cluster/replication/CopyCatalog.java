package dev.actorspring.cluster.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.actorspring.persistence.StateStoreException;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * What this node holds of each actor's file, in {@code _cluster.db} of the data directory: its own copy (as owner)
 * and the copies it keeps for other owners (as replica), each with the fencing generation of the owner that wrote
 * it and the sequence number of the last committed group in it; and the highest generation announced for each
 * actor (the fence: writes of lower generations are refused).
 */
final class CopyCatalog {

	private static final String SCHEMA = """
			CREATE TABLE IF NOT EXISTS copies (
			  actor TEXT NOT NULL, actor_key TEXT NOT NULL, role TEXT NOT NULL,
			  generation INTEGER NOT NULL, seq INTEGER NOT NULL,
			  PRIMARY KEY (actor, actor_key, role));
			CREATE TABLE IF NOT EXISTS fences (
			  actor TEXT NOT NULL, actor_key TEXT NOT NULL, generation INTEGER NOT NULL,
			  claimant TEXT NOT NULL DEFAULT '',
			  PRIMARY KEY (actor, actor_key));
			CREATE TABLE IF NOT EXISTS drops (
			  actor TEXT NOT NULL, actor_key TEXT NOT NULL, generation INTEGER NOT NULL, seq INTEGER NOT NULL,
			  PRIMARY KEY (actor, actor_key))""";

	/** Where a copy sits on this node. */
	enum Role {

		/** The node's own file, under the data directory, used when it owns the actor. */
		OWNER,
		/** A copy kept for another node, under {@code _replicas/}. */
		REPLICA

	}

	/**
	 * One copy's version.
	 * @param generation the fencing generation of the owner that last wrote it
	 * @param seq the committed groups it holds, counted by that line of owners
	 */
	record Version(long generation, long seq) implements Comparable<Version> {

		static final Version NONE = new Version(0, 0);

		@Override
		public int compareTo(Version other) {
			int byGeneration = Long.compare(this.generation, other.generation);
			return (byGeneration != 0) ? byGeneration : Long.compare(this.seq, other.seq);
		}

	}

	private final Connection connection;

	/** The statements prepared so far, by SQL; guarded by {@code this}. */
	private final java.util.Map<String, PreparedStatement> statements = new java.util.HashMap<>();

	/**
	 * The fences that this node's live owners watch, by actor, for the check before each of their commits (no SQL on
	 * that path); guarded by {@code this}. Only actors with an owner open here have one: every take-over in the
	 * cluster raises a fence on every node, and remembering each of them would grow with every actor ever woken.
	 */
	private final java.util.Map<String, FenceWatch> watched = new java.util.HashMap<>();

	/** The fence of an actor as a live owner on this node watches it (see {@link #watchFence}). */
	static final class FenceWatch {

		private volatile long fence;

		/** The owners watching it; guarded by the catalog. */
		private int holders;

		/** Whether a generation above this one was announced for the actor. */
		boolean above(long generation) {
			return this.fence > generation;
		}

	}

	CopyCatalog(Path dataDir) {
		try {
			Files.createDirectories(dataDir);
			SQLiteConfig config = new SQLiteConfig();
			config.setJournalMode(SQLiteConfig.JournalMode.WAL);
			config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
			config.setBusyTimeout(5000);
			this.connection = config.createConnection("jdbc:sqlite:" + dataDir.resolve("_cluster.db"));
			try (Statement statement = this.connection.createStatement()) {
				for (String ddl : SCHEMA.split(";")) {
					statement.execute(ddl);
				}
				try (ResultSet columns = statement.executeQuery("SELECT COUNT(*) FROM pragma_table_info('fences') "
						+ "WHERE name = 'claimant'")) {
					columns.next();
					if (columns.getInt(1) == 0) { // a catalog written before fences named their claimant
						statement.execute("ALTER TABLE fences ADD COLUMN claimant TEXT NOT NULL DEFAULT ''");
					}
				}
			}
		}
		catch (Exception ex) {
			throw new StateStoreException("Could not open the cluster catalog in " + dataDir, ex);
		}
	}

	synchronized @Nullable Version find(String actor, String key, Role role) {
		return version("SELECT generation, seq FROM copies WHERE actor = ? AND actor_key = ? AND role = ?", actor, key,
				role.name());
	}

	synchronized void record(String actor, String key, Role role, Version version) {
		update("INSERT OR REPLACE INTO copies (actor, actor_key, role, generation, seq) VALUES (?, ?, ?, ?, ?)", actor,
				key, role.name(), version.generation(), version.seq());
	}

	synchronized void forget(String actor, String key, Role role) {
		update("DELETE FROM copies WHERE actor = ? AND actor_key = ? AND role = ?", actor, key, role.name());
	}

	/** The version at which the actor was last destroyed, as far as this node knows; {@link Version#NONE} if never. */
	synchronized Version dropped(String actor, String key) {
		Version dropped = version("SELECT generation, seq FROM drops WHERE actor = ? AND actor_key = ?", actor, key);
		return (dropped != null) ? dropped : Version.NONE;
	}

	/** Records that the actor was destroyed at a version (a tombstone), unless a newer one is recorded. */
	synchronized void recordDrop(String actor, String key, Version version) {
		if (dropped(actor, key).compareTo(version) < 0) {
			update("INSERT OR REPLACE INTO drops (actor, actor_key, generation, seq) VALUES (?, ?, ?, ?)", actor, key,
					version.generation(), version.seq());
		}
	}

	/** Forgets a copy's row that records no commit of the generation (a take-over of an actor never created). */
	synchronized void forgetEmpty(String actor, String key, Role role, long generation) {
		update("DELETE FROM copies WHERE actor = ? AND actor_key = ? AND role = ? AND generation = ? AND seq = 0", actor,
				key, role.name(), generation);
	}

	/**
	 * Forgets the fence of an actor this node knows nothing else of (no copy, no tombstone), if it is still the
	 * given generation: what the take-over of an actor that was never created left here.
	 */
	synchronized void unfence(String actor, String key, long generation) {
		if (find(actor, key, Role.OWNER) != null || find(actor, key, Role.REPLICA) != null
				|| dropped(actor, key).compareTo(Version.NONE) > 0) {
			return;
		}
		if (update("DELETE FROM fences WHERE actor = ? AND actor_key = ? AND generation = ?", actor, key,
				generation) > 0) {
			FenceWatch watch = this.watched.get(id(actor, key));
			if (watch != null && watch.fence == generation) {
				watch.fence = 0;
			}
		}
	}

	/** The highest generation announced for the actor, 0 if none. */
	synchronized long fence(String actor, String key) {
		Version fence = version("SELECT generation, 0 FROM fences WHERE actor = ? AND actor_key = ?", actor, key);
		return (fence != null) ? fence.generation() : 0;
	}

	/** The node that announced the actor's fence, empty if unknown (a destroy's fence, or none). */
	synchronized String fenceClaimant(String actor, String key) {
		String sql = "SELECT claimant FROM fences WHERE actor = ? AND actor_key = ?";
		try (ResultSet rows = prepare(sql, actor, key).executeQuery()) {
			return rows.next() ? rows.getString(1) : "";
		}
		catch (SQLException ex) {
			forgetStatement(sql);
			throw new StateStoreException("Could not read the cluster catalog", ex);
		}
	}

	/** Raises the fence of an actor to the generation, if it is higher, naming no claimant (a destroy's). */
	synchronized long raiseFence(String actor, String key, long generation) {
		return raiseFence(actor, key, generation, "");
	}

	/**
	 * Raises the fence of an actor to the generation, if it is higher, for a claimant; a fence of the same
	 * generation stays with the node that announced it first (the other take-over then sees it and gives up).
	 * @return the fence now in force
	 */
	synchronized long raiseFence(String actor, String key, long generation, String claimant) {
		long current = fence(actor, key);
		if (generation < current) {
			return current;
		}
		if (generation == current) {
			if (fenceClaimant(actor, key).isEmpty() && !claimant.isEmpty()) {
				update("UPDATE fences SET claimant = ? WHERE actor = ? AND actor_key = ? AND claimant = ''", claimant,
						actor, key);
			}
			return current;
		}
		update("INSERT OR REPLACE INTO fences (actor, actor_key, generation, claimant) VALUES (?, ?, ?, ?)", actor, key,
				generation, claimant);
		FenceWatch watch = this.watched.get(id(actor, key));
		if (watch != null) {
			watch.fence = generation;
		}
		return generation;
	}

	/** The first row's two numbers as a version, or {@code null} without a row. */
	private @Nullable Version version(String sql, Object... args) {
		try (ResultSet rows = prepare(sql, args).executeQuery()) {
			return rows.next() ? new Version(rows.getLong(1), rows.getLong(2)) : null;
		}
		catch (SQLException ex) {
			forgetStatement(sql);
			throw new StateStoreException("Could not read the cluster catalog", ex);
		}
	}

	/** Runs a change; returns the rows it changed. */
	private int update(String sql, Object... args) {
		try {
			return prepare(sql, args).executeUpdate();
		}
		catch (SQLException ex) {
			forgetStatement(sql);
			throw new StateStoreException("Could not write the cluster catalog", ex);
		}
	}

	/**
	 * The statement for the SQL with its arguments bound: prepared once and kept (sqlite-jdbc caches none, and each
	 * replicated write runs three of them), used under this object's lock only.
	 */
	private PreparedStatement prepare(String sql, Object... args) throws SQLException {
		PreparedStatement statement = this.statements.get(sql);
		if (statement == null) {
			statement = this.connection.prepareStatement(sql);
			this.statements.put(sql, statement);
		}
		for (int i = 0; i < args.length; i++) {
			statement.setObject(i + 1, args[i]);
		}
		return statement;
	}

	/** Closes a kept statement after it failed: the next use prepares it again. */
	private void forgetStatement(String sql) {
		PreparedStatement statement = this.statements.remove(sql);
		if (statement != null) {
			try {
				statement.close();
			}
			catch (SQLException ex) {
				// dropped anyway
			}
		}
	}

	/** Whether a generation above this one was announced for the actor (one SQL read). */
	synchronized boolean fencedAbove(String actor, String key, long generation) {
		return fence(actor, key) > generation;
	}

	/**
	 * Watches an actor's fence for an owner opened on this node, until {@link #unwatchFence}: the fence as recorded
	 * now, and every fence raised here from now on, without SQL (read and watched under this catalog's lock, which
	 * raising a fence takes too: none is missed in between).
	 */
	synchronized FenceWatch watchFence(String actor, String key) {
		long recorded = fence(actor, key); // first: a read that fails leaves no watch behind
		FenceWatch watch = this.watched.computeIfAbsent(id(actor, key), (id) -> new FenceWatch());
		watch.holders++;
		watch.fence = recorded; // what a watch already held is the same: raises and unfences keep both in step
		return watch;
	}

	/** An owner that watched an actor's fence closed; the last one forgets it. */
	synchronized void unwatchFence(String actor, String key, FenceWatch watch) {
		if (--watch.holders <= 0) {
			this.watched.remove(id(actor, key), watch);
		}
	}

	/** How many actors' fences this node keeps in memory (those its open owners watch). */
	synchronized int fencesInMemory() {
		return this.watched.size();
	}

	private static String id(String actor, String key) {
		return actor + '\u0000' + key;
	}

	synchronized void close() {
		for (String sql : java.util.List.copyOf(this.statements.keySet())) {
			forgetStatement(sql);
		}
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// closing anyway
		}
	}

}
