package dev.actorspring.benchmarks.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baselines of the same process: a no-op JSON endpoint, the naive design (one SQLite transaction per
 * request on one connection, WAL, synchronous=NORMAL) and the traditional one (the counter as a PostgreSQL row
 * behind HikariCP, {@code UPDATE ... RETURNING}). Keys are {@code hot} and {@code k0} to {@code k999}.
 */
@RestController
public class BaselineController {

	private static final String UPDATE = "UPDATE counter SET count = count + 1 WHERE key = ? RETURNING count";

	private final Connection sqlite;

	private final PreparedStatement sqliteUpdate;

	private final ReentrantLock sqliteLock = new ReentrantLock();

	private final @Nullable HikariDataSource postgres;

	public BaselineController(@Value("${actor.data-dir}") Path dataDir,
			@Value("${bench.postgres.url:}") String postgresUrl) throws Exception {
		Files.createDirectories(dataDir);
		this.sqlite = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("naive-baseline.db"));
		try (Statement statement = this.sqlite.createStatement()) {
			statement.execute("PRAGMA journal_mode=WAL");
			statement.execute("PRAGMA synchronous=NORMAL");
		}
		createRows(this.sqlite);
		this.sqliteUpdate = this.sqlite.prepareStatement(UPDATE);
		if (postgresUrl.isEmpty()) {
			this.postgres = null;
		}
		else {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(postgresUrl);
			config.setMaximumPoolSize(16);
			this.postgres = new HikariDataSource(config);
			try (Connection connection = this.postgres.getConnection()) {
				createRows(connection);
			}
		}
	}

	@PostMapping("/noop")
	public Map<String, Object> noop(@RequestBody JsonNode body) {
		return Map.of("output", body.path("args").path(0).asLong());
	}

	@PostMapping("/naive/{key}/increment")
	public Map<String, Object> naive(@PathVariable String key, @RequestBody JsonNode body) throws SQLException {
		this.sqliteLock.lock();
		try {
			this.sqliteUpdate.setString(1, key);
			try (ResultSet rows = this.sqliteUpdate.executeQuery()) {
				return Map.of("output", rows.next() ? rows.getLong(1) : -1);
			}
		}
		finally {
			this.sqliteLock.unlock();
		}
	}

	@PostMapping("/pg/{key}/increment")
	public ResponseEntity<Map<String, Object>> postgres(@PathVariable String key, @RequestBody JsonNode body)
			throws SQLException {
		DataSource dataSource = this.postgres;
		if (dataSource == null) {
			return ResponseEntity.status(503).body(Map.of("code", "no_postgres"));
		}
		try (Connection connection = dataSource.getConnection();
				PreparedStatement update = connection.prepareStatement(UPDATE)) {
			update.setString(1, key);
			try (ResultSet rows = update.executeQuery()) {
				return ResponseEntity.ok(Map.of("output", rows.next() ? rows.getLong(1) : -1));
			}
		}
	}

	@PreDestroy
	public void close() throws SQLException {
		this.sqlite.close();
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	private static void createRows(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS counter (key TEXT PRIMARY KEY, count BIGINT NOT NULL)");
			statement.execute("DELETE FROM counter");
		}
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO counter (key, count) VALUES (?, 0)")) {
			insert.setString(1, "hot");
			insert.addBatch();
			for (int i = 0; i < 1000; i++) {
				insert.setString(1, "k" + i);
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

}
