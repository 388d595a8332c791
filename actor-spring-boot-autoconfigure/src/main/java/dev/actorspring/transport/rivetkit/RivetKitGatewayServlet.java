package dev.actorspring.transport.rivetkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.runtime.error.ActorFailures;
import dev.actorspring.runtime.placement.ClientConnection;
import dev.actorspring.runtime.placement.ConnectionSink;
import dev.actorspring.transport.ErrorBody;
import dev.actorspring.transport.Requests;
import dev.actorspring.transport.http.ActionRequests;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.web.HttpRequestHandler;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The RivetKit gateway's HTTP side, a servlet under {@code actor.rivetkit.base-path} ({@code /rivet/*}):
 * <ul>
 * <li>{@code GET /metadata}: what the client asks first;</li>
 * <li>{@code POST /gateway/{name|actorId}/action/{action}}: an action, in the encoding of {@code x-rivet-encoding},
 * called as a connection of its own, made with {@code x-rivet-conn-params} and the request's principal, and closed
 * after the call (RivetKit's ephemeral connection: the action is never trusted server code);</li>
 * <li>{@code GET /gateway/{name|actorId}/connect}: the WebSocket handshake ({@link GatewayConnectRequests});</li>
 * <li>{@code PUT /actors} (get or create), {@code POST /actors} (create), {@code GET /actors?name=&key=} and
 * {@code GET /actors?actor_ids=}: the management API RivetKit's clients resolve actor ids with.</li>
 * </ul>
 * Errors are JSON {@code {"group","code","message"}} in every encoding (the client reads a JSON error body whatever
 * the request's encoding), with RivetKit's codes ({@link GatewayErrors}).
 */
public final class RivetKitGatewayServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	/** Set once a request reached the runtime: refusals before it are the gateway's, counted as rejected. */
	static final String DISPATCHED = RivetKitGatewayServlet.class.getName() + ".dispatched";

	/** What {@code GET /metadata} answers; the client only logs it. */
	private static final byte[] METADATA = "{\"runtime\":\"actor-spring-boot\",\"version\":\"1\"}"
		.getBytes(StandardCharsets.UTF_8);

	/** Where an ephemeral connection's traffic goes: an HTTP call gets no events. */
	private static final ConnectionSink NO_TRAFFIC = new ConnectionSink() {
		@Override
		public void init(String actorId, String connectionId) {
		}

		@Override
		public void event(String name, byte[] argsJson) {
		}

		@Override
		public void close(int code, String reason) {
		}
	};

	private final transient Supplier<ActorRuntime> runtimeSupplier;

	private final transient Supplier<@Nullable HttpRequestHandler> connectSupplier;

	private final long maxBodySize;

	private final int maxParamsSize;

	private transient volatile @Nullable Wiring wiring;

	/**
	 * @param runtime the runtime, looked up on the first request
	 * @param maxBodySize the largest request body, in bytes
	 * @param maxParamsSize the longest {@code x-rivet-conn-params}, in characters
	 * @param connect the gateway's WebSocket handshake, or a supplier of {@code null} without WebSocket support
	 */
	public RivetKitGatewayServlet(Supplier<ActorRuntime> runtime, long maxBodySize, int maxParamsSize,
			Supplier<@Nullable HttpRequestHandler> connect) {
		this.runtimeSupplier = runtime;
		this.connectSupplier = connect;
		this.maxBodySize = maxBodySize;
		this.maxParamsSize = maxParamsSize;
	}

	private record Wiring(ActorRuntime runtime, GatewayCodec codec, GatewayTargets targets, Management management,
			@Nullable HttpRequestHandler connect) {
	}

	private Wiring wiring() {
		Wiring wiring = this.wiring;
		if (wiring == null) {
			ActorRuntime runtime = this.runtimeSupplier.get();
			GatewayCodec codec = new GatewayCodec(runtime.codec());
			wiring = new Wiring(runtime, codec, new GatewayTargets(runtime, codec), new Management(runtime, codec),
					this.connectSupplier.get());
			this.wiring = wiring;
		}
		return wiring;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		Wiring wiring = wiring();
		String path = (request.getPathInfo() != null) ? request.getRequestURI()
			.substring(request.getContextPath().length() + request.getServletPath().length()) : "";
		String method = request.getMethod();
		try {
			String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
			Requests.checkQuery(request, segments.length == 3 && segments[2].equals("connect"));
			if (segments.length == 1 && segments[0].equals("metadata") && isGet(method)) {
				observeAs(request, "/metadata");
				write(response, 200, "application/json", METADATA);
			}
			else if (segments.length == 1 && segments[0].equals("actors")) {
				observeAs(request, "/actors");
				boolean hasBody = "PUT".equals(method) || "POST".equals(method);
				if (hasBody) {
					checkContentType(request, GatewayEncoding.JSON);
				}
				wiring.management().serve(request, response, method, body(request, hasBody));
			}
			else if (segments.length == 3 && segments[0].equals("gateway") && segments[2].equals("connect")
					&& wiring.connect() != null) {
				observeAs(request, "/gateway/{actor}/connect");
				wiring.connect().handleRequest(request, response);
			}
			else if (segments.length == 4 && segments[0].equals("gateway") && segments[2].equals("action")
					&& "POST".equals(method)) {
				observeAs(request, "/gateway/{actor}/action/{action}");
				action(wiring, segments[1], decode(segments[3]), request, response);
			}
			else if (segments.length == 4 && segments[0].equals("gateway") && segments[2].equals("queue")
					&& "POST".equals(method)) {
				observeAs(request, "/gateway/{actor}/queue/{queue}");
				queue(wiring, segments[1], decode(segments[3]), request, response);
			}
			else {
				throw new ActorException("request", "route_not_found",
						"No RivetKit gateway route matches " + method + " " + path + ".", 404, null);
			}
		}
		catch (RuntimeException ex) {
			ActorException error = ActorFailures.toActorException(ex);
			if (request.getAttribute(DISPATCHED) == null) { // the runtime counts its own refusals
				wiring.runtime().rejected(error);
			}
			writeError(wiring.runtime(), response, error);
		}
	}

	private void action(Wiring wiring, String target, String action, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		ActorRuntime runtime = wiring.runtime();
		GatewayEncoding encoding = encoding(request);
		JsonNode args = wiring.codec().actionArgs(encoding, body(request, true));
		Map<String, String> trace = trace(request);
		CompletableFuture<byte[]> output = asConnection(wiring, target, request, (to, connection) -> ActorFailures
			.within(runtime.call(to.name(), connection, action, args, null, trace), runtime.actionTimeout(to.name(), action)));
		String name = wiring.targets().nameOf(target, request.getParameter("rvt-method") != null);
		Duration timeout = runtime.actionTimeout().plus((name != null) ? runtime.actionTimeout(name, action) : Duration.ZERO);
		byte[] result = await(output, timeout); // the call itself times out after the action's timeout
		write(response, 200, encoding.contentType(), wiring.codec().actionOutput(encoding, result));
	}

	/**
	 * Publishes to a durable queue ({@code handle.send(queue, body, {wait, timeout})}) as the request's principal,
	 * once an ephemeral connection made from {@code x-rivet-conn-params} was accepted ({@code @OnBeforeConnect}
	 * decides who may publish, as for actions). Answers {@code completed} once the message is committed, or with
	 * {@code wait} once it was consumed, with the consumer's output; {@code timedOut} after {@code timeout}.
	 */
	private void queue(Wiring wiring, String target, String queue, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		ActorRuntime runtime = wiring.runtime();
		GatewayEncoding encoding = encoding(request);
		GatewayCodec.QueueSend send = wiring.codec().queueSend(encoding, body(request, true));
		Principal principal = request.getUserPrincipal();
		CompletableFuture<byte[]> published = asConnection(wiring, target, request, (to, connection) -> runtime
			.enqueue(to.name(), to.key(), queue, send.body().isMissingNode() ? null : send.body(), send.awaitConsumed(),
					principal));
		Duration timeout = runtime.actionTimeout();
		if (send.awaitConsumed() && send.timeoutMillis() != null) {
			timeout = Duration.ofMillis(Math.max(0, Math.min(send.timeoutMillis(), timeout.toMillis())));
		}
		byte[] answer;
		try {
			answer = await(published, timeout);
		}
		catch (ActorException ex) {
			if (!send.awaitConsumed() || !"action_timed_out".equals(ex.code())) {
				throw ex;
			}
			write(response, 200, encoding.contentType(), wiring.codec().queueAnswer(encoding, "timedOut", null));
			return;
		}
		write(response, 200, encoding.contentType(),
				wiring.codec().queueAnswer(encoding, "completed", send.awaitConsumed() ? answer : null));
	}

	/** The request's encoding ({@code x-rivet-encoding}; none is json), its body's content type checked. */
	private static GatewayEncoding encoding(HttpServletRequest request) {
		GatewayEncoding encoding = GatewayEncoding.of(request.getHeader("x-rivet-encoding"));
		checkContentType(request, encoding);
		return encoding;
	}

	/**
	 * Does one piece of work as an ephemeral connection of the target, made from {@code x-rivet-conn-params} and the
	 * request's principal ({@code @OnBeforeConnect} decides), and closes it afterwards ({@code @OnDisconnect} runs),
	 * whatever the outcome. Marks the request as dispatched: refusals from here on are the runtime's.
	 */
	private CompletableFuture<byte[]> asConnection(Wiring wiring, String target, HttpServletRequest request,
			BiFunction<GatewayTargets.Target, ClientConnection, CompletableFuture<byte[]>> work) {
		ActorRuntime runtime = wiring.runtime();
		JsonNode params = params(runtime, request.getHeader("x-rivet-conn-params"));
		Principal principal = request.getUserPrincipal();
		request.setAttribute(DISPATCHED, true);
		return wiring.targets()
			.resolve(target, request::getParameter)
			.thenCompose((to) -> runtime.connect(to.name(), to.key(), params, NO_TRAFFIC, principal)
				.thenCompose((connection) -> {
					CompletableFuture<byte[]> done;
					try {
						done = work.apply(to, connection);
					}
					catch (RuntimeException ex) {
						done = CompletableFuture.failedFuture(ex);
					}
					return done.whenComplete((answer, failure) -> runtime.disconnect(connection));
				}));
	}

	private @Nullable JsonNode params(ActorRuntime runtime, @Nullable String raw) {
		return Requests.params(runtime.codec(), raw, this.maxParamsSize);
	}

	/** The request's W3C trace fields, so that the action's turn continues the caller's trace. */
	private static @Nullable Map<String, String> trace(HttpServletRequest request) {
		String parent = request.getHeader("traceparent");
		if (parent == null) {
			return null;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("traceparent", parent);
		String state = request.getHeader("tracestate");
		if (state != null) {
			fields.put("tracestate", state);
		}
		return fields;
	}

	private byte[] body(HttpServletRequest request, boolean read) {
		return read ? Requests.body(request, this.maxBodySize) : new byte[0];
	}

	/**
	 * Checks that a body is JSON, or binary for bare and cbor: types a browser page of another origin cannot send
	 * without asking first (CORS preflight), so that no cross-site form posts with a user's cookies.
	 */
	private static void checkContentType(HttpServletRequest request, GatewayEncoding encoding) {
		String type = request.getContentType();
		boolean fits = (encoding == GatewayEncoding.JSON) ? ActionRequests.isJson(type)
				: (type != null && (type.equals("application/octet-stream") || type.startsWith("application/octet-stream;")));
		if (!fits) {
			throw new ActorException("request", "unsupported_media_type", "The body must be "
					+ encoding.contentType() + " (Content-Type: " + type + ").", 415, null);
		}
	}

	private static String decode(String segment) {
		String decoded = dev.actorspring.transport.PathSegments.decode(segment);
		if (decoded == null || decoded.isEmpty()) {
			throw ActorErrors.invalidRequest("The path segment does not decode.");
		}
		return decoded;
	}

	private static boolean isGet(String method) {
		return "GET".equals(method) || "HEAD".equals(method);
	}

	private static void observeAs(HttpServletRequest request, String pattern) {
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> context.setPathPattern(request.getServletPath() + pattern));
	}

	private static void writeError(ActorRuntime runtime, HttpServletResponse response, ActorException error)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		ActorException external = GatewayErrors.external(error);
		write(response, external.status(), "application/json", runtime.codec().encode(ErrorBody.of(external)));
	}

	static void write(HttpServletResponse response, int status, String contentType, byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType(contentType);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	static <T> T await(CompletableFuture<T> future, Duration timeout) {
		return Requests.await(future, timeout);
	}

}
