package dev.actorspring.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.actorspring.persistence.sqlite.SqliteFileLayout;
import tools.jackson.databind.JsonNode;

/** Reads an actor's state straight from its SQLite file, as an operator with the sqlite3 shell would. */
final class StoredStates {

	private StoredStates() {
	}

	static Path file(Path dataDir, String actor, String key) {
		return new SqliteFileLayout(dataDir).file(actor, key);
	}

	static JsonNode read(Path dataDir, String actor, String key) {
		Path file = file(dataDir, actor, key);
		if (!Files.exists(file)) {
			throw new AssertionError("No file " + file);
		}
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT state FROM _actor")) {
			if (!rows.next()) {
				throw new AssertionError("No state row in " + file);
			}
			return HttpActorClient.JSON.readTree(rows.getBytes(1));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The first column of every row a query returns on an actor's file, as text. */
	static List<String> query(Path dataDir, String actor, String key, String sql) {
		List<String> values = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file(dataDir, actor, key));
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return values;
	}

}
