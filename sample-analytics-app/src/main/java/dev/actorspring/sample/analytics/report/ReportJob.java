package dev.actorspring.sample.analytics.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.sample.analytics.HourlyAnalytics;
import dev.actorspring.sample.analytics.RateLimiter;

/**
 * A map-reduce job (key: any job name): fans out to the hour shards and the rate-limiter shards at once, then
 * fans their answers in to one report. Keeps the last report in its state.
 */
@Actor("reportJob")
public class ReportJob {

	/** The last report. */
	public static class State {

		public Report last;

	}

	/** Views per hour, the top pages over those hours, and the rate limiter's totals. */
	public record Report(Map<String, Long> viewsByHour, Map<String, Long> topPages, long allowed, long rejected) {
	}

	@Action
	public Report run(ActorContext<State> c, List<String> hours, int limiterShards) {
		List<CompletableFuture<HourlyAnalytics.Stats>> hourStats = new ArrayList<>();
		for (String hour : hours) {
			hourStats.add(c.actors().get("hourlyAnalytics", hour).call(HourlyAnalytics.Stats.class, "getStats"));
		}
		List<CompletableFuture<RateLimiter.Totals>> limiterTotals = new ArrayList<>();
		for (int shard = 0; shard < limiterShards; shard++) {
			limiterTotals.add(c.actors().get("rateLimiter", "shard-" + shard).call(RateLimiter.Totals.class, "totals"));
		}
		Map<String, Long> viewsByHour = new TreeMap<>();
		Map<String, Long> pages = new TreeMap<>();
		for (int i = 0; i < hours.size(); i++) {
			HourlyAnalytics.Stats stats = hourStats.get(i).join();
			viewsByHour.put(hours.get(i), stats.total());
			stats.viewsByUrl().forEach((url, views) -> pages.merge(url, views, Long::sum));
		}
		long allowed = 0;
		long rejected = 0;
		for (CompletableFuture<RateLimiter.Totals> totals : limiterTotals) {
			allowed += totals.join().allowed();
			rejected += totals.join().rejected();
		}
		Map<String, Long> top = new LinkedHashMap<>();
		pages.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(10)
			.forEach((entry) -> top.put(entry.getKey(), entry.getValue()));
		Report report = new Report(viewsByHour, top, allowed, rejected);
		c.state().last = report;
		return report;
	}

}
