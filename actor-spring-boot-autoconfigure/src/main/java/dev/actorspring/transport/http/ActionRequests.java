package dev.actorspring.transport.http;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.transport.Requests;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads the JSON body of a {@code POST} to an actor route: JSON only (else {@code 415}), at most the configured
 * size, an object such as {@code {"args": [...]}} or {@code {"input": ...}}. Every refusal is counted as rejected.
 */
public final class ActionRequests {

	private final ActorRuntime runtime;

	private final long maxBodySize;

	ActionRequests(ActorRuntime runtime, long maxBodySize) {
		this.runtime = runtime;
		this.maxBodySize = maxBodySize;
	}

	/** The {@code args} of an action call, normalized as RivetKit does, or {@code null} for none. */
	@Nullable JsonNode args(HttpServletRequest request) {
		JsonNode body = read(request);
		return (body != null) ? normalizeArgs(body.get("args")) : null;
	}

	/**
	 * A publication to a durable queue, {@code {"body": ..., "wait": false}}.
	 * @return the body ({@code null} for none) and whether to wait for its consumption
	 */
	Publication publication(HttpServletRequest request) {
		JsonNode body = read(request);
		JsonNode wait = (body != null) ? body.get("wait") : null;
		if (wait != null && !wait.isBoolean() && !wait.isNull()) {
			ActorException error = ActorErrors.invalidRequest("\"wait\" must be true or false.");
			this.runtime.rejected(error);
			throw error;
		}
		return new Publication((body != null) ? body.get("body") : null, wait != null && wait.asBoolean());
	}

	/** What a {@code POST} to a queue publishes. */
	record Publication(@Nullable JsonNode body, boolean awaitConsumed) {
	}

	/** The {@code input} of a create, or {@code null}. */
	@Nullable JsonNode input(HttpServletRequest request) {
		JsonNode body = read(request);
		return (body != null) ? body.get("input") : null;
	}

	private @Nullable JsonNode read(HttpServletRequest request) {
		try {
			return parse(request);
		}
		catch (ActorException ex) {
			this.runtime.rejected(ex);
			throw ex;
		}
	}

	private @Nullable JsonNode parse(HttpServletRequest request) {
		if (!isJson(request.getContentType())) {
			throw ActorErrors.unsupportedMediaType(request.getContentType());
		}
		byte[] bytes = Requests.body(request, this.maxBodySize);
		if (isBlank(bytes)) {
			return null;
		}
		JsonNode body;
		try {
			body = this.runtime.codec().parseRequest(bytes);
		}
		catch (JacksonException ex) {
			throw ActorErrors.malformedJson(ex.getOriginalMessage());
		}
		catch (NumberFormatException ex) {
			// a number whose exponent Jackson cannot represent, when the mapper reads floats as BigDecimal
			throw ActorErrors.malformedJson(ex.getMessage());
		}
		if (body.isNull() || body.isMissingNode()) {
			return null;
		}
		if (!body.isObject()) {
			throw ActorErrors.invalidRequest("The body must be a JSON object such as {\"args\": [...]}.");
		}
		return body;
	}

	/**
	 * Whether a POST carries JSON: {@code application/json} or {@code application/*+json}. Browsers send other
	 * types ({@code text/plain}, forms) across sites without asking first; JSON they do not (CORS preflight), so
	 * requiring it keeps cross-site pages from posting actions with a user's cookies.
	 */
	public static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		if (contentType.equals("application/json") || contentType.startsWith("application/json;")) {
			return true;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return "application".equals(type.getType())
					&& ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static boolean isBlank(byte[] bytes) {
		for (byte b : bytes) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return false;
			}
		}
		return true;
	}

	/** As RivetKit: missing or null means no arguments, an array is the arguments, anything else one argument. */
	static @Nullable JsonNode normalizeArgs(@Nullable JsonNode args) {
		if (args == null || args.isNull() || args.isMissingNode()) {
			return null;
		}
		return args.isArray() ? args : JsonNodeFactory.instance.arrayNode().add(args);
	}

}
