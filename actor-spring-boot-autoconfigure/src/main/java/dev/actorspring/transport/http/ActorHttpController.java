package dev.actorspring.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.runtime.placement.ActorMetadata;
import dev.actorspring.transport.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST adapter: {@code POST /actors/{name}/{key}/actions/{action}} with {@code {"args": [...]}} answers
 * {@code {"output": ...}}; {@code POST /actors/{name}/{key}} creates, {@code GET /actors/{name}/{key}}
 * describes. Every error is {@code {"group", "code", "message"}} with a fitting status.
 */
@RestController
@RequestMapping("/actors")
public class ActorHttpController {

	private static final byte[] OUTPUT_PREFIX = "{\"output\":".getBytes(StandardCharsets.UTF_8);

	private final ActorRuntime runtime;

	private final long maxBodySize;

	private final Duration actionTimeout;

	public ActorHttpController(ActorRuntime runtime, long maxBodySize, Duration actionTimeout) {
		this.runtime = runtime;
		this.maxBodySize = maxBodySize;
		this.actionTimeout = actionTimeout;
	}

	@PostMapping("/{name}/{key}/actions/{action}")
	public ResponseEntity<byte[]> call(@PathVariable String name, @PathVariable String key,
			@PathVariable String action, HttpServletRequest request) {
		JsonNode body = readBody(request);
		JsonNode args = (body != null) ? normalizeArgs(body.get("args")) : null;
		byte[] output = await(this.runtime.call(name, key, action, args, request.getUserPrincipal()));
		byte[] response = new byte[OUTPUT_PREFIX.length + output.length + 1];
		System.arraycopy(OUTPUT_PREFIX, 0, response, 0, OUTPUT_PREFIX.length);
		System.arraycopy(output, 0, response, OUTPUT_PREFIX.length, output.length);
		response[response.length - 1] = '}';
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
	}

	@PostMapping("/{name}/{key}")
	public ResponseEntity<ActorMetadata> create(@PathVariable String name, @PathVariable String key,
			HttpServletRequest request) {
		JsonNode body = readBody(request);
		JsonNode input = (body != null) ? body.get("input") : null;
		ActorMetadata metadata = await(this.runtime.create(name, key, input));
		return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(metadata);
	}

	@GetMapping("/{name}/{key}")
	public ResponseEntity<ActorMetadata> describe(@PathVariable String name, @PathVariable String key) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(await(this.runtime.describe(name, key)));
	}

	@DeleteMapping("/{name}/{key}")
	public ResponseEntity<Void> destroy(@PathVariable String name, @PathVariable String key) {
		await(this.runtime.destroy(name, key));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Everything else under {@code /actors}: a JSON 405 for a known path with the wrong method, else 404.
	 */
	@RequestMapping("/**")
	public ResponseEntity<ErrorBody> fallback(HttpServletRequest request) {
		String path = request.getRequestURI();
		String[] segments = path.substring(request.getContextPath().length()).split("/", -1);
		boolean knownShape = (segments.length == 4) || (segments.length == 6 && "actions".equals(segments[4]));
		ActorException error = knownShape
				? new ActorException("request", "method_not_allowed",
						"Method " + request.getMethod() + " is not allowed here.", 405, null)
				: new ActorException("request", "route_not_found", "No actor route matches this path.", 404, null);
		this.runtime.rejected(error);
		return error(error);
	}

	@ExceptionHandler(ActorException.class)
	public ResponseEntity<ErrorBody> actorException(ActorException ex) {
		return error(ex);
	}

	@ExceptionHandler(Exception.class)
	public ResponseEntity<ErrorBody> unexpected(Exception ex) {
		return error(ActorFailures.toActorException(ex));
	}

	private static ResponseEntity<ErrorBody> error(ActorException ex) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status()).contentType(MediaType.APPLICATION_JSON);
		if (ex.status() == 429 || ex.status() == 503) {
			response.header("Retry-After", "1");
		}
		return response.body(ErrorBody.of(ex));
	}

	private @Nullable JsonNode readBody(HttpServletRequest request) {
		try {
			return parseBody(request);
		}
		catch (ActorException ex) {
			this.runtime.rejected(ex);
			throw ex;
		}
	}

	private @Nullable JsonNode parseBody(HttpServletRequest request) {
		if (!isJson(request.getContentType())) {
			throw ActorErrors.unsupportedMediaType(request.getContentType());
		}
		long length = request.getContentLengthLong();
		if (length > this.maxBodySize) {
			throw ActorErrors.incomingTooLong(this.maxBodySize);
		}
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			// the declared length when there is one: reading up to the limit would allocate buffers for it
			long limit = Math.min(Integer.MAX_VALUE - 8, this.maxBodySize + 1);
			bytes = in.readNBytes((int) ((length >= 0) ? Math.min(length, limit) : limit));
		}
		catch (IOException ex) {
			throw ActorErrors.invalidRequest("The request body could not be read.");
		}
		if (bytes.length > this.maxBodySize) {
			throw ActorErrors.incomingTooLong(this.maxBodySize);
		}
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
	static boolean isJson(@Nullable String contentType) {
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

	private <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(this.actionTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
