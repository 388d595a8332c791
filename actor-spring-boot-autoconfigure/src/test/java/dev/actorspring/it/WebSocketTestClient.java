package dev.actorspring.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/** A real WebSocket client (the JDK's) that collects the frames the server sends. */
public final class WebSocketTestClient implements WebSocket.Listener, AutoCloseable {

	private final java.util.concurrent.LinkedBlockingDeque<JsonNode> frames = new java.util.concurrent.LinkedBlockingDeque<>();

	private final CompletableFuture<String> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	private WebSocketTestClient(URI uri) {
		this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).join();
	}

	public static WebSocketTestClient connect(int port, String actor, String key, String paramsJson) {
		String query = (paramsJson != null)
				? "?params=" + java.net.URLEncoder.encode(paramsJson, java.nio.charset.StandardCharsets.UTF_8) : "";
		return new WebSocketTestClient(URI.create("ws://localhost:" + port + "/actors/" + actor + "/" + key + "/connect" + query));
	}

	public void send(String frame) {
		this.socket.sendText(frame, true).join();
	}

	/**
	 * Subscribes, and waits until the server has processed the subscription (frames of one connection are
	 * processed in order, so the answer to a request sent after it proves it).
	 */
	public void subscribe(String event) {
		send("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"" + event + "\",\"subscribe\":true}}}");
		sync();
	}

	private void sync() {
		// an empty event name is refused with an Error frame that touches no actor and no metric
		send("{\"body\":{\"tag\":\"SubscriptionRequest\",\"val\":{\"eventName\":\"\",\"subscribe\":true}}}");
		java.util.Deque<JsonNode> others = new java.util.ArrayDeque<>();
		while (true) {
			JsonNode frame = next();
			if (frame.at("/body/tag").asString().equals("Error")
					&& frame.at("/body/val/message").asString().contains("needs an eventName")) {
				break;
			}
			others.add(frame);
		}
		while (!others.isEmpty()) {
			this.frames.addFirst(others.removeLast());
		}
	}

	public void action(long id, String name, String argsJson) {
		send("{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":" + id + ",\"name\":\"" + name + "\",\"args\":"
				+ argsJson + "}}}");
	}

	/** The next frame, failing the test if none arrives within 10 seconds. */
	public JsonNode next() {
		try {
			JsonNode frame = this.frames.poll(10, TimeUnit.SECONDS);
			if (frame == null) {
				throw new AssertionError("No frame within 10 s");
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** The next frame if one arrives within the given time. */
	public JsonNode poll(long millis) throws InterruptedException {
		return this.frames.poll(millis, TimeUnit.MILLISECONDS);
	}

	/** The close code and reason, as "code reason", once the server closed the socket. */
	public String awaitClose() {
		return this.closed.orTimeout(10, TimeUnit.SECONDS).join();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.frames.add(HttpActorClient.JSON.readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode + " " + reason);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete("error " + error);
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally((closedAlready) -> null).join();
		}
	}

}
