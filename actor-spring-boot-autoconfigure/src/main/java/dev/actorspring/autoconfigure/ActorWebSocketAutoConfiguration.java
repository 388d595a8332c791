package dev.actorspring.autoconfigure;

import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.transport.websocket.ActorWebSocketHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Auto-configuration of the WebSocket adapter at {@code /actors/{name}/{key}/connect}.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebSocketConfigurer.class, ServletServerContainerFactoryBean.class })
@ConditionalOnBean(ActorRuntime.class)
@ConditionalOnBooleanProperty(name = "actor.websocket.enabled", matchIfMissing = true)
@EnableWebSocket
public final class ActorWebSocketAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActorWebSocketHandler actorWebSocketHandler(ActorRuntime runtime, ActorProperties properties) {
		ActorProperties.Websocket websocket = properties.getWebsocket();
		return new ActorWebSocketHandler(runtime, websocket.getSendTimeLimit(),
				(int) websocket.getSendBufferSize().toBytes(), properties.getActionTimeout());
	}

	@Bean
	WebSocketConfigurer actorWebSocketConfigurer(ActorWebSocketHandler handler, ActorProperties properties) {
		String[] origins = properties.getWebsocket().getAllowedOrigins().toArray(String[]::new);
		return (registry) -> registry.addHandler(handler, "/actors/*/*/connect").setAllowedOriginPatterns(origins);
	}

	@Bean
	@ConditionalOnMissingBean
	ServletServerContainerFactoryBean actorWebSocketContainer(ActorProperties properties) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int maxFrame = (int) properties.getWebsocket().getMaxFrameSize().toBytes();
		container.setMaxTextMessageBufferSize(maxFrame);
		container.setMaxBinaryMessageBufferSize(maxFrame);
		return container;
	}

}
