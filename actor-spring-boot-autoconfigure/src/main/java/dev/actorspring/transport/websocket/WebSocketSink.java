package dev.actorspring.transport.websocket;

import java.io.IOException;

import dev.actorspring.runtime.placement.ConnectionSink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends what the runtime has for one connection through a thread-safe, bounded session decorator.
 */
final class WebSocketSink implements ConnectionSink {

	private static final Log logger = LogFactory.getLog(WebSocketSink.class);

	private final WebSocketSession session;

	private final WebSocketFrames frames;

	WebSocketSink(WebSocketSession session, WebSocketFrames frames) {
		this.session = session;
		this.frames = frames;
	}

	@Override
	public void init(String actorId, String connectionId) {
		send(this.frames.init(actorId, connectionId));
	}

	@Override
	public void event(String name, byte[] argsJson) {
		send(this.frames.event(name, argsJson));
	}

	@Override
	public void close(int code, String reason) {
		try {
			this.session.close(new CloseStatus(code, reason));
		}
		catch (IOException ex) {
			logger.debug("Could not close " + this.session.getId(), ex);
		}
	}

	void send(String frame) {
		if (!this.session.isOpen()) {
			return;
		}
		try {
			this.session.sendMessage(new TextMessage(frame));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not send to " + this.session.getId() + ": " + ex);
		}
	}

}
