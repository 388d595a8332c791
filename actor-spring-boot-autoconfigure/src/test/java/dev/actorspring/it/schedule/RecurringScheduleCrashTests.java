package dev.actorspring.it.schedule;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.actorspring.it.fixtures.ChildApplication;
import dev.actorspring.it.fixtures.HttpActorClient;
import dev.actorspring.it.fixtures.StoredStates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the test application as a child JVM with a recurring schedule running every 100 ms, kills it with SIGKILL
 * at a random moment and restarts it after a pause, three times over. Every run records which run it was (its due
 * time) in the actor's state, committed with the schedule's advance to its next run: a run committed before a kill
 * must never run again, and the runs missed while the application was down are caught up once, not one by one.
 */
class RecurringScheduleCrashTests {

	private static final long INTERVAL = 100;

	@TempDir
	Path dataDir;

	@Test
	void aRecurringScheduleNeverRunsACommittedRunTwiceThroughKillDashNine() throws Exception {
		Random random = new Random(11);
		for (int round = 0; round < 3; round++) {
			int port = ChildApplication.freePort();
			Process app = ChildApplication.start(this.dataDir, port);
			try {
				ChildApplication.awaitUp(port, app, "/actors/metronome/m");
				if (round == 0) {
					assertThat(new HttpActorClient(port).call("metronome", "m", "start", INTERVAL).asString())
						.isEqualTo("tick");
				}
				Thread.sleep(800 + random.nextInt(800));
			}
			finally {
				app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
			Thread.sleep(500); // down: runs are missed meanwhile
		}
		int port = ChildApplication.freePort();
		Process app = ChildApplication.start(this.dataDir, port);
		List<Long> ticks = new ArrayList<>();
		try {
			ChildApplication.awaitUp(port, app, "/actors/metronome/m");
			Thread.sleep(1000);
			HttpActorClient client = new HttpActorClient(port);
			client.call("metronome", "m", "state").get("ticks").forEach((tick) -> ticks.add(tick.asLong()));
			JsonNode pending = client.call("metronome", "m", "pending");
			assertThat(pending).hasSize(1);
			assertThat(pending.get(0).get("id").asString()).isEqualTo("tick");
			assertThat(pending.get(0).get("every").asString()).isEqualTo("PT0.1S");
		}
		finally {
			app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		assertThat(ticks).as("runs over four lives").hasSizeGreaterThan(20);
		long gaps = 0;
		for (int i = 1; i < ticks.size(); i++) {
			assertThat(ticks.get(i)).as("run %d follows run %d: no run twice, none out of order", i, i - 1)
				.isGreaterThan(ticks.get(i - 1));
			assertThat((ticks.get(i) - ticks.get(0)) % INTERVAL).as("every run keeps the schedule's phase").isZero();
			if (ticks.get(i) - ticks.get(i - 1) >= 5 * INTERVAL) {
				gaps++;
			}
		}
		assertThat(gaps).as("the runs missed during each of the three stops were skipped, not replayed")
			.isGreaterThanOrEqualTo(3);
		try (Connection file = DriverManager.getConnection("jdbc:sqlite:" + StoredStates.file(this.dataDir, "metronome", "m"));
				ResultSet rows = file.createStatement().executeQuery("SELECT schedules FROM _actor")) {
			rows.next();
			JsonNode schedules = HttpActorClient.JSON.readTree(rows.getString(1));
			assertThat(schedules).as("one recurring schedule in the actor's file").hasSize(1);
			assertThat(schedules.get(0).get("every").asLong()).isEqualTo(INTERVAL);
		}
	}

}
