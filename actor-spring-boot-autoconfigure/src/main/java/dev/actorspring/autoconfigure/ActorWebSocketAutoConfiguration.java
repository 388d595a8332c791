package dev.actorspring.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.transport.websocket.ActorWebSocketHandler;
import dev.actorspring.transport.websocket.NativeConnectRequests;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Auto-configuration of the WebSocket adapter at {@code /actors/{name}/{key}/connect}.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebSocketHandler.class, WebSocketHttpRequestHandler.class })
@ConditionalOnBean(ActorRuntime.class)
@ConditionalOnBooleanProperty(name = "actor.websocket.enabled", matchIfMissing = true)
public final class ActorWebSocketAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActorWebSocketHandler actorWebSocketHandler(ActorRuntime runtime, ActorProperties properties) {
		ActorProperties.Websocket websocket = properties.getWebsocket();
		return new ActorWebSocketHandler(runtime,
				new NativeConnectRequests(runtime, (int) websocket.getMaxParamsSize().toBytes()),
				(int) websocket.getMaxFrameSize().toBytes(), websocket.getSendTimeLimit(),
				(int) websocket.getSendBufferSize().toBytes(), properties.getActionTimeout());
	}

	@Bean
	WebSocketHttpRequestHandler actorWebSocketRequestHandler(ActorWebSocketHandler handler,
			ActorProperties properties) {
		WebSocketHttpRequestHandler requestHandler = new WebSocketHttpRequestHandler(handler,
				new DefaultHandshakeHandler());
		OriginHandshakeInterceptor origins = new OriginHandshakeInterceptor();
		origins.setAllowedOriginPatterns(properties.getWebsocket().getAllowedOrigins());
		requestHandler.setHandshakeInterceptors(List.of(origins));
		return requestHandler;
	}

	/**
	 * With the REST adapter switched off ({@code actor.http.enabled=false}), maps the connect path in Spring MVC,
	 * ahead of its other mappings (order -1), on its own, so the application's other WebSocket configuration is
	 * untouched. Otherwise the actor servlet ({@code /actors/*}) hands the connect path to the same handler.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.servlet.handler.SimpleUrlHandlerMapping")
	@ConditionalOnBooleanProperty(name = "actor.http.enabled", havingValue = false)
	static class MvcConnectMapping {

		@Bean
		SimpleUrlHandlerMapping actorWebSocketHandlerMapping(
				WebSocketHttpRequestHandler actorWebSocketRequestHandler) {
			return new SimpleUrlHandlerMapping(Map.of("/actors/*/*/connect", actorWebSocketRequestHandler), -1);
		}

	}

}
