package dev.actorspring.autoconfigure;

import java.util.List;

import dev.actorspring.runtime.ActorRuntime;
import jakarta.servlet.http.HttpServletRequest;
import dev.actorspring.transport.http.ActorHttpServlet;
import dev.actorspring.transport.http.ActorPathValve;
import dev.actorspring.transport.http.JsonErrorReportValve;
import org.apache.catalina.core.StandardHost;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Auto-configuration of the REST adapter: {@link ActorHttpServlet} under {@code /actors/*} in servlet web
 * applications, with CORS for the origins of {@code actor.http.cors-allowed-origins}.
 */
@AutoConfiguration(after = { ActorAutoConfiguration.class, ActorWebSocketAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ActorRuntime.class)
@ConditionalOnBooleanProperty(name = "actor.http.enabled", matchIfMissing = true)
public final class ActorHttpAutoConfiguration {

	/** Before Spring Security's filter chain (-100): a preflight carries no credentials and is answered first. */
	static final int CORS_FILTER_ORDER = -101;

	@Bean
	@ConditionalOnMissingBean(name = "actorHttpServlet")
	ServletRegistrationBean<ActorHttpServlet> actorHttpServlet(ObjectProvider<ActorRuntime> runtime,
			ActorProperties properties,
			@Qualifier("actorWebSocketRequestHandler") ObjectProvider<HttpRequestHandler> connect) {
		ServletRegistrationBean<ActorHttpServlet> registration = new ServletRegistrationBean<>(
				new ActorHttpServlet(runtime::getObject, properties.getHttp().getMaxBodySize().toBytes(),
						connect::getIfAvailable, properties.getHttp().isTurnsOnRequestThread()),
				"/actors/*");
		registration.setName("actorHttpServlet");
		return registration;
	}

	/**
	 * CORS for the actor routes, as a filter of their own: Spring Security's {@code cors()} finds its rules
	 * through Spring MVC's handler mappings, which do not serve these routes. Registered but disabled without
	 * allowed origins. WebSocket handshakes are left to {@code actor.websocket.allowed-origins}.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "actorCorsFilter")
	FilterRegistrationBean<CorsFilter> actorCorsFilter(ActorProperties properties) {
		ActorProperties.Http http = properties.getHttp();
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(http.getCorsAllowedOrigins());
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "DELETE"));
		cors.addAllowedHeader("*");
		cors.setMaxAge(http.getCorsMaxAge().toSeconds());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors); // the filter is mapped to /actors/* only
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new RestCorsFilter(source));
		registration.addUrlPatterns("/actors/*");
		registration.setName("actorCorsFilter");
		registration.setOrder(CORS_FILTER_ORDER);
		registration.setEnabled(!http.getCorsAllowedOrigins().isEmpty());
		return registration;
	}

	/** CORS for the REST routes; the connect path has its own origin check, in the WebSocket handshake. */
	static final class RestCorsFilter extends CorsFilter {

		RestCorsFilter(CorsConfigurationSource source) {
			super(source);
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return ActorHttpServlet.isConnect(request);
		}

	}

	/**
	 * Keeps paths written under {@code /actors/} there (no {@code ..} out of them) and lets keys contain {@code /}
	 * and {@code \} (sent as {@code %2F} and {@code %5C}, as compound keys need): Tomcat rejects encoded slashes by default, and its setting is per connector, so the
	 * {@link ActorPathValve} keeps rejecting them on every path but the actor routes. {@link ActorHttpServlet}
	 * splits the raw path and decodes each segment afterwards, and Tomcat maps servlets on the path with
	 * {@code %2F} still encoded, so this cannot change which route or servlet a request reaches.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.tomcat.TomcatConnectorCustomizer")
	static class TomcatPathConfiguration {

		@Bean
		@ConditionalOnBooleanProperty(name = "actor.http.encoded-slash-in-keys", matchIfMissing = true)
		TomcatConnectorCustomizer actorEncodedSlashCustomizer() {
			return (connector) -> {
				connector.setEncodedSolidusHandling("passthrough");
				// compound keys escape a slash inside a part as \/ (ActorKey), sent as %5C%2F
				connector.setEncodedReverseSolidusHandling("passthrough");
			};
		}

		@Bean
		TomcatContextCustomizer actorPathValve(ActorProperties properties) {
			boolean encodedSlashInKeys = properties.getHttp().isEncodedSlashInKeys();
			return (context) -> context.getPipeline().addValve(new ActorPathValve(encodedSlashInKeys));
		}

	}

	/**
	 * Answers requests that Tomcat itself refuses under {@code /actors/} and the RivetKit gateway's path, after the
	 * context path (bad escapes, NUL, invalid UTF-8 in the path), with the actors' JSON error shape instead of an
	 * HTML page. The valve is the host's last error report (the one that answers), configured for the context path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.tomcat.TomcatContextCustomizer",
			"org.apache.catalina.valves.ErrorReportValve" })
	static class TomcatJsonErrorConfiguration {

		@Bean
		TomcatContextCustomizer actorJsonErrorReport(ActorProperties properties) {
			return (context) -> {
				if (context.getParent() instanceof StandardHost host) {
					List<String> prefixes = new java.util.ArrayList<>();
					prefixes.add(context.getEncodedPath() + "/actors/");
					// the gateway's path where the gateway is (its configuration's conditions), checked as it checks it
					if (properties.getRivetkit().isEnabled() && org.springframework.util.ClassUtils.isPresent(
							"tools.jackson.dataformat.cbor.CBORMapper", ActorHttpAutoConfiguration.class.getClassLoader())) {
						prefixes.add(context.getEncodedPath() + ActorRivetKitAutoConfiguration.basePath(properties) + "/");
					}
					host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
					// added as the host starts, after every customizer: the last error report valve added is the one
					// that answers (Spring Boot adds a plain one of its own), and Tomcat then adds no other
					host.addLifecycleListener((event) -> {
						if (org.apache.catalina.Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
							JsonErrorReportValve valve = new JsonErrorReportValve(prefixes);
							for (org.apache.catalina.Valve other : host.getPipeline().getValves()) {
								if (other instanceof JsonErrorReportValve) {
									return; // a host started again keeps the one it has
								}
								if (other instanceof org.apache.catalina.valves.ErrorReportValve report) {
									// as much as the one it answers for shows (Spring Boot's hides the server's version)
									valve.setShowReport(report.isShowReport());
									valve.setShowServerInfo(report.isShowServerInfo());
								}
							}
							host.getPipeline().addValve(valve);
						}
					});
				}
			};
		}

	}

}
