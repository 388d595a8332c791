package dev.actorspring.test;

import java.time.Duration;
import java.util.List;

import dev.actorspring.api.ActorException;
import dev.actorspring.it.fixtures.Alarm;
import dev.actorspring.it.fixtures.Counter;
import dev.actorspring.it.fixtures.CounterApi;
import dev.actorspring.it.fixtures.Notebook;
import dev.actorspring.it.fixtures.Sleeper;
import dev.actorspring.it.fixtures.Vault;
import dev.actorspring.it.fixtures.WakeCounter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ActorTestKit drives actors without HTTP and without a Spring context. */
class ActorTestKitTests {

	@Test
	void callsActionsReadsStateAndRecordsEvents() {
		try (ActorTestKit kit = ActorTestKit.of(new Counter())) {
			TestActor counter = kit.actor("counter", "k");
			assertThat(counter.call(Long.class, "increment", 5)).isEqualTo(5L);
			assertThat(counter.call(Long.class, "increment", 2)).isEqualTo(7L);
			assertThat(counter.state(Counter.State.class).count).isEqualTo(7);
			assertThat(counter.events()).extracting(RecordedEvent::name).containsExactly("changed", "changed");
			assertThat(counter.events().get(1).arg(0).asLong()).isEqualTo(7);
			assertThatThrownBy(() -> counter.call("refuse")).isInstanceOf(ActorException.class)
				.hasMessage("This counter refuses.");
			assertThat(counter.state(Counter.State.class).count).isEqualTo(7);
			assertThat(kit.proxy(CounterApi.class, "k").increment(1)).isEqualTo(8);
		}
	}

	@Test
	void sleepReloadsStateAndRunsCreateVarsAgain() {
		WakeCounter recorder = new WakeCounter();
		try (ActorTestKit kit = ActorTestKit.of(new Sleeper(recorder))) {
			TestActor sleeper = kit.actor("sleeper", "s");
			sleeper.call("increment");
			assertThat(sleeper.call(Integer.class, "wake")).isEqualTo(1);
			sleeper.sleep();
			assertThat(recorder.sleeps("s")).isEqualTo(1);
			assertThat(sleeper.call(Long.class, "increment")).isEqualTo(2L);
			assertThat(sleeper.call(Integer.class, "wake")).isEqualTo(2);
		}
	}

	@Test
	void theClockDrivesDurableSchedules() {
		WakeCounter recorder = new WakeCounter();
		try (ActorTestKit kit = ActorTestKit.builder()
			.actor(new Alarm(recorder))
			.scheduleRetries(3, Duration.ofSeconds(10))
			.build()) {
			TestActor alarm = kit.actor("alarm", "a");
			alarm.call("remind", "in an hour", Duration.ofHours(1).toMillis());
			assertThat(alarm.schedules()).hasSize(1);
			assertThat(alarm.schedules().get(0).dueAt()).isEqualTo(kit.now().plus(Duration.ofHours(1)));
			kit.advanceTime(Duration.ofMinutes(59));
			assertThat(alarm.state(Alarm.State.class).fired).isEmpty();
			kit.advanceTime(Duration.ofMinutes(1));
			assertThat(alarm.state(Alarm.State.class).fired).containsExactly("in an hour");
			assertThat(alarm.events()).extracting(RecordedEvent::name).containsExactly("fired");

			TestActor flaky = kit.actor("alarm", "f");
			flaky.call("flaky", 1);
			kit.advanceTime(Duration.ofSeconds(1));
			assertThat(recorder.attempts("f")).isEqualTo(1);
			kit.advanceTime(Duration.ofSeconds(10));
			assertThat(recorder.attempts("f")).isEqualTo(2);
			assertThat(flaky.state(Alarm.State.class).fired).containsExactly("flaky after 2");
		}
	}

	@Test
	void actorLocalSqlWorksInTheTestKitAcrossSleepAndWake() {
		try (ActorTestKit kit = ActorTestKit.of(new Notebook())) {
			TestActor notebook = kit.actor("notebook", "n");
			notebook.call("write", "first");
			assertThat(notebook.call(Long.class, "notesAtWake")).isEqualTo(1L);
			notebook.sleep();
			notebook.call("write", "second");
			assertThat(notebook.call(Long.class, "notesAtWake")).isEqualTo(2L);
			assertThat(notebook.call(List.class, "read")).containsExactly("seeded by the migration", "first", "second");
			assertThat(notebook.call(String.class, "createError")).contains("not available in @CreateState, @OnCreate")
				.contains("db/actors/notebook/V1__init.sql");
		}
	}

	@Test
	void theInMemoryStoreSaysItHasNoSql() {
		try (ActorTestKit kit = ActorTestKit.builder().actor(new Notebook()).inMemory().build()) {
			assertThatThrownBy(() -> kit.actor("notebook", "m").call("read")).isInstanceOf(ActorException.class)
				.hasMessageContaining("could not be started");
		}
	}

	@Test
	void callsCanCarryAPrincipal() {
		try (ActorTestKit kit = ActorTestKit.of(new Vault())) {
			TestActor vault = kit.actor("vault", "alice");
			assertThat(vault.call(String.class, "whoami")).isEqualTo("anonymous");
			assertThat(vault.as("alice").call(Long.class, "deposit", 5)).isEqualTo(5L);
			assertThat(vault.as("alice").call(String.class, "whoami")).isEqualTo("alice");
			assertThatThrownBy(() -> vault.as("bob").call("deposit", 1)).isInstanceOfSatisfying(ActorException.class,
					(ex) -> assertThat(ex.code()).isEqualTo("forbidden"));
			assertThat(vault.state(Vault.State.class).balance).isEqualTo(5);
		}
	}

}
