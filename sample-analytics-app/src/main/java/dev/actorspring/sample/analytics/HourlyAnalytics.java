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
import dev.actorspring.api.QueueConsumer;

/**
 * Page views of one hour: one instance per hour key such as {@code 2026-11-22T04} (UTC; sharding by time).
 * The raw events are rows of the shard's own {@code events} table ({@code db/actors/hourlyAnalytics/V1__events.sql});
 * the aggregates are SQL queries over it. Page views arrive through the shard's durable queue {@code ingest} (or
 * the {@code trackEvent} action). A shard accepts late events for a day after its hour, then closes itself with a
 * durable schedule.
 */
@Actor("hourlyAnalytics")
public class HourlyAnalytics {

	/** The running total, kept in the state so that each event's broadcast needs no query. */
	public static class State {

		public long total;

		public boolean closed;

	}

	/** What {@code getStats} answers: the total and the views per URL, most viewed first. */
	public record Stats(long total, boolean closed, Map<String, Long> viewsByUrl) {
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

	/**
	 * The ingest path: page views published to the shard's durable queue ({@code POST .../queues/ingest}, or
	 * {@code enqueue("ingest", view)}) are acknowledged once they are in the shard's file and counted here, one per
	 * turn, with the removal of the message committed together with the event's row.
	 */
	@QueueConsumer(value = "ingest", capacity = 10_000, maxAttempts = 5, backoff = "1s")
	public long ingest(ActorContext<State> c, PageView event) {
		return trackEvent(c, event);
	}

	@Action
	public long trackEvent(ActorContext<State> c, PageView event) {
		if (c.state().closed) {
			throw new ActorException("shard_closed", "The hour " + c.key() + " no longer accepts events.", 409);
		}
		c.sql()
			.sql("INSERT INTO events (type, url, received_at) VALUES (?, ?, ?)")
			.params(event.type(), event.url(), System.currentTimeMillis())
			.update();
		c.state().total++;
		c.broadcast("tracked", event.url(), c.state().total);
		return c.state().total;
	}

	@Action
	public Stats getStats(ActorContext<State> c) {
		Map<String, Long> viewsByUrl = new LinkedHashMap<>();
		c.sql()
			.sql("SELECT url, COUNT(*) FROM events GROUP BY url ORDER BY COUNT(*) DESC, url")
			.query((row) -> {
				viewsByUrl.put(row.getString(1), row.getLong(2));
			});
		return new Stats(c.state().total, c.state().closed, viewsByUrl);
	}

	/** Views per minute of the hour (0 to 59), from the raw events. */
	@Action
	public Map<Integer, Long> viewsPerMinute(ActorContext<State> c) {
		Map<Integer, Long> perMinute = new LinkedHashMap<>();
		c.sql()
			.sql("SELECT CAST(strftime('%M', received_at / 1000, 'unixepoch') AS INTEGER) AS minute, COUNT(*) "
					+ "FROM events GROUP BY minute ORDER BY minute")
			.query((row) -> {
				perMinute.put(row.getInt(1), row.getLong(2));
			});
		return perMinute;
	}

}
