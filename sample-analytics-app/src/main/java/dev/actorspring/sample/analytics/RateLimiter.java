package dev.actorspring.sample.analytics;

import java.util.HashMap;
import java.util.Map;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

/**
 * A per-minute request limiter, sharded randomly over a few instances ({@code shard-0} ... {@code shard-N}):
 * RivetKit's random sharding. Each shard counts requests per user in the current minute.
 */
@Actor("rateLimiter")
public class RateLimiter {

	/** Counts of the current minute. */
	public static class State {

		public long minute;

		public Map<String, Integer> requests = new HashMap<>();

		public long allowed;

		public long rejected;

	}

	/** Totals of one shard, for the dashboard. */
	public record Totals(long allowed, long rejected) {
	}

	@Action
	public boolean checkLimit(ActorContext<State> c, String userId, int limit) {
		long minute = System.currentTimeMillis() / 60_000;
		if (c.state().minute != minute) {
			c.state().minute = minute;
			c.state().requests.clear();
		}
		int count = c.state().requests.getOrDefault(userId, 0);
		if (count >= limit) {
			c.state().rejected++;
			return false;
		}
		c.state().requests.put(userId, count + 1);
		c.state().allowed++;
		return true;
	}

	@Action
	public Totals totals(ActorContext<State> c) {
		return new Totals(c.state().allowed, c.state().rejected);
	}

}
