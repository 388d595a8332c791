package dev.actorspring.persistence.sqlite;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Closing a data-directory lock twice does not release the directory for the store that took it since. */
class DataDirectoryLockCloseTests {

	@TempDir
	Path dir;

	@Test
	void aSecondCloseLeavesTheNextHolderItsDirectory() throws Exception {
		DataDirectoryLock first = DataDirectoryLock.acquire(this.dir);
		first.close();
		try (DataDirectoryLock second = DataDirectoryLock.acquire(this.dir)) {
			first.close();
			assertThatThrownBy(() -> DataDirectoryLock.acquire(this.dir))
				.isInstanceOf(DataDirectoryLock.DataDirectoryInUseException.class);
		}
	}

}
