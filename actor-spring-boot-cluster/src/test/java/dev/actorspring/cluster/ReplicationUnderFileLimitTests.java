package dev.actorspring.cluster;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Replication while the open-file limit closes files: three nodes that may keep only two actor files open each, many
 * writers over many actors, then {@code kill -9} of one node. Each commit is copied while its file is held open, so
 * the copies are whole, no copy loop hangs, and every acknowledged increment is in the count the survivors show.
 */
class ReplicationUnderFileLimitTests extends ClusterTestSupport {

	ReplicationUnderFileLimitTests() {
		super("file-limit");
	}

	private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");

	private static final int KEYS = 30;

	@Test
	void everyAcknowledgedWriteSurvivesWhileFilesAreClosedUnderTheCopies() throws Exception {
		startThreeNodes((node) -> node.with("--actor.max-open-files=2"));
		Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
		Map<String, AtomicLong> unanswered = new ConcurrentHashMap<>();
		AtomicLong failures = new AtomicLong();
		ExecutorService writers = Executors.newFixedThreadPool(6);
		long until = System.nanoTime() + 8_000_000_000L;
		List<Future<?>> done = new ArrayList<>();
		for (int w = 0; w < 6; w++) {
			done.add(writers.submit(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				while (System.nanoTime() < until) {
					String key = "f" + random.nextInt(KEYS);
					ClusterNode via = this.nodes.get(random.nextInt(3));
					try {
						HttpResponse<String> response = via.post("/actors/counter/" + key + "/actions/increment",
								"{\"args\":[1]}");
						if (response.statusCode() == 200) {
							acknowledged.computeIfAbsent(key, (k) -> new AtomicLong()).incrementAndGet();
						}
						else {
							failures.incrementAndGet();
							unanswered.computeIfAbsent(key, (k) -> new AtomicLong()).incrementAndGet();
						}
					}
					catch (Exception ex) {
						failures.incrementAndGet();
						unanswered.computeIfAbsent(key, (k) -> new AtomicLong()).incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> writer : done) {
			writer.get();
		}
		writers.shutdown();
		long total = acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
		System.out.printf("Acknowledged %d increments over %d actors (%d not acknowledged)%n", total,
				acknowledged.size(), failures.get());
		assertThat(total).as("increments acknowledged under load").isGreaterThan(200);
		assertThat(failures.get()).as("calls that failed with every node up").isLessThan(total / 20 + 5);

		this.nodes.get(1).kill();
		List<ClusterNode> survivors = List.of(this.nodes.get(0), this.nodes.get(2));
		int i = 0;
		for (Map.Entry<String, AtomicLong> entry : acknowledged.entrySet()) {
			ClusterNode via = survivors.get(i++ % 2);
			long ack = entry.getValue().get();
			long maybe = unanswered.getOrDefault(entry.getKey(), new AtomicLong()).get();
			// every acknowledged increment is there; one whose caller got an error may or may not be
			assertThat(awaitCount(via, entry.getKey())).as("count of %s", entry.getKey()).isBetween(ack, ack + maybe);
		}
	}

	/** Reads a key until it answers (after the kill its actor may be taking over on a survivor). */
	private static long awaitCount(ClusterNode via, String key) throws Exception {
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (true) {
			HttpResponse<String> response = via.post("/actors/counter/" + key + "/actions/get", "");
			if (response.statusCode() == 200) {
				Matcher matcher = COUNT.matcher(response.body());
				assertThat(matcher.find()).as(response.body()).isTrue();
				return Long.parseLong(matcher.group(1));
			}
			if (System.nanoTime() > deadline) {
				fail(key + " did not answer within 120 s of the kill: " + response.statusCode() + " " + response.body()
						+ "\n" + via.log());
			}
			Thread.sleep(200);
		}
	}

}
