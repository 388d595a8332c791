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
			this.store = new SqliteStateStore(this.dataDir, SQLiteConfig.SynchronousMode.NORMAL, 2);
		}
		return this.store;
	}

	@Test
	void openingAMissingInstanceCreatesNoFile() {
		store().open("counter", "ghost");
		assertThat(this.dataDir.resolve("counter")).doesNotExist();
	}

	@Test
	void openFilesStayBoundedAndClosedFilesReopenOnTheNextSave() {
		SqliteStateStore sqlite = (SqliteStateStore) store();
		java.util.List<dev.actorspring.persistence.ActorStorage> storages = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			storages.add(sqlite.create("counter", "k" + i, new StoredState("id" + i, "0".getBytes(), Instant.now())));
			assertThat(sqlite.openFiles()).isLessThanOrEqualTo(2);
		}
		for (int i = 0; i < 10; i++) {
			storages.get(i).save(String.valueOf(i + 100).getBytes(), StoredState.NO_SCHEDULES);
			assertThat(sqlite.openFiles()).isLessThanOrEqualTo(2);
		}
		storages.forEach(dev.actorspring.persistence.ActorStorage::close);
		assertThat(sqlite.openFiles()).isZero();
		for (int i = 0; i < 10; i++) {
			try (var reopened = sqlite.open("counter", "k" + i)) {
				assertThat(new String(reopened.loaded().state())).isEqualTo(String.valueOf(i + 100));
			}
		}
	}

	@Test
	void deleteRemovesTheFileAndItsCompanions() {
		SqliteStateStore sqlite = (SqliteStateStore) store();
		sqlite.create("counter", "gone", new StoredState("id", "1".getBytes(), Instant.now())).close();
		Path file = sqlite.layout().file("counter", "gone");
		assertThat(file).exists();
		sqlite.delete("counter", "gone");
		assertThat(file.getParent()).isEmptyDirectory();
		assertThat(sqlite.open("counter", "gone")).isNull();
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
