package dev.actorspring.transport.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Writes one frame (a {@link String} as a text frame, a {@code byte[]} as a binary one) to a client and reports when it is written; {@link WebSocketSink} never starts a frame before
 * the previous one completed.
 */
@FunctionalInterface
interface FrameWriter {

	/** Whether the Jakarta WebSocket API is there (it is with Tomcat and Jetty's Jakarta support). */
	boolean JAKARTA_WEBSOCKET = ClassUtils.isPresent("jakarta.websocket.Session", FrameWriter.class.getClassLoader());

	/** Starts writing {@code frame}; calls {@code done} once, possibly before returning. */
	void write(Object frame, Completion done);

	/** Told once a frame is written ({@code null}) or could not be. */
	@FunctionalInterface
	interface Completion {

		void done(@Nullable Throwable failure);

	}

	/**
	 * The container's asynchronous sender (Jakarta WebSocket, as on Tomcat), which never blocks the caller, with
	 * {@code sendTimeoutMillis} per frame; on a container without it, a blocking send on a {@code background} thread.
	 */
	static FrameWriter of(WebSocketSession session, int sendTimeoutMillis, Executor background) {
		Session container = (JAKARTA_WEBSOCKET && session instanceof NativeWebSocketSession nativeSession)
				? nativeSession.getNativeSession(Session.class) : null;
		if (container != null) {
			RemoteEndpoint.Async remote = container.getAsyncRemote();
			remote.setSendTimeout(sendTimeoutMillis);
			return (frame, done) -> {
				jakarta.websocket.SendHandler handler = (result) -> done.done(result.isOK() ? null : result.getException());
				if (frame instanceof byte[] bytes) {
					remote.sendBinary(ByteBuffer.wrap(bytes), handler);
				}
				else {
					remote.sendText((String) frame, handler);
				}
			};
		}
		return (frame, done) -> {
			try {
				background.execute(() -> {
					try {
						session.sendMessage((frame instanceof byte[] bytes) ? new BinaryMessage(bytes) : new TextMessage((String) frame));
					}
					catch (IOException | RuntimeException ex) {
						done.done(ex);
						return;
					}
					done.done(null);
				});
			}
			catch (RejectedExecutionException ex) {
				done.done(ex);
			}
		};
	}

}
