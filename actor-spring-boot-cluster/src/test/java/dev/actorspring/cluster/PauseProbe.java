package dev.actorspring.cluster;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads some counters over and over through one node, as a client that gives up on a call after a second and tries
 * again would, and measures the longest time any of them went without an answer: how long a hand-off pauses an
 * actor.
 */
final class PauseProbe {

	private static final Pattern NODE = Pattern.compile("\"node\":\"(\\d+)\"");

	private final ClusterNode via;

	private final List<String> keys;

	private final Map<String, Long> lastAnswer = new HashMap<>();

	private final Map<String, String> lastNode = new HashMap<>();

	private volatile String leaving;

	private long longestGap;

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	private PauseProbe(ClusterNode via, List<String> keys) {
		this.via = via;
		this.keys = keys;
	}

	/** Starts reading the keys (counters) through the node, in a thread of its own. */
	static PauseProbe start(ClusterNode via, List<String> keys) {
		PauseProbe probe = new PauseProbe(via, keys);
		long now = System.nanoTime();
		keys.forEach((key) -> probe.lastAnswer.put(key, now));
		Thread thread = new Thread(probe::run, "pause-probe");
		thread.setDaemon(true);
		thread.start();
		return probe;
	}

	/**
	 * Waits until every key answered from a node other than the one leaving, then stops.
	 * @param leavingNode the HTTP port the counters report for the leaving node
	 * @return the longest time, in seconds, that a key went without an answer
	 */
	double awaitMoved(String leavingNode) throws Exception {
		this.leaving = leavingNode;
		this.done.get(120, java.util.concurrent.TimeUnit.SECONDS);
		return this.longestGap / 1e9;
	}

	private void run() {
		try {
			while (true) {
				for (String key : this.keys) {
					read(key);
				}
				String gone = this.leaving;
				if (gone != null && this.keys.stream().allMatch((key) -> !gone.equals(this.lastNode.get(key))
						&& this.lastNode.get(key) != null)) {
					this.done.complete(null);
					return;
				}
			}
		}
		catch (Exception ex) {
			this.done.completeExceptionally(ex);
		}
	}

	private void read(String key) throws Exception {
		try {
			HttpResponse<String> response = this.via.post("/actors/counter/" + key + "/actions/get", "",
					Duration.ofSeconds(1));
			if (response.statusCode() != 200) {
				return;
			}
			long now = System.nanoTime();
			this.longestGap = Math.max(this.longestGap, now - this.lastAnswer.get(key));
			this.lastAnswer.put(key, now);
			Matcher node = NODE.matcher(response.body());
			if (node.find()) {
				this.lastNode.put(key, node.group(1));
			}
		}
		catch (java.io.IOException ex) {
			// no answer within a second, or the connection failed: the gap goes on
		}
	}

}
