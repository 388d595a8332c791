package dev.actorspring.transport.websocket;

import java.time.Duration;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The WebSocket adapter: connects the client to the instance its {@link ConnectRequests} name (the native
 * {@code /actors/{name}/{key}/connect?params=<url-encoded JSON>}, or the RivetKit gateway's connect), then serves
 * {@code ActionRequest} and {@code SubscriptionRequest} frames and sends {@code Init}, {@code Event},
 * {@code ActionResponse} and {@code Error} frames, in the session's {@link FrameFormat}.
 */
public class ActorWebSocketHandler extends AbstractWebSocketHandler implements DisposableBean {

	private static final String STATE = ActorWebSocketHandler.class.getName() + ".state";

	/** Close code for a connection the actor refused. */
	static final int POLICY_VIOLATION = 1008;

	private final ActorRuntime runtime;

	private final ConnectRequests requests;

	private final int maxFrameSize;

	private final int sendTimeLimitMillis;

	private final int sendBufferSizeLimit;

	private final Duration connectTimeout;

	/**
	 * Closes sessions (a close frame may wait for a client that does not read), and sends on containers without
	 * asynchronous sends: never on the caller's thread, one thread per client that is slow right now.
	 */
	private final ExecutorService background;

	/**
	 * The adapter of the native connect path, {@code /actors/{name}/{key}/connect}.
	 * @deprecated since the RivetKit gateway: pass the connect requests, {@code new NativeConnectRequests(runtime,
	 * maxParamsSize)}
	 */
	@Deprecated
	public ActorWebSocketHandler(ActorRuntime runtime, int maxFrameSize, Duration sendTimeLimit,
			int sendBufferSizeLimit, Duration connectTimeout, int maxParamsSize) {
		this(runtime, new NativeConnectRequests(runtime, maxParamsSize), maxFrameSize, sendTimeLimit, sendBufferSizeLimit,
				connectTimeout);
	}

	public ActorWebSocketHandler(ActorRuntime runtime, ConnectRequests requests, int maxFrameSize,
			Duration sendTimeLimit, int sendBufferSizeLimit, Duration connectTimeout) {
		this.runtime = runtime;
		this.requests = requests;
		this.maxFrameSize = maxFrameSize;
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
		FrameFormat format = this.requests.format(rawSession);
		WebSocketSink sink = new WebSocketSink(rawSession,
				FrameWriter.of(rawSession, this.sendTimeLimitMillis, this.background), format,
				this.sendBufferSizeLimit, this.background);
		CompletableFuture<ClientConnection> connection;
		CompletableFuture<ConnectRequests.Target> target;
		try {
			target = this.requests.target(rawSession);
		}
		catch (RuntimeException ex) {
			target = CompletableFuture.failedFuture(ex);
		}
		connection = target.thenCompose((to) -> {
			sink.reportDroppedEventsTo((what, why) -> this.runtime.deadLetters()
				.report(to.name(), to.key(), what, DeadLetter.Reason.CONNECTION_GONE, why));
			return this.runtime.connect(to.name(), to.key(), to.params(), sink, rawSession.getPrincipal());
		});
		rawSession.getAttributes().put(STATE, new SessionState(target, format, sink, connection));
		connection.whenComplete((accepted, failure) -> {
			if (failure != null) {
				ActorException error = ActorFailures.toActorException(failure);
				sink.send(format.error(null, error));
				sink.close((error.status() >= 500) ? CloseStatus.SERVER_ERROR.getCode() : POLICY_VIOLATION,
						format.closeReason(error));
			}
		});
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		handleFrame(session, message);
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		SessionState state = (SessionState) session.getAttributes().get(STATE);
		if (state == null || state.format instanceof WebSocketFrames) {
			try { // the native protocol is JSON text, as TextWebSocketHandler had it
				session.close(CloseStatus.NOT_ACCEPTABLE.withReason("Binary messages not supported"));
			}
			catch (java.io.IOException ex) {
				// the client is gone
			}
			return;
		}
		handleFrame(session, message);
	}

	private void handleFrame(WebSocketSession session, WebSocketMessage<?> message) {
		SessionState state = (SessionState) session.getAttributes().get(STATE);
		ClientConnection connection = state.awaitConnection(this.connectTimeout);
		if (connection == null) {
			return;
		}
		FrameFormat.InboundFrame frame;
		try {
			frame = state.format.read(message);
		}
		catch (RuntimeException ex) {
			ActorException error = ActorFailures.toActorException(ex);
			this.runtime.rejected(error);
			state.sink.send(state.format.error(null, error));
			return;
		}
		if (frame instanceof FrameFormat.RefusedAction refused) {
			this.runtime.rejected(refused.error());
			state.sink.send(state.format.error(refused.id(), refused.error()));
		}
		else if (frame instanceof FrameFormat.ActionRequest request) {
			try {
				String name = state.name();
				ActorFailures.within(this.runtime.call(name, connection, request.name(), request.args(),
						idempotencyKey(request.idempotencyKey()), request.trace()),
						this.runtime.actionTimeout(name, request.name()))
					.whenComplete((output, failure) -> answer(state, request.id(), output, failure));
			}
			catch (RuntimeException ex) {
				state.sink.send(state.format.error(request.id(), ActorFailures.toActorException(ex)));
			}
		}
		else if (frame instanceof FrameFormat.SubscriptionRequest request) {
			CompletableFuture<Void> subscribed;
			try {
				subscribed = connection.subscribe(request.eventName(), request.subscribe());
			}
			catch (RuntimeException ex) {
				subscribed = CompletableFuture.failedFuture(ex);
			}
			subscribed.whenComplete((done, refused) -> {
				if (refused != null) {
					state.sink.send(state.format.error(null, ActorFailures.toActorException(refused)));
				}
			});
		}
	}

	/** Sends an action's answer; a frame that cannot be built is answered with an error, never left unanswered. */
	private static void answer(SessionState state, JsonNode id, byte @Nullable [] output, @Nullable Throwable failure) {
		Object frame;
		try {
			frame = (failure == null) ? state.format.actionResponse(id, output)
					: state.format.error(id, ActorFailures.toActorException(failure));
		}
		catch (RuntimeException ex) {
			frame = state.format.error(id, ActorFailures.toActorException(ex));
		}
		state.sink.send(frame);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		SessionState state = (SessionState) session.getAttributes().get(STATE);
		if (state != null) {
			state.connection.thenAccept(this.runtime::disconnect);
		}
	}

	/** The optional {@code idempotencyKey} of an ActionRequest: a string, or absent. */
	private static @Nullable String idempotencyKey(@Nullable JsonNode key) {
		if (key == null || key.isNull()) {
			return null;
		}
		if (!key.isString()) {
			throw ActorErrors.invalidIdempotencyKey("The idempotencyKey must be a string.");
		}
		return key.asString();
	}

	private record SessionState(CompletableFuture<ConnectRequests.Target> target, FrameFormat format,
			WebSocketSink sink, CompletableFuture<ClientConnection> connection) {

		/** The actor type, once connected. */
		String name() {
			return this.target.join().name();
		}

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
