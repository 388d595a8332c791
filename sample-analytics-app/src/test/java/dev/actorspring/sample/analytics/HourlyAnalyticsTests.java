package dev.actorspring.sample.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.actorspring.api.ActorException;
import dev.actorspring.test.ActorTestKit;
import dev.actorspring.test.RecordedEvent;
import dev.actorspring.test.TestActor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit tests of the hour shard with the ActorTestKit: no server, a clock the test moves. */
class HourlyAnalyticsTests {

	@Test
	void countsViewsPerUrlAndBroadcastsEachOne() {
		try (ActorTestKit kit = ActorTestKit.of(new HourlyAnalytics(), new AnalyticsIndex())) {
			TestActor hour = kit.actor("hourlyAnalytics", "2026-01-01T00");
			hour.call(Long.class, "trackEvent", new HourlyAnalytics.PageView("page_view", "/home"));
			assertThat(hour.call(Long.class, "trackEvent", new HourlyAnalytics.PageView("page_view", "/home")))
				.isEqualTo(2L);
			hour.call("trackEvent", new HourlyAnalytics.PageView("page_view", "/about"));
			HourlyAnalytics.Stats stats = hour.call(HourlyAnalytics.Stats.class, "getStats");
			assertThat(stats.total()).isEqualTo(3);
			assertThat(stats.viewsByUrl()).containsExactly(entry("/home", 2L), entry("/about", 1L));
			assertThat(hour.call(Map.class, "viewsPerMinute").values()).containsExactly(3);
			assertThat(hour.events()).extracting(RecordedEvent::name).containsExactly("tracked", "tracked", "tracked");
		}
	}

	@Test
	void aShardClosesItselfADayAfterItsHour() {
		try (ActorTestKit kit = ActorTestKit.builder()
			.actor(new HourlyAnalytics())
			.actor(new AnalyticsIndex())
			.startingAt(Instant.parse("2026-01-01T00:10:00Z"))
			.build()) {
			TestActor hour = kit.actor("hourlyAnalytics", "2026-01-01T00");
			hour.call("trackEvent", new HourlyAnalytics.PageView("page_view", "/home"));
			assertThat(hour.schedules()).singleElement()
				.satisfies((close) -> assertThat(close.dueAt()).isEqualTo(Instant.parse("2026-01-02T01:00:00Z")));
			kit.advanceTime(Duration.ofHours(24));
			hour.call("trackEvent", new HourlyAnalytics.PageView("page_view", "/late"));
			kit.advanceTime(Duration.ofHours(1));
			assertThat(hour.state(HourlyAnalytics.State.class).closed).isTrue();
			assertThatThrownBy(() -> hour.call("trackEvent", new HourlyAnalytics.PageView("page_view", "/home")))
				.isInstanceOfSatisfying(ActorException.class, (ex) -> assertThat(ex.code()).isEqualTo("shard_closed"));
			assertThat(hour.state(HourlyAnalytics.State.class).total).isEqualTo(2);
		}
	}

}
