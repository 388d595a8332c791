package dev.actorspring.it.security;

// tag::security[]
import dev.actorspring.transport.security.ActorSecurityErrors;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
public class ActorSecurityConfiguration {

	private static final RequestMatcher ACTORS = PathPatternRequestMatcher.withDefaults().matcher("/actors/**");

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
		basic.setRealmName("app");
		http.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")   // "actors" shows state
				.requestMatchers(HttpMethod.DELETE, "/actors/**").hasRole("ADMIN")   // destroying an actor
				.requestMatchers(ACTORS).authenticated()                          // REST and WebSocket handshakes
				.requestMatchers("/error").permitAll()
				.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())                                 // browsers: session cookie
			.httpBasic((httpBasic) -> httpBasic.authenticationEntryPoint(DelegatingAuthenticationEntryPoint.builder()
				.addEntryPointFor(ActorSecurityErrors.unauthorized(), ACTORS)
				.defaultEntryPoint(basic)
				.build()))
			.cors(Customizer.withDefaults())   // the app's own CORS; /actors/** has actor.http.cors-allowed-origins
			// POST /actors/** takes only JSON (else 415), which no cross-site page can send without a CORS
			// preflight, so the actor routes need no CSRF token; every other route keeps Spring's protection.
			.csrf((csrf) -> csrf.ignoringRequestMatchers(ACTORS))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(ActorSecurityErrors.unauthorized(), ACTORS)
				.defaultAccessDeniedHandlerFor(ActorSecurityErrors.forbidden(), ACTORS)
				.defaultAccessDeniedHandlerFor(ActorSecurityErrors.forbidden(), EndpointRequest.toAnyEndpoint()));
		return http.build();
	}

}
// end::security[]
