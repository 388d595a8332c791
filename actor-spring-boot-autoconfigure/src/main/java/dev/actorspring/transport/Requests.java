package dev.actorspring.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.actorspring.codec.ActorCodec;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What the HTTP and WebSocket adapters do alike with a client's request: read its body up to a limit, read its
 * connection params, and wait for the runtime's answer.
 */
public final class Requests {

	private Requests() {
	}

	/**
	 * Refuses a query string that the servlet container cannot parse (a malformed {@code %} escape, more
	 * parameters than it allows): Tomcat throws from {@code getParameter}, and a WebSocket upgrade fails on what
	 * {@link URI} refuses.
	 * @param request the request
	 * @param upgrade whether the request is a WebSocket handshake
	 * @throws dev.actorspring.api.ActorException {@code 400 request/invalid_request}
	 */
	public static void checkQuery(HttpServletRequest request, boolean upgrade) {
		String query = request.getQueryString();
		if (query == null) {
			return;
		}
		try {
			if (upgrade) {
				new URI("http://localhost/?" + query); // as Tomcat's WebSocket handshake reads the request's URI
			}
			request.getParameterNames(); // parses the parameters, or throws what each getParameter would
		}
		catch (URISyntaxException | IllegalStateException | IllegalArgumentException ex) {
			throw ActorErrors.invalidRequest("The query string is malformed.");
		}
	}

	/**
	 * Reads a request body of at most {@code maxBodySize} bytes (a declared length or a streamed body).
	 * @throws dev.actorspring.api.ActorException {@code incoming_too_long} beyond the limit
	 */
	public static byte[] body(HttpServletRequest request, long maxBodySize) {
		long length = request.getContentLengthLong();
		if (length > maxBodySize) {
			throw ActorErrors.incomingTooLong(maxBodySize);
		}
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			// the declared length when there is one: reading up to the limit would allocate buffers for it
			long limit = Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1);
			bytes = in.readNBytes((int) ((length >= 0) ? Math.min(length, limit) : limit));
		}
		catch (IOException ex) {
			throw ActorErrors.invalidRequest("The request body could not be read.");
		}
		if (bytes.length > maxBodySize) {
			throw ActorErrors.incomingTooLong(maxBodySize);
		}
		return bytes;
	}

	/**
	 * Reads connection params: a JSON document of at most {@code maxParamsSize} characters.
	 * @param json the params as sent (already URL-decoded), or {@code null}
	 * @return the params, or {@code null} for none
	 * @throws dev.actorspring.api.ActorException {@code invalid_params}
	 */
	public static @Nullable JsonNode params(ActorCodec codec, @Nullable String json, int maxParamsSize) {
		if (json == null || json.isEmpty()) {
			return null;
		}
		if (json.length() > maxParamsSize) {
			throw ActorErrors.invalidParams("The connection params are longer than " + maxParamsSize + " bytes.");
		}
		try {
			return codec.parseRequest(json);
		}
		catch (JacksonException ex) {
			throw ActorErrors.invalidParams("The connection params are not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Waits for the runtime's answer.
	 * @throws dev.actorspring.api.ActorException its failure, {@code action_timed_out} after the timeout, or
	 * {@code stopped} when interrupted
	 */
	public static <T> T await(CompletableFuture<T> future, Duration timeout) {
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw ActorErrors.actionTimedOut();
		}
		catch (ExecutionException ex) {
			throw ActorFailures.toActorException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ActorErrors.stopped();
		}
	}

}
