package dev.actorspring.it.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.StoredStates;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.persistence.sqlite.SqliteStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More actors using {@code ctx.sql()} and Spring Data JDBC than files may be open: their files keep closing and
 * reopening (each open with a new turn connection and statement cache), and each actor's rows still
 * land in its own file only.
 */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "actor.max-open-files=3")
class ManyFilesSqlTests {

	private static final int LEDGERS = 12;

	private static final int ROUNDS = 10;

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	SqliteStateStore store;

	@Test
	void eachActorsRowsStayInItsOwnFileWhileFilesCloseAndReopen() throws Exception {
		HttpActorClient client = new HttpActorClient(this.port);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				for (int i = 0; i < LEDGERS; i++) {
					String key = "l" + i;
					long amount = i + 1;
					boolean viaRepository = round % 2 == 1;
					calls.add(pool.submit(() -> viaRepository ? client.call("ledger", key, "save", amount, key)
							: client.call("ledger", key, "add", amount, key)));
				}
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			pool.shutdown();
		}
		for (int i = 0; i < LEDGERS; i++) {
			String key = "l" + i;
			assertThat(client.call("ledger", key, "rows").asLong()).isEqualTo(ROUNDS);
			assertThat(client.call("ledger", key, "sum").asLong()).isEqualTo(ROUNDS * (i + 1L));
			assertThat(StoredStates.query(dataDir, "ledger", key, "SELECT DISTINCT note FROM entries"))
				.containsExactly(key);
			assertThat(StoredStates.query(dataDir, "ledger", key, "SELECT COUNT(DISTINCT id) FROM entries"))
				.containsExactly(String.valueOf(ROUNDS));
			assertThat(StoredStates.read(dataDir, "ledger", key).get("total").asLong()).isEqualTo(ROUNDS * (i + 1L));
		}
		assertThat(this.store.openFiles()).isLessThanOrEqualTo(3);
	}

}
