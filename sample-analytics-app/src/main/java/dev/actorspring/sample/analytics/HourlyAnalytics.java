package dev.actorspring.sample.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

/**
 * Page views of one hour: one instance per hour key such as {@code 2026-11-22T04} (sharding by time).
 */
@Actor("hourlyAnalytics")
public class HourlyAnalytics {

	/** Views per URL in this hour. */
	public static class State {

		public Map<String, Long> viewsByUrl = new LinkedHashMap<>();

		public long total;

	}

	/** A tracked page view. */
	public record PageView(String type, String url) {
	}

	@Action
	public long trackEvent(ActorContext<State> c, PageView event) {
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
