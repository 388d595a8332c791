package dev.actorspring.autoconfigure;

import java.util.List;

import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.transport.rivetkit.RivetKitGatewayServlet;
import dev.actorspring.transport.rivetkit.RivetKitWebSocket;
import dev.actorspring.transport.websocket.ActorWebSocketHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.dataformat.cbor.CBORMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Auto-configuration of the RivetKit gateway under {@code actor.rivetkit.base-path} ({@code /rivet}): the
 * {@link RivetKitGatewayServlet}, its WebSocket connect ({@link RivetKitWebSocket}) and its CORS.
 */
@AutoConfiguration(after = { ActorAutoConfiguration.class, ActorWebSocketAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(CBORMapper.class)
@ConditionalOnBean(ActorRuntime.class)
@ConditionalOnBooleanProperty(name = "actor.rivetkit.enabled", matchIfMissing = true)
public final class ActorRivetKitAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ActorRivetKitAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(name = "rivetKitGatewayServlet")
	ServletRegistrationBean<RivetKitGatewayServlet> rivetKitGatewayServlet(ObjectProvider<ActorRuntime> runtime,
			ActorProperties properties, ObjectProvider<RivetKitWebSocket> webSocket) {
		ServletRegistrationBean<RivetKitGatewayServlet> registration = new ServletRegistrationBean<>(
				new RivetKitGatewayServlet(runtime::getObject, properties.getHttp().getMaxBodySize().toBytes(),
						(int) properties.getWebsocket().getMaxParamsSize().toBytes(),
						() -> {
							RivetKitWebSocket connect = webSocket.getIfAvailable();
							return (connect != null) ? connect.requestHandler() : null;
						}),
				basePath(properties) + "/*");
		registration.setName("rivetKitGatewayServlet");
		logger.info("RivetKit gateway at " + basePath(properties) + ": RivetKit's clients reach the actors there; secure it "
				+ "as /actors/** (docs/security.md), or set actor.rivetkit.enabled=false");
		return registration;
	}

	/**
	 * CORS for the gateway, with credentials (RivetKit's client sends cookies to {@code /metadata} and
	 * {@code /actors}), before Spring Security's filters; registered but disabled without allowed origins.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "rivetKitCorsFilter")
	FilterRegistrationBean<CorsFilter> rivetKitCorsFilter(ActorProperties properties) {
		List<String> origins = properties.getRivetkit().getCorsAllowedOrigins();
		for (String origin : origins) {
			if (origin.matches("([A-Za-z*]+://)?\\*(:[0-9*\\[\\],]+)?")) { // *, https://*, *:8080
				throw new IllegalStateException("actor.rivetkit.cors-allowed-origins must name origins, not '" + origin
						+ "': the gateway allows credentials (cookies), so any origin would act as its users.");
			}
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(origins);
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"));
		cors.addAllowedHeader("*");
		cors.addExposedHeader("*");
		cors.setAllowCredentials(true);
		cors.setMaxAge(properties.getHttp().getCorsMaxAge().toSeconds());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors); // the filter is mapped to the base path only
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new GatewayCorsFilter(source));
		registration.addUrlPatterns(basePath(properties) + "/*");
		registration.setName("rivetKitCorsFilter");
		registration.setOrder(ActorHttpAutoConfiguration.CORS_FILTER_ORDER);
		registration.setEnabled(!origins.isEmpty());
		return registration;
	}

	/** The base path, checked: {@code /name[/name...]}, not the native {@code /actors}. */
	static String basePath(ActorProperties properties) {
		String path = properties.getRivetkit().getBasePath();
		if (!path.matches("(/[A-Za-z0-9._~-]+)+") || path.equals("/actors") || path.startsWith("/actors/")) {
			throw new IllegalStateException("actor.rivetkit.base-path must look like /rivet (segments of letters, digits, "
					+ "'.', '_', '~' or '-', not /actors): '" + path + "'");
		}
		return path;
	}

	/** CORS for the gateway's HTTP routes; its connect has the WebSocket origin check. */
	static final class GatewayCorsFilter extends CorsFilter {

		GatewayCorsFilter(CorsConfigurationSource source) {
			super(source);
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return request.getRequestURI().endsWith("/connect") && !"OPTIONS".equals(request.getMethod());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebSocketHandler.class, WebSocketHttpRequestHandler.class })
	@ConditionalOnBooleanProperty(name = "actor.websocket.enabled", matchIfMissing = true)
	static class GatewayWebSocketConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RivetKitWebSocket rivetKitWebSocket(ActorRuntime runtime, ActorProperties properties) {
			ActorProperties.Websocket websocket = properties.getWebsocket();
			return new RivetKitWebSocket(runtime,
					(requests) -> new ActorWebSocketHandler(runtime, requests, (int) websocket.getMaxFrameSize().toBytes(),
							websocket.getSendTimeLimit(), (int) websocket.getSendBufferSize().toBytes(),
							properties.getActionTimeout()),
					(int) websocket.getMaxParamsSize().toBytes(), websocket.getAllowedOrigins());
		}

	}

}
