package dev.actorspring.benchmarks.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One event to many WebSocket subscribers of one actor: opens the subscribers, then posts {@code tick} actions
 * one after another and measures, for every subscriber, the time from the POST to the event's arrival. Prints
 * p50/p99 over all deliveries and how many were missing, next to the round trip of the no-op endpoint (the
 * baseline of the same run). Usage: {@code BroadcastBenchmark <base-url> [subscribers] [ticks]}.
 */
public final class BroadcastBenchmark {

	private BroadcastBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int subscribers = (args.length > 1) ? Integer.parseInt(args[1]) : 1000;
		int ticks = (args.length > 2) ? Integer.parseInt(args[2]) : 50;
		HttpClient http = HttpClient.newHttpClient();
		// the subscribers' client runs their listeners on its selector thread (they only note the time): on its default
		// thread pool each frame was one more thread hand-off inside the measured time, on the same two cores
		HttpClient subscribersClient = Boolean.parseBoolean(System.getProperty("broadcast.direct", "true"))
				? HttpClient.newBuilder().executor(Runnable::run).build() : HttpClient.newHttpClient();
		long[] sentAt = new long[ticks];
		AtomicLongArray received = new AtomicLongArray(subscribers * ticks);
		AtomicReference<CountDownLatch> tickDone = new AtomicReference<>(new CountDownLatch(subscribers));
		CountDownLatch ready = new CountDownLatch(subscribers);
		List<WebSocket> sockets = new ArrayList<>();
		String wsBase = base.replaceFirst("^http", "ws");
		for (int s = 0; s < subscribers; s++) {
			int subscriber = s;
			sockets.add(subscribersClient.newWebSocketBuilder()
				.buildAsync(URI.create(wsBase + "/actors/room/bench/connect"), new WebSocket.Listener() {

					private final StringBuilder text = new StringBuilder();

					@Override
					public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
						this.text.append(data);
						if (last) {
							String frame = this.text.toString();
							this.text.setLength(0);
							long now = System.nanoTime();
							if (frame.contains("\"Event\"")) {
								int tick = tickOf(frame);
								received.set(subscriber * ticks + tick, now);
								tickDone.get().countDown();
							}
							else if (frame.contains("\"Error\"")) {
								ready.countDown();
							}
						}
						socket.request(1);
						return null;
					}

				})
				.join());
			WebSocket socket = sockets.get(s);
			socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"tick\",\"subscribe\":true}}}",
					true).join();
			// frames of a connection are handled in order: the Error answering this empty subscription follows the one above
			socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"\",\"subscribe\":true}}}",
					true).join();
		}
		if (!ready.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Subscribers not ready: " + ready.getCount() + " missing");
		}
		long[] noop = new long[ticks];
		for (int t = 0; t < ticks; t++) {
			long started = System.nanoTime();
			post(http, base + "/noop");
			noop[t] = System.nanoTime() - started;
		}
		for (int t = 0; t < ticks; t++) {
			CountDownLatch done = new CountDownLatch(subscribers);
			tickDone.set(done);
			sentAt[t] = System.nanoTime();
			post(http, base + "/actors/room/bench/actions/tick", "{\"args\":[" + t + "]}");
			done.await(10, TimeUnit.SECONDS);
		}
		List<Long> latencies = new ArrayList<>();
		int missing = 0;
		for (int s = 0; s < subscribers; s++) {
			for (int t = 0; t < ticks; t++) {
				long at = received.get(s * ticks + t);
				if (at == 0) {
					missing++;
				}
				else {
					latencies.add(at - sentAt[t]);
				}
			}
		}
		long[] all = latencies.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(all);
		Arrays.sort(noop);
		System.out.printf("%nBroadcast: %d events to %d WebSocket subscribers of one actor: %,d deliveries, %d missing;"
				+ " from the POST to arrival p50 %.2f ms, p99 %.2f ms, max %.2f ms. Baseline: no-op POST round trip "
				+ "p50 %.2f ms, p99 %.2f ms%n", ticks, subscribers, all.length, missing, pct(all, 50), pct(all, 99),
				all[all.length - 1] / 1e6, pct(noop, 50), pct(noop, 99));
		CompletableFuture.allOf(sockets.stream()
			.map((socket) -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"))
			.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
	}

	private static void post(HttpClient http, String url) throws Exception {
		post(http, url, "{\"args\":[1]}");
	}

	private static void post(HttpClient http, String url, String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	/** The tick number of an event frame ({@code ..."args":[17]...}), without a regex per frame. */
	private static int tickOf(String frame) {
		int start = frame.indexOf("\"args\":[") + 8;
		return Integer.parseInt(frame, start, frame.indexOf(']', start), 10);
	}

	private static double pct(long[] sorted, int p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
	}

}
