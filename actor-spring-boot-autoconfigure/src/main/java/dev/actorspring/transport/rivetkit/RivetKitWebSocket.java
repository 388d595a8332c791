package dev.actorspring.transport.rivetkit;

import java.util.List;

import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.transport.websocket.ActorWebSocketHandler;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * The gateway's WebSocket connect: the actors' WebSocket adapter with {@link GatewayConnectRequests}, behind a
 * handshake that selects the {@code rivet} subprotocol and checks the origin as the native connect does.
 */
public final class RivetKitWebSocket implements DisposableBean {

	private final ActorWebSocketHandler handler;

	private final WebSocketHttpRequestHandler requestHandler;

	/**
	 * @param runtime the runtime
	 * @param handler a factory of the adapter for the given connect requests
	 * @param maxParamsSize the longest connection params, in characters
	 * @param allowedOrigins the origin patterns allowed to connect (empty: same origin only)
	 */
	public RivetKitWebSocket(ActorRuntime runtime, java.util.function.Function<GatewayConnectRequests, ActorWebSocketHandler> handler,
			int maxParamsSize, List<String> allowedOrigins) {
		GatewayConnectRequests requests = new GatewayConnectRequests(runtime, maxParamsSize);
		this.handler = handler.apply(requests);
		this.requestHandler = new WebSocketHttpRequestHandler(this.handler, GatewayConnectRequests.handshakeHandler());
		OriginHandshakeInterceptor origins = new OriginHandshakeInterceptor();
		origins.setAllowedOriginPatterns(allowedOrigins);
		this.requestHandler.setHandshakeInterceptors(List.of(origins, requests.interceptor()));
	}

	/** The handshake, to which the gateway servlet hands {@code /gateway/{actor}/connect}. */
	public HttpRequestHandler requestHandler() {
		return this.requestHandler;
	}

	@Override
	public void destroy() {
		this.handler.destroy();
	}

}
