package dev.actorspring.transport.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.transport.ErrorBody;
import dev.actorspring.transport.Requests;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.web.HttpRequestHandler;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The REST adapter, a servlet of its own under {@code /actors/*}: {@code POST /actors/{name}/{key}/actions/{action}}
 * with {@code {"args": [...]}} answers {@code {"output": ...}}; {@code POST /actors/{name}/{key}} creates,
 * {@code GET} describes, {@code DELETE} destroys; {@code /actors/{name}/{key}/connect} goes to the WebSocket
 * handshake. Every error is {@code {"group", "code", "message"}} with a fitting
 * status. A servlet rather than a controller: Spring MVC's handler lookup, argument resolution and message
 * conversion cost the actor routes about a third of their CPU (docs/benchmarks.md) and bought nothing here;
 * servlet filters (Spring Security, the request observation, CORS) apply as to any route.
 */
public final class ActorHttpServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private static final byte[] OUTPUT_PREFIX = "{\"output\":".getBytes(StandardCharsets.UTF_8);

	private static final String JSON = "application/json";

	/** The header that carries a call's idempotency key (as in the IETF draft of the same name). */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final transient Supplier<ActorRuntime> runtimeSupplier;

	private final transient Supplier<@Nullable HttpRequestHandler> connectSupplier;

	private final long maxBodySize;

	private final boolean turnsOnRequestThread;

	/** What the servlet works with, looked up on the first request (the servlet is registered before them). */
	private transient volatile @Nullable Wiring wiring;

	/**
	 * @param runtime the runtime, looked up on the first request (servlets are registered while the web server
	 * starts, before the application's beans: a misdeclared actor then fails the startup with its own message)
	 * @param maxBodySize the largest request body, in bytes (a caller waits for an answer as long as
	 * {@link ActorRuntime#actionTimeout(String, String)} says)
	 * @param connect the WebSocket handshake of {@code /actors/{name}/{key}/connect}, or a supplier of
	 * {@code null} without the WebSocket adapter
	 */
	public ActorHttpServlet(Supplier<ActorRuntime> runtime, long maxBodySize,
			Supplier<@Nullable HttpRequestHandler> connect) {
		this(runtime, maxBodySize, connect, true);
	}

	/**
	 * @param runtime the runtime, looked up on the first request
	 * @param maxBodySize the largest request body, in bytes
	 * @param connect the WebSocket handshake, or a supplier of {@code null}
	 * @param turnsOnRequestThread whether an action's turn may run on the request's thread
	 * ({@link ActorRuntime#callWaiting}); otherwise it always runs on the mailbox pool
	 */
	public ActorHttpServlet(Supplier<ActorRuntime> runtime, long maxBodySize,
			Supplier<@Nullable HttpRequestHandler> connect, boolean turnsOnRequestThread) {
		this.runtimeSupplier = runtime;
		this.connectSupplier = connect;
		this.maxBodySize = maxBodySize;
		this.turnsOnRequestThread = turnsOnRequestThread;
	}

	private record Wiring(ActorRuntime runtime, ActionRequests requests, @Nullable HttpRequestHandler connect) {
	}

	private Wiring wiring() {
		Wiring wiring = this.wiring;
		if (wiring == null) {
			ActorRuntime runtime = this.runtimeSupplier.get();
			wiring = new Wiring(runtime, new ActionRequests(runtime, this.maxBodySize), this.connectSupplier.get());
			this.wiring = wiring;
		}
		return wiring;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		Wiring wiring = wiring();
		ActorRuntime runtime = wiring.runtime();
		try {
			ActorRoute route = ActorRoute.parse(request);
			HttpRequestHandler connect = wiring.connect();
			if (route == null || (route.kind() == ActorRoute.Kind.CONNECT && connect == null)) {
				throw routeError(runtime, request, ActorRoute.knownShape(request));
			}
			observeAs(request, route.kind().pattern);
			if (route.kind() == ActorRoute.Kind.CONNECT) {
				checkQuery(runtime, request);
				connect.handleRequest(request, response);
				return;
			}
			String method = request.getMethod();
			if (route.kind() == ActorRoute.Kind.ACTION) {
				if (!"POST".equals(method)) {
					throw routeError(runtime, request, true);
				}
				JsonNode args = wiring.requests().args(request);
				String idempotencyKey = idempotencyKey(runtime, request);
				CompletableFuture<byte[]> answer = this.turnsOnRequestThread
						? runtime.callWaiting(route.name(), route.key(), route.action(), args, request.getUserPrincipal(),
								idempotencyKey)
						: runtime.call(route.name(), route.key(), route.action(), args, request.getUserPrincipal(),
								idempotencyKey);
				byte[] output = await(answer, runtime.actionTimeout(route.name(), route.action()));
				writeOutput(response, output);
			}
			else if (route.kind() == ActorRoute.Kind.QUEUE) {
				if (!"POST".equals(method)) {
					throw routeError(runtime, request, true);
				}
				if (request.getHeader(IDEMPOTENCY_KEY) != null) { // any, blank or repeated alike
					ActorException refused = ActorErrors.idempotencyNotSupported("Publications to durable queues take "
							+ "no Idempotency-Key yet: a retried publication is queued again.");
					runtime.rejected(refused);
					throw refused;
				}
				publish(runtime, wiring.requests().publication(request), route, request, response);
			}
			else if ("POST".equals(method)) {
				JsonNode input = wiring.requests().input(request);
				write(response, 201, runtime.codec().encode(await(runtime.create(route.name(), route.key(), input), runtime.actionTimeout())));
			}
			else if ("GET".equals(method) || "HEAD".equals(method)) { // Tomcat sends no body for HEAD
				write(response, 200, runtime.codec().encode(await(runtime.describe(route.name(), route.key()), runtime.actionTimeout())));
			}
			else if ("DELETE".equals(method)) {
				await(runtime.destroy(route.name(), route.key()), runtime.actionTimeout());
				response.setStatus(204);
			}
			else {
				throw routeError(runtime, request, true);
			}
		}
		catch (RuntimeException ex) {
			writeError(runtime, response, ActorFailures.toActorException(ex));
		}
	}

	/**
	 * Publishes to a durable queue: {@code 202 {"status":"queued","id":n}} once the message is committed, or with
	 * {@code "wait": true}, {@code 200 {"status":"completed","response":...}} once it was consumed.
	 */
	private static void publish(ActorRuntime runtime, ActionRequests.Publication publication, ActorRoute route,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] answer = await(runtime.enqueue(route.name(), route.key(), route.queue(), publication.body(),
				publication.awaitConsumed(), request.getUserPrincipal()), runtime.actionTimeout());
		String json = new String(answer, StandardCharsets.UTF_8);
		write(response, publication.awaitConsumed() ? 200 : 202,
				(publication.awaitConsumed() ? "{\"status\":\"completed\",\"response\":" + json + "}"
						: "{\"status\":\"queued\",\"id\":" + json + "}").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Whether a request is a WebSocket handshake, {@code /actors/{name}/{key}/connect}.
	 * @param request the request
	 * @return whether it is
	 */
	public static boolean isConnect(HttpServletRequest request) {
		return ActorRoute.isConnect(request);
	}

	/** The {@code uri} tag of Spring's {@code http.server.requests}: the route's pattern, never the key. */
	private static void observeAs(HttpServletRequest request, String pattern) {
		ServerHttpObservationFilter.findObservationContext(request).ifPresent((context) -> context.setPathPattern(pattern));
	}

	/**
	 * The request's {@code Idempotency-Key}, if it has one; two of them are refused (and counted as rejected, as the
	 * runtime counts the keys it refuses).
	 */
	private static @Nullable String idempotencyKey(ActorRuntime runtime, HttpServletRequest request) {
		java.util.Enumeration<String> keys = request.getHeaders(IDEMPOTENCY_KEY);
		if (keys == null || !keys.hasMoreElements()) {
			return null;
		}
		String key = keys.nextElement();
		if (keys.hasMoreElements()) {
			ActorException refused = ActorErrors.invalidIdempotencyKey("A request carries one Idempotency-Key at most.");
			runtime.rejected(refused);
			throw refused;
		}
		return key;
	}

	private static void checkQuery(ActorRuntime runtime, HttpServletRequest request) {
		try {
			Requests.checkQuery(request, true);
		}
		catch (ActorException ex) {
			runtime.rejected(ex);
			throw ex;
		}
	}

	private static ActorException routeError(ActorRuntime runtime, HttpServletRequest request, boolean knownShape) {
		ActorException error = knownShape
				? new ActorException("request", "method_not_allowed",
						"Method " + request.getMethod() + " is not allowed here.", 405, null)
				: new ActorException("request", "route_not_found", "No actor route matches this path.", 404, null);
		runtime.rejected(error);
		return error;
	}

	private static void writeOutput(HttpServletResponse response, byte[] output) throws IOException {
		byte[] body = new byte[OUTPUT_PREFIX.length + output.length + 1];
		System.arraycopy(OUTPUT_PREFIX, 0, body, 0, OUTPUT_PREFIX.length);
		System.arraycopy(output, 0, body, OUTPUT_PREFIX.length, output.length);
		body[body.length - 1] = '}';
		write(response, 200, body);
	}

	private static void writeError(ActorRuntime runtime, HttpServletResponse response, ActorException ex)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		// an answer whose outcome is unknown does not invite a resend: the change may have been kept
		if ((ex.status() == 429 || ex.status() == 503) && !"commit_unconfirmed".equals(ex.code())) {
			response.setHeader("Retry-After", "1");
		}
		write(response, ex.status(), runtime.codec().encode(ErrorBody.of(ex)));
	}

	private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType(JSON);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static <T> T await(CompletableFuture<T> future, Duration timeout) {
		return Requests.await(future, timeout);
	}

}
