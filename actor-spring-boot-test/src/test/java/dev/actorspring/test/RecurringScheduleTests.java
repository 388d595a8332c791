package dev.actorspring.test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.actorspring.api.ActorException;
import dev.actorspring.api.ScheduledAction;
import dev.actorspring.it.fixtures.Metronome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recurring schedules (cron and fixed interval) on the test kit's clock, across sleep and a restart. */
class RecurringScheduleTests {

	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	@TempDir
	Path dataDir;

	@Test
	void cronAndIntervalSchedulesRunOnTimeCatchUpOnceAndSurviveARestart() {
		try (ActorTestKit kit = kit(START)) {
			TestActor metronome = kit.actor("metronome", "m");
			assertThat(metronome.call(String.class, "start", Duration.ofMinutes(15).toMillis())).isEqualTo("tick");
			// full hours in Kolkata (UTC+05:30) are at half past in UTC: the zone is honoured
			assertThat(metronome.call(String.class, "chimeHourly", "Asia/Kolkata")).isEqualTo("chime");
			assertThat(pending(metronome)).containsExactly("tick@00:15", "chime@00:30");
			ScheduledAction chime = metronome.schedules().get(1);
			assertThat(chime.recurring()).isTrue();
			assertThat(chime.cron()).isEqualTo("0 0 * * * *");
			assertThat(chime.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
			assertThat(metronome.schedules().get(0).every()).isEqualTo(Duration.ofMinutes(15));

			for (int quarter = 0; quarter < 3; quarter++) {
				kit.advanceTime(Duration.ofMinutes(15));
			}
			kit.advanceTime(Duration.ofMinutes(14));
			assertThat(times(metronome.state(Metronome.State.class).ticks)).containsExactly("00:15", "00:30", "00:45");
			assertThat(times(metronome.state(Metronome.State.class).chimes)).containsExactly("00:30");

			// declared again unchanged: the next runs stay where they were
			metronome.call("start", Duration.ofMinutes(15).toMillis());
			metronome.call("chimeHourly", "Asia/Kolkata");
			assertThat(pending(metronome)).containsExactly("tick@01:00", "chime@01:30");
			metronome.sleep();

			// five hours pass at once (downtime): each schedule runs once for what it missed, then keeps its phase
			kit.advanceTime(Duration.ofHours(5));
			assertThat(times(metronome.state(Metronome.State.class).ticks)).containsExactly("00:15", "00:30", "00:45",
					"01:00");
			assertThat(times(metronome.state(Metronome.State.class).chimes)).containsExactly("00:30", "01:30");
			assertThat(pending(metronome)).containsExactly("tick@06:00", "chime@06:30");

			// a run that fails every attempt is skipped; the schedule goes on
			assertThat(metronome.call(Boolean.class, "stop", "tick")).isTrue();
			assertThat(metronome.call(Boolean.class, "stop", "tick")).isFalse();
			metronome.call("failNextChimes", 3);
			kit.advanceTime(Duration.ofMinutes(31));
			assertThat(metronome.schedules().get(0).attempts()).as("retried as a one-shot schedule is").isEqualTo(1);
			kit.advanceTime(Duration.ofSeconds(10));
			kit.advanceTime(Duration.ofSeconds(20));
			assertThat(times(metronome.state(Metronome.State.class).chimes)).containsExactly("00:30", "01:30");
			assertThat(pending(metronome)).containsExactly("chime@07:30");
			assertThat(metronome.schedules().get(0).attempts()).isZero();

			assertThatThrownBy(() -> metronome.call("badCron")).isInstanceOf(ActorException.class)
				.extracting((ex) -> ((ActorException) ex).code())
				.isEqualTo("invalid_arguments");
		}
		// the application restarts at 10:05: the chime missed since 07:30 runs once, then at 10:30
		try (ActorTestKit kit = kit(START.plus(Duration.ofHours(10).plusMinutes(5)))) {
			TestActor metronome = kit.actor("metronome", "m");
			kit.advanceTime(Duration.ZERO);
			assertThat(times(metronome.state(Metronome.State.class).chimes)).containsExactly("00:30", "01:30", "07:30");
			assertThat(pending(metronome)).containsExactly("chime@10:30");
			kit.advanceTime(Duration.ofMinutes(25));
			assertThat(times(metronome.state(Metronome.State.class).chimes)).containsExactly("00:30", "01:30", "07:30",
					"10:30");
		}
	}

	@Test
	void anIntervalScheduleKeepsItsPhaseAfterARetriedRun() {
		try (ActorTestKit kit = kit(START)) {
			TestActor metronome = kit.actor("metronome", "phase");
			metronome.call("start", Duration.ofMinutes(15).toMillis());
			metronome.call("failNextTicks", 1);
			kit.advanceTime(Duration.ofMinutes(15));
			assertThat(metronome.schedules().get(0).dueAt()).as("retried 10 s later")
				.isEqualTo(START.plus(Duration.ofMinutes(15).plusSeconds(10)));
			kit.advanceTime(Duration.ofSeconds(10));
			assertThat(metronome.state(Metronome.State.class).ticks).hasSize(1);
			assertThat(metronome.schedules().get(0).dueAt()).as("the next run on the schedule's grid, not 10 s after it")
				.isEqualTo(START.plus(Duration.ofMinutes(30)));
		}
	}

	private ActorTestKit kit(Instant start) {
		return ActorTestKit.builder()
			.actor(new Metronome())
			.dataDir(this.dataDir)
			.startingAt(start)
			.scheduleRetries(3, Duration.ofSeconds(10))
			.build();
	}

	private static List<String> pending(TestActor metronome) {
		return metronome.schedules().stream().map((schedule) -> schedule.id() + "@" + time(schedule.dueAt())).toList();
	}

	private static List<String> times(List<Long> epochMillis) {
		return epochMillis.stream().map((millis) -> time(Instant.ofEpochMilli(millis))).toList();
	}

	private static String time(Instant instant) {
		return instant.toString().substring(11, 16);
	}

}
