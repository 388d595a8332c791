package dev.actorspring.transport.rivetkit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.actorspring.api.ActorException;
import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.runtime.error.ActorErrors;
import dev.actorspring.transport.Requests;
import dev.actorspring.transport.websocket.ConnectRequests;
import dev.actorspring.transport.websocket.FrameFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The gateway's WebSocket connect, {@code {base}/gateway/{name|actorId}/connect}: the client offers the
 * subprotocols {@code rivet}, {@code rivet_encoding.<json|bare|cbor>} and
 * {@code rivet_conn_params.<url-encoded JSON>}; the server selects {@code rivet} ({@link #handshakeHandler()}),
 * reads the encoding and the params ({@link #interceptor()}), and addresses the actor as the HTTP actions do.
 */
public final class GatewayConnectRequests implements ConnectRequests {

	/** The subprotocol the server must select. */
	static final String RIVET = "rivet";

	private static final String ENCODING = GatewayConnectRequests.class.getName() + ".encoding";

	private static final String PARAMS = GatewayConnectRequests.class.getName() + ".params";

	private static final String TARGET = GatewayConnectRequests.class.getName() + ".target";

	private final ActorRuntime runtime;

	private final GatewayTargets targets;

	private final Map<GatewayEncoding, GatewayFrames> frames = new EnumMap<>(GatewayEncoding.class);

	private final int maxParamsSize;

	/**
	 * @param runtime the runtime
	 * @param maxParamsSize the longest connection params, in characters
	 */
	public GatewayConnectRequests(ActorRuntime runtime, int maxParamsSize) {
		this.runtime = runtime;
		GatewayCodec codec = new GatewayCodec(runtime.codec());
		this.targets = new GatewayTargets(runtime, codec);
		for (GatewayEncoding encoding : GatewayEncoding.values()) {
			this.frames.put(encoding, new GatewayFrames(encoding, codec));
		}
		this.maxParamsSize = maxParamsSize;
	}

	/** Selects {@code rivet} when the client offers it, as RivetKit's clients require. */
	public static DefaultHandshakeHandler handshakeHandler() {
		return new DefaultHandshakeHandler() {
			@Override
			protected @Nullable String selectProtocol(List<String> requestedProtocols, WebSocketHandler webSocketHandler) {
				return requestedProtocols.contains(RIVET) ? RIVET : null;
			}
		};
	}

	/** Reads the encoding and the params from the offered subprotocols; an unknown encoding is a 400. */
	public HandshakeInterceptor interceptor() {
		return new HandshakeInterceptor() {
			@Override
			public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
					WebSocketHandler wsHandler, Map<String, Object> attributes) {
				String encoding = null;
				String params = null;
				for (String protocol : request.getHeaders().getValuesAsList("Sec-WebSocket-Protocol")) {
					if (protocol.startsWith("rivet_encoding.")) {
						encoding = protocol.substring("rivet_encoding.".length());
					}
					else if (protocol.startsWith("rivet_conn_params.")) {
						params = protocol.substring("rivet_conn_params.".length());
					}
				}
				try {
					attributes.put(ENCODING, GatewayEncoding.of(encoding));
				}
				catch (ActorException ex) {
					response.setStatusCode(org.springframework.http.HttpStatus.BAD_REQUEST);
					return false;
				}
				if (params != null) {
					attributes.put(PARAMS, params);
				}
				return true;
			}

			@Override
			public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
					WebSocketHandler wsHandler, @Nullable Exception exception) {
			}
		};
	}

	@Override
	public FrameFormat format(WebSocketSession session) {
		GatewayEncoding encoding = (GatewayEncoding) session.getAttributes().getOrDefault(ENCODING, GatewayEncoding.JSON);
		return new SessionFrames(this.frames.get(encoding), session);
	}

	@Override
	public CompletableFuture<Target> target(WebSocketSession session) {
		URI uri = session.getUri();
		if (uri == null) {
			throw ActorErrors.invalidRequest("The WebSocket request has no URI.");
		}
		String[] segments = uri.getRawPath().split("/");
		JsonNode params = params((String) session.getAttributes().get(PARAMS));
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
		return this.targets.resolve(segments[segments.length - 2], (name) -> {
			String value = query.getFirst(name);
			// as the servlet's getParameter: the client's URLSearchParams sends a space as +
			return (value != null) ? URLDecoder.decode(value, StandardCharsets.UTF_8) : null;
		}).thenApply((target) -> {
			Target connect = new Target(target.name(), target.key(), params);
			session.getAttributes().put(TARGET, connect); // before connecting: Init names the actor by its gateway id
			return connect;
		});
	}

	private @Nullable JsonNode params(@Nullable String raw) {
		if (raw != null && raw.length() > this.maxParamsSize) { // checked before decoding too
			throw ActorErrors.invalidParams("The connection params are longer than " + this.maxParamsSize + " bytes.");
		}
		try {
			return Requests.params(this.runtime.codec(), (raw != null) ? UriUtils.decode(raw, StandardCharsets.UTF_8) : null,
					this.maxParamsSize);
		}
		catch (IllegalArgumentException ex) {
			throw ActorErrors.invalidParams("The connection params are not valid URL-encoded JSON.");
		}
	}

	/** A session's frames: its encoding's, with the gateway id of its actor in {@code Init}. */
	private static final class SessionFrames implements FrameFormat {

		private final GatewayFrames frames;

		private final WebSocketSession session;

		SessionFrames(GatewayFrames frames, WebSocketSession session) {
			this.frames = frames;
			this.session = session;
		}

		@Override
		public Object init(String actorId, String connectionId) {
			Object target = this.session.getAttributes().get(TARGET);
			String id = (target instanceof Target addressed) ? GatewayIds.of(addressed.name(), addressed.key(), actorId)
					: actorId;
			return this.frames.init(id, connectionId);
		}

		@Override
		public Object event(String name, byte[] argsJson) {
			return this.frames.event(name, argsJson);
		}

		@Override
		public Object actionResponse(JsonNode id, byte[] output) {
			return this.frames.actionResponse(id, output);
		}

		@Override
		public Object error(@Nullable JsonNode actionId, ActorException error) {
			return this.frames.error(actionId, error);
		}

		@Override
		public String closeReason(ActorException error) {
			return this.frames.closeReason(error);
		}

		@Override
		public InboundFrame read(WebSocketMessage<?> message) {
			return this.frames.read(message);
		}

	}

}
