package dev.actorspring.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link StateStore} must do; each implementation's tests extend this class. */
public abstract class StateStoreContractTests {

	protected abstract StateStore store();

	@Test
	void openingAnInstanceThatWasNeverCreatedFindsNothing() {
		assertThat(store().open("counter", "missing")).isNull();
		assertThat(store().open("counter", "missing")).isNull();
	}

	@Test
	void createdStateCanBeSavedAndReopened() {
		Instant createdAt = Instant.ofEpochMilli(1_700_000_000_000L);
		try (ActorStorage storage = store().create("counter", "c1", new StoredState("id-1", bytes("{\"n\":1}"), createdAt))) {
			assertThat(storage.loaded().actorId()).isEqualTo("id-1");
			storage.save(bytes("{\"n\":2}"), StoredState.NO_SCHEDULES);
			storage.save(bytes("{\"n\":3}"), StoredState.NO_SCHEDULES);
		}
		try (ActorStorage reopened = store().open("counter", "c1")) {
			assertThat(reopened).isNotNull();
			assertThat(new String(reopened.loaded().state(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":3}");
			assertThat(reopened.loaded().actorId()).isEqualTo("id-1");
			assertThat(reopened.loaded().createdAt()).isEqualTo(createdAt);
		}
	}

	@Test
	void instancesAreIsolatedByTypeAndKey() {
		store().create("counter", "a", new StoredState("1", bytes("1"), Instant.now())).close();
		store().create("other", "a", new StoredState("2", bytes("2"), Instant.now())).close();
		store().create("counter", "A", new StoredState("3", bytes("3"), Instant.now())).close();
		assertThat(store().open("counter", "a").loaded().actorId()).isEqualTo("1");
		assertThat(store().open("other", "a").loaded().actorId()).isEqualTo("2");
		assertThat(store().open("counter", "A").loaded().actorId()).isEqualTo("3");
	}

	@Test
	void aDeletedInstanceIsGone() {
		store().create("counter", "d", new StoredState("1", bytes("1"), Instant.now())).close();
		store().delete("counter", "d");
		assertThat(store().open("counter", "d")).isNull();
		store().delete("counter", "never-created");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
