package dev.actorspring.transport.websocket;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.runtime.listener.DeadLetter;
import dev.actorspring.runtime.placement.ClientConnection;
import dev.actorspring.transport.PathSegments;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The WebSocket adapter at {@code /actors/{name}/{key}/connect?params=<url-encoded JSON>}: connects the
 * client to the instance, then serves {@code ActionRequest} and {@code SubscriptionRequest} frames and sends
 * {@code Init}, {@code Event}, {@code ActionResponse} and {@code Error} frames.
 */
public class ActorWebSocketHandler extends TextWebSocketHandler implements DisposableBean {

	private static final String STATE = ActorWebSocketHandler.class.getName() + ".state";

	/** Close code for a connection the actor refused. */
	static final int POLICY_VIOLATION = 1008;

	private final ActorRuntime runtime;

	private final WebSocketFrames frames;

	private final int maxFrameSize;

	private final int sendTimeLimitMillis;

	private final int sendBufferSizeLimit;

	private final Duration connectTimeout;

	private final int maxParamsSize;

	/**
	 * Closes sessions (a close frame may wait for a client that does not read), and sends on containers without
	 * asynchronous sends: never on the caller's thread, one thread per client that is slow right now.
	 */
	private final ExecutorService background;

	public ActorWebSocketHandler(ActorRuntime runtime, int maxFrameSize, Duration sendTimeLimit,
			int sendBufferSizeLimit, Duration connectTimeout, int maxParamsSize) {
		this.maxParamsSize = maxParamsSize;
		this.runtime = runtime;
		this.maxFrameSize = maxFrameSize;
		this.frames = new WebSocketFrames(runtime.codec().mapper());
		this.sendTimeLimitMillis = (int) sendTimeLimit.toMillis();
		this.sendBufferSizeLimit = sendBufferSizeLimit;
		this.connectTimeout = connectTimeout;
		this.background = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "actor-ws");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession rawSession) {
		rawSession.setTextMessageSizeLimit(this.maxFrameSize);
		rawSession.setBinaryMessageSizeLimit(this.maxFrameSize);
		WebSocketSink sink = new WebSocketSink(rawSession,
				FrameWriter.of(rawSession, this.sendTimeLimitMillis, this.background), this.frames,
				this.sendBufferSizeLimit, this.background);
		CompletableFuture<ClientConnection> connection;
		String name = "";
		try {
			URI uri = rawSession.getUri();
			if (uri == null) {
				throw ActorErrors.invalidRequest("The WebSocket request has no URI.");
			}
			String[] segments = uri.getRawPath().split("/");
			String decodedName = PathSegments.decode(segments[segments.length - 3]);
			String key = PathSegments.decode(segments[segments.length - 2]);
			if (decodedName == null || key == null) {
				throw ActorErrors.invalidRequest("The connect path does not decode.");
			}
			name = decodedName;
			String actorName = decodedName;
			sink.reportDroppedEventsTo((what, why) -> this.runtime.deadLetters()
				.report(actorName, key, what, DeadLetter.Reason.CONNECTION_GONE, why));
			connection = this.runtime.connect(name, key, params(uri), sink, rawSession.getPrincipal());
		}
		catch (RuntimeException ex) {
			connection = CompletableFuture.failedFuture(ex);
		}
		rawSession.getAttributes().put(STATE, new SessionState(name, sink, connection));
		connection.whenComplete((accepted, failure) -> {
			if (failure != null) {
				ActorException error = ActorFailures.toActorException(failure);
				sink.send(this.frames.error(null, error));
				sink.close((error.status() >= 500) ? CloseStatus.SERVER_ERROR.getCode() : POLICY_VIOLATION,
						reason(error));
			}
		});
	}

	private @Nullable JsonNode params(URI uri) {
		String raw = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("params");
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		if (raw.length() > this.maxParamsSize) {
			throw ActorErrors.invalidParams("The connection params are longer than " + this.maxParamsSize + " bytes.");
		}
		try {
			return this.runtime.codec().parseRequest(UriUtils.decode(raw, StandardCharsets.UTF_8));
		}
		catch (JacksonException ex) {
			throw ActorErrors.invalidParams("The connection params are not valid JSON: " + ex.getOriginalMessage());
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		SessionState state = (SessionState) session.getAttributes().get(STATE);
		ClientConnection connection = state.awaitConnection(this.connectTimeout);
		if (connection == null) {
			return;
		}
		JsonNode id = null;
		try {
			JsonNode frame = this.runtime.codec().parseRequest(message.getPayload());
			JsonNode body = frame.path("body");
			String tag = body.path("tag").asString("");
			JsonNode val = body.path("val");
			switch (tag) {
				case "ActionRequest" -> {
					id = val.get("id");
					if (id == null || !(id.isNumber() || id.isArray() || id.isString())) {
						id = null;
						throw ActorErrors.invalidRequest("An ActionRequest needs an id.");
					}
					JsonNode actionId = id;
					String action = val.path("name").asString("");
					JsonNode args = val.get("args");
					ActorFailures.within(this.runtime
						.call(state.name, connection, action, (args == null || args.isNull()) ? null : args,
								idempotencyKey(val), trace(val)), this.runtime.actionTimeout(state.name, action))
						.whenComplete((output, failure) -> state.sink.send((failure == null)
								? this.frames.actionResponse(actionId, output)
								: this.frames.error(actionId, ActorFailures.toActorException(failure))));
				}
				case "SubscriptionRequest" -> {
					String eventName = val.path("eventName").asString("");
					if (eventName.isEmpty()) {
						throw ActorErrors.invalidRequest("A SubscriptionRequest needs an eventName.");
					}
					connection.subscribe(eventName, val.path("subscribe").asBoolean(true))
						.whenComplete((subscribed, refused) -> {
							if (refused != null) {
								state.sink.send(this.frames.error(null, ActorFailures.toActorException(refused)));
							}
						});
				}
				default -> throw ActorErrors.invalidRequest("Unknown frame tag '" + tag
						+ "'; expected {\"body\":{\"tag\":\"ActionRequest\"|\"SubscriptionRequest\",\"val\":{...}}}.");
			}
		}
		catch (JacksonException | NumberFormatException ex) {
			ActorException error = ActorErrors.malformedJson((ex instanceof JacksonException jackson)
					? jackson.getOriginalMessage() : ex.getMessage());
			this.runtime.rejected(error);
			state.sink.send(this.frames.error(null, error));
		}
		catch (RuntimeException ex) {
			state.sink.send(this.frames.error(id, ActorFailures.toActorException(ex)));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		SessionState state = (SessionState) session.getAttributes().get(STATE);
		if (state != null) {
			state.connection.thenAccept(this.runtime::disconnect);
		}
	}

	/**
	 * The optional {@code trace} of an ActionRequest: the client's trace propagation fields (for W3C Trace Context,
	 * {@code {"traceparent": "00-...-01"}}), so that the action's turn continues the client's trace. Like trace
	 * headers, anything else there is ignored, never refused.
	 */
	private static @Nullable Map<String, String> trace(JsonNode val) {
		JsonNode trace = val.get("trace");
		if (trace == null || !trace.isObject()) {
			return null;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : trace.properties()) {
			if (field.getValue().isString()) {
				fields.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue().asString());
			}
		}
		return fields;
	}

	/** The optional {@code idempotencyKey} of an ActionRequest: a string, or absent. */
	private static @Nullable String idempotencyKey(JsonNode val) {
		JsonNode key = val.get("idempotencyKey");
		if (key == null || key.isNull()) {
			return null;
		}
		if (!key.isString()) {
			throw ActorErrors.invalidIdempotencyKey("The idempotencyKey must be a string.");
		}
		return key.asString();
	}

	private static String reason(ActorException error) {
		String reason = error.group() + "." + error.code();
		return (reason.length() > 120) ? reason.substring(0, 120) : reason;
	}

	private record SessionState(String name, WebSocketSink sink, CompletableFuture<ClientConnection> connection) {

		@Nullable ClientConnection awaitConnection(Duration timeout) {
			try {
				return this.connection.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			catch (ExecutionException | TimeoutException ex) {
				return null;
			}
		}

	}

	/** Lets the background threads go once the sessions they still close are closed. */
	@Override
	public void destroy() {
		this.background.shutdown();
	}

}
