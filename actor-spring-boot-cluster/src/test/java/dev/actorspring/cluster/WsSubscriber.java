package dev.actorspring.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of one actor, as a browser would hold it: subscribes to an event, calls actions over the
 * connection, and collects every frame it receives.
 */
final class WsSubscriber implements AutoCloseable {

	final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private int nextId = 1;

	private WsSubscriber(String url) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create(url), new WebSocket.Listener() {

				private final StringBuilder text = new StringBuilder();

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					this.text.append(data);
					if (last) {
						WsSubscriber.this.frames.add(this.text.toString());
						this.text.setLength(0);
					}
					webSocket.request(1);
					return null;
				}

				@Override
				public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
					WsSubscriber.this.closed.complete(statusCode);
					return null;
				}

				@Override
				public void onError(WebSocket webSocket, Throwable error) {
					WsSubscriber.this.closed.complete(-1);
				}

			})
			.join();
	}

	static WsSubscriber connect(ClusterNode node, String actor, String key) {
		return new WsSubscriber("ws://127.0.0.1:" + node.httpPort + "/actors/" + actor + "/" + key + "/connect");
	}

	void subscribe(String event) {
		this.socket.sendText("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"" + event
				+ "\",\"subscribe\":true}}}", true).join();
	}

	/** Sends a frame as it is. */
	void sendFrame(String frame) {
		this.socket.sendText(frame, true).join();
	}

	/** Calls an action over the connection and returns its response frame. */
	String call(String action, String argsJson) throws InterruptedException {
		int id = this.nextId++;
		this.socket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":" + id + ",\"name\":\"" + action
				+ "\",\"args\":" + argsJson + "}}}", true).join();
		return await("\"id\":" + id + ",", 30);
	}

	/** Sends an ActionRequest without waiting for its response; returns its id. */
	int send(String action, String argsJson) {
		int id = this.nextId++;
		this.socket.sendText("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":" + id + ",\"name\":\"" + action
				+ "\",\"args\":" + argsJson + "}}}", true).join();
		return id;
	}

	/** Waits for the first frame (in order, skipping others) that contains the text. */
	String await(String text, int seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline) {
			String frame = this.frames.poll(100, TimeUnit.MILLISECONDS);
			if (frame != null && frame.contains(text)) {
				return frame;
			}
		}
		throw new AssertionError("No frame with " + text + " within " + seconds + " s");
	}

	@Override
	public void close() {
		this.socket.abort();
	}

}
