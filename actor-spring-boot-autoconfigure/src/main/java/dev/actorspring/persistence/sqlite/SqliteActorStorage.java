package dev.actorspring.persistence.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.actorspring.persistence.ActorStorage;
import dev.actorspring.persistence.StateStoreException;
import dev.actorspring.persistence.StoredState;

/**
 * One instance's open SQLite file. Each {@link #save(byte[])} is one auto-committed statement, hence one
 * transaction.
 */
final class SqliteActorStorage implements ActorStorage {

	private final Connection connection;

	private final StoredState loaded;

	private final Path file;

	private final PreparedStatement update;

	SqliteActorStorage(Connection connection, StoredState loaded, Path file) throws SQLException {
		this.connection = connection;
		this.loaded = loaded;
		this.file = file;
		this.update = connection.prepareStatement(SqliteStateStore.UPDATE);
	}

	@Override
	public StoredState loaded() {
		return this.loaded;
	}

	@Override
	public void save(byte[] state) {
		try {
			this.update.setBytes(1, state);
			this.update.setLong(2, System.currentTimeMillis());
			this.update.executeUpdate();
		}
		catch (SQLException ex) {
			throw new StateStoreException("Could not write " + this.file, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.update.close();
		}
		catch (SQLException ex) {
			// closing the connection releases it too
		}
		SqliteStateStore.closeQuietly(this.connection);
	}

}
