package dev.actorspring.transport.websocket;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import dev.actorspring.runtime.placement.ConnectionSink;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends what the runtime has for one connection without ever blocking its caller (often the actor's mailbox thread):
 * frames go into a bounded outgoing buffer that the server's asynchronous sends drain, one frame at a time, in order.
 * A client that stops reading fills the buffer; once it holds more than its limit the connection is closed with
 * {@value #SLOW_CONSUMER} {@code actor.slow_consumer}, and neither the actor nor the other subscribers wait for it.
 */
final class WebSocketSink implements ConnectionSink {

	private static final Log logger = LogFactory.getLog(WebSocketSink.class);

	/** The close code of a connection whose client does not read what it is sent (policy violation). */
	static final int SLOW_CONSUMER = 1008;

	private final WebSocketSession session;

	private final FrameWriter writer;

	private final FrameFormat frames;

	private final int maxBufferedChars;

	/** Where a close runs: closing sends a close frame, which may wait for a client that does not read. */
	private final Executor closer;

	private final Object lock = new Object();

	private final ArrayDeque<Object> queue = new ArrayDeque<>();

	private long bufferedChars;

	private boolean sending;

	private boolean closed;

	private volatile @Nullable BiConsumer<String, String> droppedEvents;

	/** How to close once the buffered frames are sent, when the runtime closed the connection meanwhile. */
	private @Nullable CloseStatus closing;

	WebSocketSink(WebSocketSession session, FrameWriter writer, FrameFormat frames, int maxBufferedChars,
			Executor closer) {
		this.session = session;
		this.writer = writer;
		this.frames = frames;
		this.maxBufferedChars = maxBufferedChars;
		this.closer = closer;
	}

	@Override
	public void init(String actorId, String connectionId) {
		send(this.frames.init(actorId, connectionId));
	}

	@Override
	public void event(String name, byte[] argsJson) {
		if (!send(this.frames.event(name, argsJson))) {
			dropped(name, "connection_closed");
		}
	}

	/**
	 * Where what this sink drops is reported: each event sent after its connection closed, and the frames it held
	 * when its client stopped reading and was closed.
	 * @param droppedEvents told what was dropped (an event's name, or how many frames) and why
	 */
	void reportDroppedEventsTo(BiConsumer<String, String> droppedEvents) {
		this.droppedEvents = droppedEvents;
	}

	private void dropped(String what, String why) {
		BiConsumer<String, String> report = this.droppedEvents;
		if (report != null) {
			report.accept(what, why);
		}
	}

	/** Closes the connection once the frames already buffered are sent. */
	@Override
	public void close(int code, String reason) {
		synchronized (this.lock) {
			if (this.closed || this.closing != null) {
				return;
			}
			this.closing = new CloseStatus(code, reason);
			if (this.sending) {
				return;
			}
			this.closed = true;
		}
		closeSession(this.closing);
	}

	/**
	 * Queues a frame; never blocks.
	 * @return whether the frame was queued (false: the connection is closed or closing, or just overflowed)
	 */
	boolean send(Object frame) {
		int cleared = 0;
		synchronized (this.lock) {
			if (this.closed || this.closing != null) {
				return false;
			}
			if (this.bufferedChars + size(frame) > this.maxBufferedChars && !this.queue.isEmpty()) {
				this.closed = true;
				cleared = this.queue.size();
				this.queue.clear();
				this.bufferedChars = 0;
			}
			else {
				this.queue.add(frame);
				this.bufferedChars += size(frame);
				if (this.sending) {
					return true;
				}
				this.sending = true;
				frame = null;
			}
		}
		if (frame != null) {
			logger.debug("Closing " + this.session.getId() + ": its client does not read what it is sent");
			dropped(cleared + " buffered frames", "slow_consumer");
			closeSession(new CloseStatus(SLOW_CONSUMER, "actor.slow_consumer"));
			return false;
		}
		pump();
		return true;
	}

	/** Sends the buffered frames one after another; the thread that set {@code sending} runs it. */
	private void pump() {
		for (;;) {
			Object frame;
			CloseStatus closeNow = null;
			synchronized (this.lock) {
				frame = this.closed ? null : this.queue.poll();
				if (frame == null) {
					this.sending = false;
					if (!this.closed && this.closing != null) {
						this.closed = true;
						closeNow = this.closing;
					}
				}
				else {
					this.bufferedChars -= size(frame);
				}
			}
			if (frame == null) {
				if (closeNow != null) {
					closeSession(closeNow);
				}
				return;
			}
			Send send = new Send();
			try {
				this.writer.write(frame, send);
			}
			catch (RuntimeException ex) {
				failed(ex);
				return;
			}
			if (!send.senderReturned()) {
				return;
			}
		}
	}

	/**
	 * One frame in flight. Its completion may run on the sending thread, inside {@code sendText}, or later on another
	 * thread: whichever of the two (the sender returning, the completion) comes second sends the next frame, so the
	 * sending loop neither recurses nor runs twice.
	 */
	@SuppressWarnings("serial")
	private final class Send extends AtomicBoolean implements FrameWriter.Completion {

		@Override
		public void done(@Nullable Throwable failure) {
			if (failure != null) {
				failed(failure);
				return;
			}
			if (compareAndSet(false, true)) {
				return;
			}
			pump();
		}

		/** Whether the completion already ran, so that the sender goes on with the next frame. */
		boolean senderReturned() {
			return !compareAndSet(false, true);
		}

	}

	/** A frame's size: characters of a text frame, bytes of a binary one. */
	private static int size(Object frame) {
		return (frame instanceof byte[] bytes) ? bytes.length : ((String) frame).length();
	}

	private void failed(@Nullable Throwable ex) {
		int cleared;
		synchronized (this.lock) {
			this.sending = false;
			if (this.closed) {
				return;
			}
			this.closed = true;
			cleared = this.queue.size();
			this.queue.clear();
		}
		if (cleared > 0) {
			dropped(cleared + " buffered frames", "send_failed");
		}
		logger.debug("Could not send to " + this.session.getId() + ": " + ex);
		closeSession(new CloseStatus(CloseStatus.SERVER_ERROR.getCode(), "actor.send_failed"));
	}

	private void closeSession(CloseStatus status) {
		Runnable close = () -> {
			try {
				this.session.close(status);
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not close " + this.session.getId(), ex);
			}
		};
		try {
			this.closer.execute(close);
		}
		catch (RejectedExecutionException ex) {
			close.run(); // the application is stopping
		}
	}

}
