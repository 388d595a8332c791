package dev.actorspring.persistence.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.actorspring.persistence.StateStore;
import dev.actorspring.persistence.StateStoreContractTests;
import dev.actorspring.persistence.StoredState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteStateStoreTests extends StateStoreContractTests {

	@TempDir
	Path dataDir;

	private SqliteStateStore store;

	@Override
	protected StateStore store() {
		if (this.store == null) {
			this.store = new SqliteStateStore(this.dataDir, SQLiteConfig.SynchronousMode.NORMAL);
		}
		return this.store;
	}

	@Test
	void openingAMissingInstanceCreatesNoFile() {
		store().open("counter", "ghost");
		assertThat(this.dataDir.resolve("counter")).doesNotExist();
	}

	@Test
	void aFileLeftWithoutStateByACrashCountsAsNeverCreated() throws Exception {
		Path file = ((SqliteStateStore) store()).layout().file("counter", "half");
		Files.createDirectories(file.getParent());
		Files.createFile(file);
		assertThat(store().open("counter", "half")).isNull();
		store().create("counter", "half", new StoredState("id", "{}".getBytes(), Instant.now())).close();
		assertThat(store().open("counter", "half").loaded().actorId()).isEqualTo("id");
	}

}
