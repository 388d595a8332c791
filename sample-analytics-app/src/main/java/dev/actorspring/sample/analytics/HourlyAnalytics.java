package dev.actorspring.sample.analytics;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.ActorException;
import dev.actorspring.api.OnCreate;

/**
 * Page views of one hour: one instance per hour key such as {@code 2026-11-22T04} (UTC; sharding by time).
 * A shard accepts late events for a day after its hour, then closes itself with a durable schedule.
 */
@Actor("hourlyAnalytics")
public class HourlyAnalytics {

	/** Views per URL in this hour. */
	public static class State {

		public Map<String, Long> viewsByUrl = new LinkedHashMap<>();

		public long total;

		public boolean closed;

	}

	/** How long after its hour a shard still accepts events. */
	static final Duration LATE_EVENTS = Duration.ofDays(1);

	/** A tracked page view. */
	public record PageView(String type, String url) {
	}

	@OnCreate
	public void scheduleClose(ActorContext<State> c) {
		c.actors().get("analyticsIndex", "main").tell("registerHour", c.key());
		try {
			LocalDateTime hour = LocalDateTime.parse(c.key() + ":00");
			c.schedule().at(hour.plusHours(1).plus(LATE_EVENTS).toInstant(ZoneOffset.UTC), "close");
		}
		catch (DateTimeParseException ex) {
			// not an hour key: the shard stays open
		}
	}

	@Action
	public void close(ActorContext<State> c) {
		c.state().closed = true;
	}

	@Action
	public long trackEvent(ActorContext<State> c, PageView event) {
		if (c.state().closed) {
			throw new ActorException("shard_closed", "The hour " + c.key() + " no longer accepts events.", 409);
		}
		c.state().viewsByUrl.merge(event.url(), 1L, Long::sum);
		c.state().total++;
		c.broadcast("tracked", event.url(), c.state().total);
		return c.state().total;
	}

	@Action
	public State getStats(ActorContext<State> c) {
		return c.state();
	}

}
