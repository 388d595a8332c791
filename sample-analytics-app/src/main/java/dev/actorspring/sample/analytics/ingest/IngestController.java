package dev.actorspring.sample.analytics.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

import dev.actorspring.api.ActorClient;
import dev.actorspring.api.ActorException;
import dev.actorspring.sample.analytics.HourlyAnalytics;
import dev.actorspring.sample.analytics.report.ReportJob;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring controller that uses actors through the injected {@link ActorClient}: page views pass a
 * randomly chosen rate-limiter shard, then go to the durable queue of the current hour's shard ({@code 202} once
 * the view is in the shard's file, {@code 429} when the limiter or a full queue refuses it); the dashboard's data
 * comes from a map-reduce job over the last 24 hours.
 */
@RestController
public class IngestController {

	static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

	private final ActorClient actors;

	private final int limiterShards;

	private final int limitPerMinute;

	public IngestController(ActorClient actors, @Value("${analytics.rate-limiter.shards:4}") int limiterShards,
			@Value("${analytics.rate-limiter.limit-per-minute:30}") int limitPerMinute) {
		this.actors = actors;
		this.limiterShards = limiterShards;
		this.limitPerMinute = limitPerMinute;
	}

	/** A page view as the load generator and browsers send it. */
	public record PageViewRequest(String userId, String url) {
	}

	@PostMapping("/api/track")
	public ResponseEntity<Map<String, Object>> track(@RequestBody PageViewRequest view) {
		String shard = "shard-" + ThreadLocalRandom.current().nextInt(this.limiterShards);
		Boolean allowed = this.actors.get("rateLimiter", shard)
			.call(Boolean.class, "checkLimit", view.userId(), this.limitPerMinute)
			.join();
		if (!Boolean.TRUE.equals(allowed)) {
			return ResponseEntity.status(429).body(Map.of("accepted", false, "shard", shard));
		}
		String hour = HOUR.format(Instant.now());
		try {
			// acknowledged once the view is in the hour shard's file; the shard counts it right after, in its own turn
			Long id = this.actors.get("hourlyAnalytics", hour)
				.enqueue("ingest", new HourlyAnalytics.PageView("page_view", view.url()))
				.join();
			return ResponseEntity.accepted().body(Map.of("accepted", true, "hour", hour, "id", id));
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof ActorException refused && refused.status() == 429) {
				return ResponseEntity.status(429).body(Map.of("accepted", false, "hour", hour, "reason", refused.code()));
			}
			throw ex;
		}
	}

	@GetMapping("/api/dashboard")
	public ReportJob.Report dashboard() {
		Instant now = Instant.now();
		List<String> hours = new ArrayList<>();
		for (int i = 23; i >= 0; i--) {
			hours.add(HOUR.format(now.minusSeconds(3600L * i)));
		}
		List<String> existing = new ArrayList<>(hours);
		existing.retainAll(this.actors.get("analyticsIndex", "main").call(List.class, "hours").join());
		ReportJob.Report report = this.actors.get("reportJob", "dashboard")
			.call(ReportJob.Report.class, "run", existing, this.limiterShards)
			.join();
		java.util.Map<String, Long> allHours = new java.util.LinkedHashMap<>();
		hours.forEach((hour) -> allHours.put(hour, report.viewsByHour().getOrDefault(hour, 0L)));
		return new ReportJob.Report(allHours, report.topPages(), report.allowed(), report.rejected());
	}

}
