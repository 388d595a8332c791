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

	@Test
	void outcomesAreKeptWithTheCommitThatAddsThemAndOnlyThen() {
		StoredOutcome.Retention keepAll = new StoredOutcome.Retention(0, 100);
		try (ActorStorage storage = store().create("counter", "o1", new StoredState("1", bytes("1"), Instant.now()))) {
			assertThat(storage.outcome("k1")).isNull();
			storage.keepOutcomes(java.util.List.of(outcome("k1", 1000)), keepAll);
			assertThat(storage.outcome("k1")).as("seen in the open transaction").isNotNull();
			storage.save(bytes("2"), StoredState.NO_SCHEDULES);
			storage.keepOutcomes(java.util.List.of(outcome("k2", 2000)), keepAll);
			storage.rollback();
			storage.keepOutcomes(java.util.List.of(outcome("k3", 3000)), keepAll);
			storage.commit();
		}
		try (ActorStorage reopened = store().open("counter", "o1")) {
			StoredOutcome kept = reopened.outcome("k1");
			assertThat(kept).isNotNull();
			assertThat(kept.action()).isEqualTo("increment");
			assertThat(kept.fingerprint()).containsExactly(1, 2, 3);
			assertThat(kept.status()).isEqualTo(200);
			assertThat(new String(kept.body(), StandardCharsets.UTF_8)).isEqualTo("k1-output");
			assertThat(kept.createdAt()).isEqualTo(1000);
			assertThat(reopened.outcome("k2")).as("rolled back").isNull();
			assertThat(reopened.outcome("k3")).as("committed without a state change").isNotNull();
		}
	}

	@Test
	void outcomesOlderThanTheRetentionOrBeyondTheMostKeptAreRemoved() {
		try (ActorStorage storage = store().create("counter", "o2", new StoredState("1", bytes("1"), Instant.now()))) {
			storage.keepOutcomes(java.util.List.of(outcome("k1", 1000), outcome("k2", 2000), outcome("k3", 3000)),
					new StoredOutcome.Retention(0, 10));
			storage.commit();
			storage.keepOutcomes(java.util.List.of(outcome("k4", 4000), outcome("k5", 5000)),
					new StoredOutcome.Retention(1500, 3));
			storage.commit();
			assertThat(storage.outcome("k1")).as("older than the retention").isNull();
			assertThat(storage.outcome("k2")).as("the oldest beyond three").isNull();
			assertThat(storage.outcome("k3")).isNotNull();
			assertThat(storage.outcome("k4")).isNotNull();
			assertThat(storage.outcome("k5")).isNotNull();
		}
	}

	private static StoredOutcome outcome(String key, long createdAt) {
		return new StoredOutcome(key, "increment", new byte[] { 1, 2, 3 }, 200, bytes(key + "-output"), createdAt);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
