package dev.actorspring.sample.analytics;

import java.util.TreeSet;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

/** The coordinator that knows which hour shards exist (key {@code main}); each new shard registers itself. */
@Actor("analyticsIndex")
public class AnalyticsIndex {

	/** The hour keys, sorted. */
	public static class State {

		public TreeSet<String> hours = new TreeSet<>();

	}

	@Action
	public void registerHour(ActorContext<State> c, String hour) {
		c.state().hours.add(hour);
	}

	@Action
	public TreeSet<String> hours(ActorContext<State> c) {
		return c.state().hours;
	}

}
