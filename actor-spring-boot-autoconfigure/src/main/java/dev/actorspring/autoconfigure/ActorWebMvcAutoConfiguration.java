package dev.actorspring.autoconfigure;

import dev.actorspring.runtime.ActorRuntime;
import dev.actorspring.transport.http.ActorHttpController;
import dev.actorspring.transport.http.EncodedSlashValve;
import dev.actorspring.transport.http.JsonErrorReportValve;
import org.apache.catalina.core.StandardHost;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of the REST adapter under {@code /actors} in servlet web applications.
 */
@AutoConfiguration(after = ActorAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(ActorRuntime.class)
@ConditionalOnBooleanProperty(name = "actor.http.enabled", matchIfMissing = true)
public final class ActorWebMvcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActorHttpController actorHttpController(ActorRuntime runtime, ActorProperties properties) {
		return new ActorHttpController(runtime, properties.getHttp().getMaxBodySize().toBytes(),
				properties.getActionTimeout());
	}

	@Bean
	WebMvcConfigurer actorCorsConfigurer(ActorProperties properties) {
		return new WebMvcConfigurer() {

			@Override
			public void addCorsMappings(CorsRegistry registry) {
				ActorProperties.Http http = properties.getHttp();
				if (!http.getCorsAllowedOrigins().isEmpty()) {
					registry.addMapping("/actors/**")
						.allowedOriginPatterns(http.getCorsAllowedOrigins().toArray(String[]::new))
						.allowedMethods("GET", "POST", "DELETE")
						.allowedHeaders("*")
						.maxAge(http.getCorsMaxAge().toSeconds());
				}
			}

		};
	}

	/**
	 * Lets keys contain {@code /} (sent as {@code %2F}): Tomcat rejects encoded slashes by default, and its setting
	 * is per connector, so the {@link EncodedSlashValve} keeps rejecting them on every path but the actor routes.
	 * Spring MVC's path patterns match on the encoded path and decode variables afterwards, so this cannot change
	 * which handler a request reaches.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.tomcat.TomcatConnectorCustomizer")
	@ConditionalOnBooleanProperty(name = "actor.http.encoded-slash-in-keys", matchIfMissing = true)
	static class TomcatEncodedSlashConfiguration {

		@Bean
		TomcatConnectorCustomizer actorEncodedSlashCustomizer() {
			return (connector) -> connector.setEncodedSolidusHandling("passthrough");
		}

		@Bean
		TomcatContextCustomizer actorEncodedSlashValve() {
			return (context) -> context.getPipeline().addValve(new EncodedSlashValve());
		}

	}

	/**
	 * Answers requests that Tomcat itself refuses under {@code /actors/} (bad escapes, NUL, invalid UTF-8 in
	 * the path) with the actors' JSON error shape instead of an HTML page.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.tomcat.TomcatContextCustomizer",
			"org.apache.catalina.valves.ErrorReportValve" })
	static class TomcatJsonErrorConfiguration {

		@Bean
		TomcatContextCustomizer actorJsonErrorReport() {
			return (context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
				}
			};
		}

	}

}
