package dev.actorspring.persistence.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.actorspring.persistence.ScheduleIndex;
import dev.actorspring.persistence.StateStoreException;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * The schedule index in {@code <data-dir>/_schedules.db} (no actor type can be named with a leading
 * {@code _}). One connection, used under this object's lock; written only when an instance's earliest
 * schedule changes.
 */
final class SqliteScheduleIndex implements ScheduleIndex {

	private static final String SCHEMA = """
			CREATE TABLE IF NOT EXISTS schedule_index (
			  actor_name TEXT NOT NULL,
			  actor_key TEXT NOT NULL,
			  due_at INTEGER NOT NULL,
			  PRIMARY KEY (actor_name, actor_key)
			)""";

	private final Path file;

	private final SQLiteConfig config;

	private @Nullable Connection connection;

	SqliteScheduleIndex(Path file, SQLiteConfig config) {
		this.file = file;
		this.config = config;
	}

	@Override
	public synchronized void put(String actorName, String key, Instant due) {
		execute("INSERT OR REPLACE INTO schedule_index (actor_name, actor_key, due_at) VALUES (?, ?, ?)", actorName,
				key, due.toEpochMilli());
	}

	@Override
	public synchronized void remove(String actorName, String key) {
		execute("DELETE FROM schedule_index WHERE actor_name = ? AND actor_key = ?", actorName, key);
	}

	@Override
	public synchronized List<Entry> loadAll() {
		List<Entry> entries = new ArrayList<>();
		try (Statement statement = connection().createStatement();
				ResultSet rows = statement.executeQuery("SELECT actor_name, actor_key, due_at FROM schedule_index")) {
			while (rows.next()) {
				entries.add(new Entry(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3))));
			}
			return entries;
		}
		catch (SQLException ex) {
			throw new StateStoreException("Could not read " + this.file, ex);
		}
	}

	private void execute(String sql, Object... values) {
		try (PreparedStatement statement = connection().prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			if (this.connection != null) {
				SqliteStateStore.closeQuietly(this.connection);
				this.connection = null;
			}
			throw new StateStoreException("Could not write " + this.file, ex);
		}
	}

	private Connection connection() throws SQLException {
		if (this.connection == null) {
			try {
				Files.createDirectories(this.file.getParent());
			}
			catch (IOException ex) {
				throw new SQLException("Could not create " + this.file.getParent(), ex);
			}
			Connection opened = this.config.createConnection("jdbc:sqlite:" + this.file);
			try (Statement statement = opened.createStatement()) {
				statement.execute(SCHEMA);
			}
			this.connection = opened;
		}
		return this.connection;
	}

}
