package dev.actorspring.it.sql;

import dev.actorspring.it.fixtures.LedgerEntryRepository;
import dev.actorspring.it.fixtures.TestActorApplication;
import dev.actorspring.it.fixtures.StoredStates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.HttpActorClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Actor-local SQL driven over HTTP: each instance's own tables, committed with its state. */
@SpringBootTest(classes = TestActorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActorSqlTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("actor.data-dir", () -> dataDir.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	LedgerEntryRepository repository;

	@Autowired
	JdbcClient jdbcClient;

	HttpActorClient client;

	@BeforeEach
	void client() {
		this.client = new HttpActorClient(this.port);
	}

	@Test
	void jdbcClientWritesAndReadsTheActorsOwnTableCommittedWithItsState() {
		assertThat(this.client.call("ledger", "rw", "add", 10, "coffee").asLong()).isEqualTo(1);
		assertThat(this.client.call("ledger", "rw", "add", 32, "lunch").asLong()).isEqualTo(2);
		assertThat(this.client.call("ledger", "rw", "rows").asLong()).isEqualTo(2);
		assertThat(this.client.call("ledger", "rw", "sum").asLong()).isEqualTo(42);
		assertThat(StoredStates.read(dataDir, "ledger", "rw").get("total").asLong()).isEqualTo(42);
		assertThat(query("rw", "SELECT group_concat(note, ',') FROM entries ORDER BY id")).isEqualTo("coffee,lunch");
		assertThat(query("rw", "PRAGMA user_version")).isEqualTo("1");
	}

	@Test
	void aFailingActionRollsBackItsRowsAndItsState() {
		this.client.call("ledger", "fail", "add", 5, "kept");
		Response failed = this.client.post("/actors/ledger/fail/actions/addThenFail", "{\"args\":[1000]}");
		assertThat(failed.status()).isEqualTo(500);
		assertThat(failed.json().get("code").asString()).isEqualTo("internal_error");
		assertThat(this.client.post("/actors/ledger/fail/actions/saveThenFail", "{\"args\":[2000]}").status())
			.isEqualTo(500);
		assertThat(this.client.call("ledger", "fail", "rows").asLong()).isEqualTo(1);
		JsonNode state = this.client.call("ledger", "fail", "state");
		assertThat(state.get("count").asLong()).isEqualTo(1);
		assertThat(state.get("total").asLong()).isEqualTo(5);
		assertThat(query("fail", "SELECT COUNT(*) FROM entries")).isEqualTo("1");
		assertThat(StoredStates.read(dataDir, "ledger", "fail").get("total").asLong()).isEqualTo(5);
	}

	@Test
	void concurrentCallsKeepRowsAndStateInStep() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				int n = i;
				calls.add(pool.submit(() -> (n % 10 == 0)
						? this.client.post("/actors/ledger/busy/actions/addThenFail", "{\"args\":[1]}")
						: this.client.call("ledger", "busy", "add", 1, "n" + n)));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(this.client.call("ledger", "busy", "rows").asLong()).isEqualTo(360);
		assertThat(this.client.call("ledger", "busy", "state").get("count").asLong()).isEqualTo(360);
		assertThat(query("busy", "SELECT COUNT(*) FROM entries")).isEqualTo("360");
		assertThat(StoredStates.read(dataDir, "ledger", "busy").get("count").asLong()).isEqualTo(360);
	}

	@Test
	void aSpringDataJdbcRepositoryWorksInsideActions() {
		JsonNode first = this.client.call("ledger", "repo", "save", 7, "a");
		assertThat(first.get("id").asLong()).isEqualTo(1);
		assertThat(first.get("note").asString()).isEqualTo("a");
		this.client.call("ledger", "repo", "save", 8, "b");
		this.client.call("ledger", "repo", "save", 9, "a");
		this.client.call("ledger", "repo", "add", 10, "c");
		JsonNode page = this.client.call("ledger", "repo", "page", 0, 3);
		assertThat(page).extracting((entry) -> entry.get("id").asLong()).containsExactly(4L, 3L, 2L);
		assertThat(this.client.call("ledger", "repo", "page", 1, 3)).extracting((entry) -> entry.get("amount").asLong())
			.containsExactly(7L);
		assertThat(this.client.call("ledger", "repo", "byNote", "a")).extracting((entry) -> entry.get("amount").asLong())
			.containsExactly(7L, 9L);
		assertThat(this.client.call("ledger", "repo", "state").get("total").asLong()).isEqualTo(34);
	}

	@Test
	void twoInstancesNeverSeeEachOthersRows() {
		for (int i = 0; i < 3; i++) {
			this.client.call("ledger", "left", "add", 1, "left");
		}
		this.client.call("ledger", "right", "save", 100, "right");
		assertThat(this.client.call("ledger", "left", "rows").asLong()).isEqualTo(3);
		assertThat(this.client.call("ledger", "right", "rows").asLong()).isEqualTo(1);
		assertThat(this.client.call("ledger", "left", "byNote", "right")).isEmpty();
		assertThat(this.client.call("ledger", "right", "byNote", "left")).isEmpty();
		assertThat(this.client.call("ledger", "right", "sum").asLong()).isEqualTo(100);
	}

	@Test
	void aRepositoryOrJdbcClientUsedOutsideAnActorTurnFailsClearly() {
		assertThatThrownBy(() -> this.repository.count()).isInstanceOf(CannotCreateTransactionException.class)
			.rootCause()
			.hasMessageStartingWith("Actor-local SQL was used outside an actor turn");
		assertThatThrownBy(() -> this.jdbcClient.sql("SELECT 1").query(Integer.class).single())
			.isInstanceOf(CannotGetJdbcConnectionException.class)
			.rootCause()
			.hasMessageStartingWith("Actor-local SQL was used outside an actor turn");
	}

	@Test
	void healthStaysUpWithTheActorDataSource() {
		Response health = this.client.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	private static String query(String key, String sql) {
		return StoredStates.query(dataDir, "ledger", key, sql).get(0);
	}

}
