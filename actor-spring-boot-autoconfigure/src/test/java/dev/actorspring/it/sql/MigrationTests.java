package dev.actorspring.it.sql;

import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.StoredStates;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.HttpActorClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema migrations of an actor's own tables across restarts: a release that adds {@code V2__...} migrates
 * existing files on wake; a broken script fails the wake and leaves the file as it was.
 */
class MigrationTests {

	@TempDir
	Path dataDir;

	@TempDir
	Path scripts;

	@Test
	void aNewScriptMigratesExistingFilesOnWakeAndABrokenOneChangesNothing() throws Exception {
		try (ConfigurableApplicationContext app = start()) {
			HttpActorClient client = client(app);
			client.call("ledger", "old", "add", 3, "before v2");
			client.call("ledger", "old", "add", 4, "before v2");
		}
		assertThat(query("old", "PRAGMA user_version")).containsExactly("1");

		script("V2__categories.sql", """
				ALTER TABLE entries ADD COLUMN category TEXT NOT NULL DEFAULT 'misc';
				-- a comment; with a semicolon
				UPDATE entries SET category = 'migrated';
				""");
		try (ConfigurableApplicationContext app = start()) {
			HttpActorClient client = client(app);
			assertThat(client.call("ledger", "old", "rows").asLong()).isEqualTo(2);
			client.call("ledger", "old", "add", 5, "after v2");
			client.call("ledger", "new", "add", 1, "born at v2");
		}
		assertThat(query("old", "PRAGMA user_version")).containsExactly("2");
		assertThat(query("old", "SELECT category FROM entries ORDER BY id")).containsExactly("migrated", "migrated",
				"misc");
		assertThat(query("new", "PRAGMA user_version")).containsExactly("2");
		assertThat(query("new", "SELECT category FROM entries")).containsExactly("misc");

		List<String> schemaBefore = query("old", "SELECT sql FROM sqlite_master ORDER BY name");
		script("V3__broken.sql", """
				CREATE TABLE tags (name TEXT);
				INSERT INTO no_such_table VALUES (1);
				""");
		try (ConfigurableApplicationContext app = start()) {
			HttpActorClient client = client(app);
			Response refused = client.post("/actors/ledger/old/actions/rows", "");
			assertThat(refused.status()).isEqualTo(500);
			assertThat(refused.json().get("code").asString()).isEqualTo("activation_failed");
			assertThat(refused.body()).doesNotContain("no_such_table").doesNotContain(this.dataDir.toString());
		}
		assertThat(query("old", "PRAGMA user_version")).containsExactly("2");
		assertThat(query("old", "SELECT sql FROM sqlite_master ORDER BY name")).isEqualTo(schemaBefore);
		assertThat(query("old", "SELECT COUNT(*) FROM entries")).containsExactly("3");
	}

	private void script(String name, String sql) throws Exception {
		Path dir = this.scripts.resolve("db/actors/ledger");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve(name), sql);
	}

	/** Starts the application with the extra scripts on its class path, as a new release would ship them. */
	private ConfigurableApplicationContext start() throws Exception {
		URLClassLoader classLoader = new URLClassLoader(new URL[] { this.scripts.toUri().toURL() },
				getClass().getClassLoader());
		return new SpringApplicationBuilder(TestActorApplication.class)
			.resourceLoader(new DefaultResourceLoader(classLoader))
			.properties("server.port=0", "actor.data-dir=" + this.dataDir)
			.run();
	}

	private static HttpActorClient client(ConfigurableApplicationContext app) {
		return new HttpActorClient(((WebServerApplicationContext) app).getWebServer().getPort());
	}

	private List<String> query(String key, String sql) {
		return StoredStates.query(this.dataDir, "ledger", key, sql);
	}

}
